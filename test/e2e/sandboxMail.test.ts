import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { readdirSync, readFileSync } from "node:fs";
import { promises as dns } from "node:dns";
import { ImapFlow } from "imapflow";
import { dkimVerify } from "mailauth/lib/dkim/verify.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/defaults.js";
import { firstJsonLine, runInBash, sandboxInOwnHome } from "../support/sandboxProcess.js";
import { BIN } from "../support/spawnCli.js";

interface Started {
  endpoint: string;
  dnsServers: string[];
  env: Record<string, string>;
  configPath: string;
}

interface ProbeTarget {
  name: string;
  to: string;
  inbound?: { s3: { bucket: string; prefix: string; region: string } };
  imap?: { host: string; port: number; secure: boolean; user: string; passwordSecret: string };
}

const { domain, selector, bucket } = SANDBOX_DEFAULTS;

describe("the spawned sandbox sends probe mail to the mailboxes its config names, signed as SES signs it", () => {
  it("delivers to the S3 inbound target and the IMAP target; both verify with the BYODKIM selector; the key never shows", async () => {
    const sandbox = sandboxInOwnHome(["--scenario", "already-enabled", "--json"]);
    let stdout = "";
    let stderr = "";
    sandbox.child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    sandbox.child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const started = await firstJsonLine<Started>(sandbox.child.stdout!);
      const config = parse(readFileSync(started.configPath, "utf8")) as { probe: { targets: ProbeTarget[] }; dmarc: { reports: string } };
      const [inboundTarget, imapTarget] = config.probe.targets;
      expect([inboundTarget!.name, imapTarget!.name]).toEqual(["ses-inbound", "imap"]);
      const credentials = { accessKeyId: started.env["AWS_ACCESS_KEY_ID"]!, secretAccessKey: started.env["AWS_SECRET_ACCESS_KEY"]! };
      const common = { endpoint: started.endpoint, credentials, maxAttempts: 1 };
      const ses = new SESv2Client({ ...common, region: started.env["AWS_REGION"]! });
      const token = "a1b2c3d4e5f60718";
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: `byodkim-probe@${domain}`,
          Destination: { ToAddresses: [inboundTarget!.to, imapTarget!.to] },
          Content: {
            Simple: {
              Subject: { Data: `byodkim probe ${token}` },
              Body: { Text: { Data: "probe" } },
              Headers: [{ Name: "X-Byodkim-Probe", Value: token }],
            },
          },
        }),
      );

      const s3 = inboundTarget!.inbound!.s3;
      const inbound = new S3Client({ ...common, region: s3.region, forcePathStyle: true });
      const listed = await inbound.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: s3.prefix }));
      expect(listed.Contents).toHaveLength(1);
      const stored = await (await inbound.send(new GetObjectCommand({ Bucket: s3.bucket, Key: listed.Contents![0]!.Key }))).Body!.transformToString();

      const imap = imapTarget!.imap!;
      const secrets = new SecretsManagerClient({ ...common, region: started.env["AWS_REGION"]! });
      const password = (await secrets.send(new GetSecretValueCommand({ SecretId: imap.passwordSecret }))).SecretString!;
      const client = new ImapFlow({ host: imap.host, port: imap.port, secure: imap.secure, auth: { user: imap.user, pass: password }, logger: false });
      await client.connect();
      let fetched = "";
      const lock = await client.getMailboxLock("INBOX");
      try {
        const found = (await client.search({ header: { "x-byodkim-probe": token } })) as number[];
        expect(found).toHaveLength(1);
        const message = await client.fetchOne(String(found[0]), { source: true });
        fetched = message ? (message.source?.toString() ?? "") : "";
      } finally {
        lock.release();
        await client.logout();
      }

      const resolver = new dns.Resolver({ timeout: 2000, tries: 2 });
      resolver.setServers([started.dnsServers[0]!]);
      for (const message of [stored, fetched]) {
        const { results } = await dkimVerify(message, { resolver: (name, type) => resolver.resolve(name, type as "TXT") });
        expect(results.map((result) => `${result.signingDomain} ${result.selector} ${result.status.result}`)).toEqual([
          `${domain} ${selector} pass`,
          "amazonses.com byodkimsandbox4amazonsesfeedback pass",
        ]);
      }

      // DMARC reports through the subcommand, from another shell pointed at this sandbox.
      const reports = await runInBash(
        `eval "$("${process.execPath}" "${BIN}" sandbox --env)" && "${process.execPath}" "${BIN}" sandbox dmarc-reports --days 2 --json`,
        {
          cwd: sandbox.checkout,
          env: sandbox.env,
        },
      );
      expect(reports.code).toBe(0);
      const written = JSON.parse(reports.stdout) as { out: string; reports: { file: string }[] };
      expect(written.out).toBe(config.dmarc.reports);
      expect(readdirSync(config.dmarc.reports).sort()).toEqual(written.reports.map((report) => report.file.split("/").at(-1)).sort());

      // The wrong-key drill from another shell: the next probe's domain signature fails at the receiver.
      const inShell = (args: string) =>
        runInBash(`eval "$("${process.execPath}" "${BIN}" sandbox --env)" && "${process.execPath}" "${BIN}" ${args}`, {
          cwd: sandbox.checkout,
          env: sandbox.env,
        });
      const unknown = await inShell("sandbox wrong-key example.org");
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain(`the sandbox has no SES identity example.org in ap-northeast-1 (known there: ${domain})`);
      const drill = await inShell(`sandbox wrong-key ${domain}`);
      expect(drill.code).toBe(0);
      expect(drill.stdout).toContain(`${domain}: SES signs with a key that DNS does not publish`);
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: `byodkim-probe@${domain}`,
          Destination: { ToAddresses: [inboundTarget!.to] },
          Content: {
            Simple: { Subject: { Data: "wrong key" }, Body: { Text: { Data: "probe" } }, Headers: [{ Name: "X-Byodkim-Probe", Value: "0000000000000001" }] },
          },
        }),
      );
      const afterDrill = await inbound.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: s3.prefix }));
      const newest = afterDrill.Contents!.find((object) => object.Key !== listed.Contents![0]!.Key)!;
      const wrongSigned = await (await inbound.send(new GetObjectCommand({ Bucket: s3.bucket, Key: newest.Key }))).Body!.transformToString();
      const { results: wrongResults } = await dkimVerify(wrongSigned, { resolver: (name, type) => resolver.resolve(name, type as "TXT") });
      expect(wrongResults.map((result) => `${result.signingDomain} ${result.status.result}`)).toEqual([`${domain} fail`, "amazonses.com pass"]);

      // The key SES was given, as it sits in S3: not a line of it in anything the sandbox printed or stored.
      const state = await (await fetch(`${started.endpoint}/_sandbox/state`)).text();
      const log = await (await fetch(`${started.endpoint}/_sandbox/log`)).text();
      const keyObjects = await inbound.send(new ListObjectsV2Command({ Bucket: bucket }));
      const pem = await (await inbound.send(new GetObjectCommand({ Bucket: bucket, Key: keyObjects.Contents![0]!.Key }))).Body!.transformToString();
      const keyLines = pem.split("\n").filter((line) => line.length > 40 && !line.startsWith("-----"));
      expect(keyLines.length).toBeGreaterThan(10);
      for (const text of [stdout, stderr, state, log, stored, fetched, wrongSigned, reports.stdout, reports.stderr]) {
        for (const line of keyLines) expect(text).not.toContain(line);
      }
    } finally {
      sandbox.child.kill("SIGINT");
      await sandbox.exited;
    }
  });
});

import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { PutEmailIdentityDkimSigningAttributesCommand, SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { promises as dns } from "node:dns";
import { ImapFlow } from "imapflow";
import { dkimVerify } from "mailauth/lib/dkim/verify.js";
import { afterEach, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS, SANDBOX_MAIL } from "../../src/sandbox/defaults.js";
import { AMAZONSES_SELECTOR } from "../../src/sandbox/sesMailKeys.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/start.js";

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.stop();
  box = undefined;
});

const { domain } = SANDBOX_DEFAULTS;

async function sandboxWithClients(options: SandboxOptions = {}) {
  box = await startSandbox({ verifyIntervalMs: 50, ...options });
  const credentials = { accessKeyId: box.env["AWS_ACCESS_KEY_ID"]!, secretAccessKey: box.env["AWS_SECRET_ACCESS_KEY"]! };
  const common = { endpoint: box.endpoint, credentials, maxAttempts: 1 };
  return {
    box,
    ses: new SESv2Client({ ...common, region: box.world.region }),
    inbound: new S3Client({ ...common, region: SANDBOX_MAIL.inboundRegion, forcePathStyle: true }),
    secrets: new SecretsManagerClient({ ...common, region: box.world.region }),
  };
}

const probe = (ses: SESv2Client, token: string, to: string[] = [SANDBOX_MAIL.probeAddress]) =>
  ses.send(
    new SendEmailCommand({
      FromEmailAddress: `byodkim-probe@${domain}`,
      Destination: { ToAddresses: to },
      Content: {
        Simple: {
          Subject: { Data: `byodkim probe ${token}` },
          Body: { Text: { Data: "Sent by byodkim to check the DKIM signature.\n" } },
          Headers: [{ Name: "X-Byodkim-Probe", Value: token }],
        },
      },
    }),
  );

/** The message SES receiving stored in the inbound bucket for `token`. */
async function storedInbound(inbound: S3Client, token: string): Promise<string> {
  const listed = await inbound.send(new ListObjectsV2Command({ Bucket: SANDBOX_MAIL.inboundBucket, Prefix: SANDBOX_MAIL.inboundPrefix }));
  for (const { Key } of listed.Contents ?? []) {
    const object = await inbound.send(new GetObjectCommand({ Bucket: SANDBOX_MAIL.inboundBucket, Key }));
    const text = await object.Body!.transformToString();
    if (text.includes(`X-Byodkim-Probe: ${token}`)) return text;
  }
  throw new Error(`no stored message carries ${token}`);
}

/** mailauth's verdict per signature against the sandbox's first nameserver, as a receiver's would be. */
async function signatures(sandbox: Sandbox, message: string) {
  const resolver = new dns.Resolver({ timeout: 2000, tries: 2 });
  resolver.setServers([sandbox.dnsServers[0]!]);
  const { results } = await dkimVerify(message, { resolver: (name, type) => resolver.resolve(name, type as "TXT") });
  return results.map((result) => `${result.signingDomain} ${result.selector} ${result.status.result}`);
}

describe("the sandbox's SES sends real mail, signed as SES signs it", () => {
  it("signs with the Easy DKIM key (d=<domain>, s=<a token>) and amazonses.com under Easy DKIM, and stores it as a receipt rule would", async () => {
    const { box, ses, inbound } = await sandboxWithClients();
    const sent = await probe(ses, "0123456789abcdef");
    expect(sent.MessageId).toMatch(/^[0-9a-f-]+-000000$/);
    const message = await storedInbound(inbound, "0123456789abcdef");
    const token = box.world.identities.get(domain)!.dkim.tokens[0]!;
    expect(await signatures(box, message)).toEqual([`${domain} ${token} pass`, `amazonses.com ${AMAZONSES_SELECTOR} pass`]);
    expect(message).toMatch(/^Subject: byodkim probe 0123456789abcdef$/m);
    expect(message).toMatch(/^Message-ID: <[^>]+@ap-northeast-1\.amazonses\.com>$/m);
    expect(message).toMatch(/^Authentication-Results: amazonses\.com;/m);
    expect(message).toMatch(new RegExp(`dkim=pass header\\.i=@${domain.replace(/\./g, "\\.")} header\\.s=${token}`));
  });

  it("signs with the BYODKIM key and selector under SUCCESS, and delivers to the IMAP user's INBOX read with imapflow", async () => {
    const { box, ses, secrets } = await sandboxWithClients({ scenario: "already-enabled" });
    await probe(ses, "fedcba9876543210", [`probe@${SANDBOX_MAIL.imapDomain}`]);
    const password = (await secrets.send(new GetSecretValueCommand({ SecretId: SANDBOX_MAIL.imapSecret }))).SecretString!;
    const client = new ImapFlow({
      host: "127.0.0.1",
      port: box.world.mail.imapPorts.get("probe")!,
      secure: false,
      auth: { user: "probe", pass: password },
      logger: false,
    });
    await client.connect();
    let source = "";
    const lock = await client.getMailboxLock("INBOX");
    try {
      const found = await client.search({ header: { "x-byodkim-probe": "fedcba9876543210" } });
      expect(found).toHaveLength(1);
      const message = await client.fetchOne(String((found as number[])[0]), { source: true });
      source = message && message.source ? message.source.toString() : "";
    } finally {
      lock.release();
      await client.logout();
    }
    expect(await signatures(box, source)).toEqual([`${domain} ${SANDBOX_DEFAULTS.selector} pass`, `amazonses.com ${AMAZONSES_SELECTOR} pass`]);
    expect(source).toMatch(/^Authentication-Results: imap\.sandbox\.byodkim\.test;/m);
  });
});

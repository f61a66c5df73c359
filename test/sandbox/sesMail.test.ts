import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { PutEmailIdentityDkimSigningAttributesCommand, SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { promises as dns } from "node:dns";
import { ImapFlow } from "imapflow";
import { dkimVerify } from "mailauth/lib/dkim/verify.js";
import { afterEach, describe, expect, it, vi } from "vitest";
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
      source = message ? (message.source?.toString() ?? "") : "";
    } finally {
      lock.release();
      await client.logout();
    }
    expect(await signatures(box, source)).toEqual([`${domain} ${SANDBOX_DEFAULTS.selector} pass`, `amazonses.com ${AMAZONSES_SELECTOR} pass`]);
    expect(source).toMatch(/^Authentication-Results: imap\.sandbox\.byodkim\.test;/m);
  });

  it("leaves the domain's signature off while the identity is held PENDING, then signs with the new selector once SES verifies it", async () => {
    const { box, ses, inbound } = await sandboxWithClients();
    await drill(box, { identity: domain, holdPending: true });
    const privateKey = seededKeyDer(box);
    await ses.send(
      new PutEmailIdentityDkimSigningAttributesCommand({
        EmailIdentity: domain,
        SigningAttributesOrigin: "EXTERNAL",
        SigningAttributes: { DomainSigningSelector: SANDBOX_DEFAULTS.selector, DomainSigningPrivateKey: privateKey },
      }),
    );
    await probe(ses, "1111111111111111");
    expect(box.world.identities.get(domain)!.dkim.status).toBe("PENDING");
    const unsigned = await storedInbound(inbound, "1111111111111111");
    expect(await signatures(box, unsigned)).toEqual([`amazonses.com ${AMAZONSES_SELECTOR} pass`]);

    await drill(box, { identity: domain, holdPending: false });
    await dkimStatus(box, "SUCCESS");
    await probe(ses, "2222222222222222");
    expect(await signatures(box, await storedInbound(inbound, "2222222222222222"))).toEqual([
      `${domain} ${SANDBOX_DEFAULTS.selector} pass`,
      `amazonses.com ${AMAZONSES_SELECTOR} pass`,
    ]);

    // SES keeps the key to sign with; nothing the sandbox shows or stores carries it.
    const shown = await Promise.all(["log", "state", "mail"].map(async (path) => (await fetch(`${box.endpoint}/_sandbox/${path}`)).text()));
    const stored = [...box.world.buckets.get(SANDBOX_MAIL.inboundBucket)!.values()].map((body) => body.toString());
    for (const text of [...shown, ...stored]) expect(text).not.toContain(privateKey.slice(40, 104));
  });

  it("leaves the domain's signature off when signing is switched off, and when the setup FAILED", async () => {
    const { box, ses, inbound } = await sandboxWithClients({ scenario: "signing-off" });
    await probe(ses, "3333333333333333");
    expect(await signatures(box, await storedInbound(inbound, "3333333333333333"))).toEqual([`amazonses.com ${AMAZONSES_SELECTOR} pass`]);
    Object.assign(box.world.identities.get(domain)!.dkim, { signingEnabled: true, status: "FAILED" });
    await probe(ses, "4444444444444444");
    expect(await signatures(box, await storedInbound(inbound, "4444444444444444"))).toEqual([`amazonses.com ${AMAZONSES_SELECTOR} pass`]);
  });

  it("signs with a key DNS does not publish under the wrong-key drill, so the domain's signature fails at the receiver", async () => {
    const { box, ses, inbound } = await sandboxWithClients({ scenario: "already-enabled" });
    const answer = await drill(box, { identity: domain, wrongKey: true });
    expect(answer.wrongKey).toEqual([`${box.world.region}/${domain}`]);
    await probe(ses, "5555555555555555");
    const message = await storedInbound(inbound, "5555555555555555");
    expect(await signatures(box, message)).toEqual([`${domain} ${SANDBOX_DEFAULTS.selector} fail`, `amazonses.com ${AMAZONSES_SELECTOR} pass`]);
    expect(message).toMatch(/dkim=fail/);
  });

  it("answers a drill for an identity it does not have with 404 and the names it knows, and a malformed one with 400", async () => {
    const { box } = await sandboxWithClients();
    const unknown = await fetch(`${box.endpoint}/_sandbox/mail`, { method: "POST", body: JSON.stringify({ identity: "example.org", wrongKey: true }) });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { known: string[] }).known).toEqual([domain]);
    const malformed = await fetch(`${box.endpoint}/_sandbox/mail`, { method: "POST", body: JSON.stringify({ identity: domain }) });
    expect(malformed.status).toBe(400);
    expect(box.world.mail.wrongKey.size + box.world.mail.heldPending.size).toBe(0);
  });

  it("builds Raw content as given, adding the Message-ID and Date SES adds, and refuses a From it has no identity for", async () => {
    const { box, ses, inbound } = await sandboxWithClients();
    const raw = `From: byodkim-probe@${domain}\r\nTo: ${SANDBOX_MAIL.probeAddress}\r\nSubject: raw\r\nX-Byodkim-Probe: 6666666666666666\r\n\r\nraw body\r\n`;
    await ses.send(new SendEmailCommand({ Destination: { ToAddresses: [SANDBOX_MAIL.probeAddress] }, Content: { Raw: { Data: Buffer.from(raw) } } }));
    const message = await storedInbound(inbound, "6666666666666666");
    expect(message).toMatch(/^Message-ID: </m);
    expect(message).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} /m);
    expect(await signatures(box, message)).toHaveLength(2);
    await expect(
      ses.send(
        new SendEmailCommand({
          FromEmailAddress: "someone@example.org",
          Destination: { ToAddresses: ["a@b.example"] },
          Content: { Raw: { Data: Buffer.from(raw) } },
        }),
      ),
    ).rejects.toMatchObject({ name: "BadRequestException" });
  });
});

async function drill(sandbox: Sandbox, body: object) {
  const response = await fetch(`${sandbox.endpoint}/_sandbox/mail`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as { heldPending: string[]; wrongKey: string[] };
}

/** SES's background check runs on its own interval: the status it reaches, waited for without a fixed sleep racing it. */
async function dkimStatus(sandbox: Sandbox, wanted: string) {
  await vi.waitFor(() => expect(sandbox.world.identities.get(domain)!.dkim.status).toBe(wanted), { timeout: 20_000, interval: 20 });
}

/** The sandbox's own key from S3, as base64 DER (what byodkim gives SES). */
function seededKeyDer(sandbox: Sandbox): string {
  const pem = sandbox.world.buckets.get(SANDBOX_DEFAULTS.bucket)!.values().next().value!.toString();
  return Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64").toString("base64");
}

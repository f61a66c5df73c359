import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { generateKeyPairSync } from "node:crypto";
import { promises as dns } from "node:dns";
import { afterAll, describe, expect, it } from "vitest";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { dkimTxtStrings, SANDBOX_DEFAULTS, SCENARIOS } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";
import { lockLocation } from "../../src/state/lock.js";
import { leakedCanaries, sandboxKeyCanaries } from "../support/sandboxKey.js";

const running: Sandbox[] = [];
afterAll(async () => {
  await Promise.all(running.map((box) => box.stop()));
});
async function sandbox(scenario: string): Promise<Sandbox> {
  const box = await startSandbox({ scenario, verifyIntervalMs: 20 });
  running.push(box);
  return box;
}

const { bucket, domain, keyTemplate, selector, rotationSelector, secretId, verificationAlarm } = SANDBOX_DEFAULTS;

async function txtOn(server: string, name: string): Promise<string[][] | string> {
  const resolver = new dns.Resolver({ timeout: 10_000, tries: 1 });
  resolver.setServers([server]);
  return resolver.resolveTxt(name).catch((err: { code: string }) => err.code);
}

describe("the rotation scenarios", () => {
  it("are listed", () => {
    expect(SCENARIOS.map((scenario) => scenario.name)).toEqual(expect.arrayContaining(["byodkim-active", "rotation-unpublished"]));
  });

  it.each([
    ["byodkim-active", true],
    ["rotation-unpublished", false],
  ])("%s: BYODKIM signs with the older selector, recorded at phase 7; the newer key is in S3, its TXT published: %s", async (scenario, published) => {
    const box = await sandbox(scenario);
    const identity = box.world.identities.get(domain)!;
    expect(identity.dkim).toMatchObject({ origin: "EXTERNAL", tokens: [selector], status: "SUCCESS", signingEnabled: true });
    expect(identity.dkim.externalPublicKeySpki?.toString("base64")).toBe(box.seed.publicKeyBase64);
    expect(JSON.parse(box.world.secrets.get(secretId)!.versions.at(-1)!.value)).toMatchObject({
      current_phase: "7",
      byodkim_enabled: true,
      signing_enabled: true,
      selector,
      phase_7_completed_at: expect.any(String),
    });
    expect(box.world.alarms.get(verificationAlarm)?.state).toBe("OK");

    const rotation = box.seed.rotation!;
    expect(rotation).toMatchObject({
      selector: rotationSelector,
      txtName: `${rotationSelector}._domainkey.${domain}`,
      objectKey: privateKeyObjectKey(keyTemplate, domain, rotationSelector),
    });
    expect(rotation.publicKeyBase64).not.toBe(box.seed.publicKeyBase64);
    expect(box.world.buckets.get(bucket)!.get(rotation.objectKey)?.toString()).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    for (const server of box.dnsServers) {
      expect(await txtOn(server, rotation.txtName)).toEqual(published ? [dkimTxtStrings(rotation.publicKeyBase64)] : "ENOTFOUND");
      expect(await txtOn(server, box.seed.txtName)).toEqual([dkimTxtStrings(box.seed.publicKeyBase64)]);
    }
  });

  it("byodkim-active: the sandbox's SES finds the older selector's key in DNS, so a re-check lands on SUCCESS again", async () => {
    const box = await sandbox("byodkim-active");
    const identity = box.world.identities.get(domain)!;
    identity.dkim.status = "PENDING";
    const deadline = Date.now() + 20_000;
    while (identity.dkim.status === "PENDING" && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(identity.dkim.status).toBe("SUCCESS");
    expect(identity.dkim.failedChecks).toBe(0);
  });
});

describe("the key canaries every e2e test checks its output against", () => {
  it("cover every PEM private key in the sandbox's S3, read at call time, and skip the lock object", async () => {
    const box = await sandbox("byodkim-active");
    const objects = box.world.buckets.get(bucket)!;
    const body = (key: string) => objects.get(key)!.toString();
    const pemLines = (pem: string) => pem.split("\n").filter((line) => line.length === 64);
    const seeded = body(privateKeyObjectKey(keyTemplate, domain, selector));
    const newer = body(box.seed.rotation!.objectKey);
    expect(leakedCanaries(seeded, sandboxKeyCanaries(box)).length).toBeGreaterThan(3);
    expect(leakedCanaries(newer, sandboxKeyCanaries(box)).length).toBeGreaterThan(3);

    // A key keygen writes later, through the S3 API as byodkim would.
    const later = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(leakedCanaries(later, sandboxKeyCanaries(box))).toEqual([]);
    const s3 = new S3Client({
      endpoint: box.endpoint,
      region: box.world.region,
      credentials: { accessKeyId: "a", secretAccessKey: "s" },
      forcePathStyle: true,
    });
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: privateKeyObjectKey(keyTemplate, domain, "gooid-21-pro-20251101-1"), Body: later, IfNoneMatch: "*" }),
    );
    expect(leakedCanaries(later, sandboxKeyCanaries(box)).length).toBeGreaterThan(3);

    // The lock object is JSON anyone may read: nothing in it is a canary.
    const lock = lockLocation({ bucket, key: keyTemplate }, domain);
    const lockText = JSON.stringify({ runId: "r1", owner: "arn:aws:sts::123456789012:assumed-role/MailOps/x", note: pemLines(seeded)[0]!.slice(0, 10) });
    objects.set(lock.key, Buffer.from(lockText));
    const canaries = sandboxKeyCanaries(box);
    expect(canaries.every((canary) => canary.length >= 40)).toBe(true);
    expect(leakedCanaries(lockText, canaries)).toEqual([]);
    // Public parts stay out of the canaries: the DKIM p= values are printed on purpose.
    expect(leakedCanaries(box.seed.publicKeyBase64 + box.seed.rotation!.publicKeyBase64, canaries)).toEqual([]);
  });
});

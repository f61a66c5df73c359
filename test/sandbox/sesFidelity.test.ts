import {
  GetEmailIdentityCommand,
  PutEmailIdentityDkimAttributesCommand,
  PutEmailIdentityDkimSigningAttributesCommand,
  SESv2Client,
} from "@aws-sdk/client-sesv2";
import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/start.js";
import { dkimTxtStrings } from "../../src/sandbox/scenarios.js";

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.stop();
  box = undefined;
});

async function ses(options: SandboxOptions = {}) {
  box = await startSandbox({ verifyIntervalMs: 50, dkimChecksBeforeFailure: 2, ...options });
  const client = new SESv2Client({
    endpoint: box.endpoint,
    region: box.world.region,
    credentials: { accessKeyId: box.env["AWS_ACCESS_KEY_ID"]!, secretAccessKey: box.env["AWS_SECRET_ACCESS_KEY"]! },
    maxAttempts: 1,
  });
  return { box, client };
}

const rsaDer = (bits: number, type: "pkcs1" | "pkcs8" = "pkcs1") =>
  generateKeyPairSync("rsa", { modulusLength: bits }).privateKey.export({ type, format: "der" }).toString("base64");

const SELECTOR = "gooid-21-pro-20250917-3";
const domain = "goo.ne.jp";

async function dkimStatusEventually(client: SESv2Client, wanted: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const identity = await client.send(new GetEmailIdentityCommand({ EmailIdentity: domain }));
    if (identity.DkimAttributes?.Status === wanted || Date.now() > deadline) return identity;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const switchToExternal = (client: SESv2Client, privateKey: string, selector = SELECTOR) =>
  client.send(
    new PutEmailIdentityDkimSigningAttributesCommand({
      EmailIdentity: domain,
      SigningAttributesOrigin: "EXTERNAL",
      SigningAttributes: { DomainSigningSelector: selector, DomainSigningPrivateKey: privateKey },
    }),
  );

/** The sandbox's own key from S3, as base64 DER (what byodkim sends). */
function seededKeyDer(sandbox: Sandbox): string {
  const pem = [...sandbox.world.buckets.values()][0]!.values().next().value!.toString();
  return Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64").toString("base64");
}

describe("sandbox SES: BYODKIM as SES does it", () => {
  it("goes PENDING with the selector as the only token, then SUCCESS once DNS holds the key", async () => {
    const { box: sandbox, client } = await ses();
    const response = await switchToExternal(client, seededKeyDer(sandbox));
    expect(response).toMatchObject({ DkimStatus: "PENDING", DkimTokens: [SELECTOR] });
    const identity = await dkimStatusEventually(client, "SUCCESS");
    expect(identity.DkimAttributes).toMatchObject({
      Status: "SUCCESS",
      SigningAttributesOrigin: "EXTERNAL",
      Tokens: [SELECTOR],
      CurrentSigningKeyLength: "RSA_2048_BIT",
    });
    await client.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: domain, SigningEnabled: false }));
    expect((await client.send(new GetEmailIdentityCommand({ EmailIdentity: domain }))).DkimAttributes?.SigningEnabled).toBe(false);
  });

  it.each([
    ["wrong-txt", "INVALID_VALUE"],
    ["missing-txt", "HOST_NOT_FOUND"],
  ])("fails in the %s scenario after its checks, with ErrorType %s", async (scenario, errorType) => {
    const { box: sandbox, client } = await ses({ scenario });
    await switchToExternal(client, seededKeyDer(sandbox));
    const identity = await dkimStatusEventually(client, "FAILED");
    expect(identity.DkimAttributes?.Status).toBe("FAILED");
    expect(identity.VerificationInfo?.ErrorType).toBe(errorType);
    expect(identity.VerificationInfo?.LastCheckedTimestamp).toBeInstanceOf(Date);
  });

  it.each([
    ["a 4096-bit key", () => rsaDer(4096)],
    ["a 512-bit key", () => rsaDer(512, "pkcs8")],
    ["an EC key", () => generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "pkcs8", format: "der" }).toString("base64")],
    ["base64 that is not a key", () => Buffer.from("not a key at all").toString("base64")],
    ["PEM text instead of base64 DER", () => "-----BEGIN PRIVATE KEY-----"],
  ])("refuses %s with BadRequestException", async (_what, key) => {
    const { client } = await ses();
    await expect(switchToExternal(client, key())).rejects.toMatchObject({ name: "BadRequestException" });
  });

  it("refuses a selector SES would reject", async () => {
    const { client } = await ses();
    await expect(switchToExternal(client, rsaDer(1024), "bad_selector")).rejects.toMatchObject({ name: "BadRequestException" });
  });

  it("issues new Easy DKIM tokens when switched back to AWS_SES, and checks their CNAMEs", async () => {
    const { box: sandbox, client } = await ses({ scenario: "already-enabled" });
    const response = await client.send(new PutEmailIdentityDkimSigningAttributesCommand({ EmailIdentity: domain, SigningAttributesOrigin: "AWS_SES" }));
    expect(response.DkimStatus).toBe("PENDING");
    expect(response.DkimTokens).toHaveLength(3);
    expect(response.SigningHostedZone).toBe("dkim.amazonses.com");
    // No CNAMEs for the new tokens yet: SES cannot find them.
    const failed = await dkimStatusEventually(client, "FAILED");
    expect(failed.VerificationInfo?.ErrorType).toBe("HOST_NOT_FOUND");
    // Publish them, switch again (new tokens again), publish those: SUCCESS.
    const again = await client.send(new PutEmailIdentityDkimSigningAttributesCommand({ EmailIdentity: domain, SigningAttributesOrigin: "AWS_SES" }));
    for (const records of sandbox.world.nameservers) {
      for (const token of again.DkimTokens ?? []) records.push({ name: `${token}._domainkey.${domain}`, type: "CNAME", data: `${token}.dkim.amazonses.com` });
    }
    expect((await dkimStatusEventually(client, "SUCCESS")).DkimAttributes?.Status).toBe("SUCCESS");
  });

  it("answers NotFoundException for an unknown identity", async () => {
    const { client } = await ses();
    await expect(client.send(new GetEmailIdentityCommand({ EmailIdentity: "example.org" }))).rejects.toMatchObject({ name: "NotFoundException" });
  });

  it("throttles at SES's rate when asked to", async () => {
    const { client } = await ses({ sesRateLimitPerSecond: 1 });
    await client.send(new GetEmailIdentityCommand({ EmailIdentity: domain }));
    await expect(client.send(new GetEmailIdentityCommand({ EmailIdentity: domain }))).rejects.toMatchObject({ name: "TooManyRequestsException" });
  });

  it("keeps the private key out of its request log", async () => {
    const { box: sandbox, client } = await ses();
    const key = rsaDer(2048);
    await switchToExternal(client, key);
    const log = await (await fetch(`${sandbox.endpoint}/_sandbox/log`)).text();
    expect(log).toContain("PutEmailIdentityDkimSigningAttributes");
    expect(log).not.toContain(key.slice(800, 860));
    const state = await (await fetch(`${sandbox.endpoint}/_sandbox/state`)).text();
    expect(state).not.toContain(key.slice(800, 860));
  });

  it("serves the TXT record as several 255-byte strings", () => {
    const strings = dkimTxtStrings("A".repeat(400));
    expect(strings.map((s) => s.length)).toEqual([255, 163]);
  });
});

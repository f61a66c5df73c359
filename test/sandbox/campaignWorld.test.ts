import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { createPublicKey } from "node:crypto";
import { promises as dns } from "node:dns";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { stateSecretId } from "../../src/config/config.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { fingerprintSpki } from "../../src/dkim/publicKey.js";
import { CAMPAIGN_REGIONS, CAMPAIGN_SIZE, campaignDomains, campaignSelectors } from "../../src/sandbox/campaignWorld.js";
import { FLEET_ROTATION } from "../../src/sandbox/fleet.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/start.js";

const DAY_MS = 86_400_000;
let box: Sandbox;
let startedAt: Date;

const clientConfig = (region: string) => ({
  endpoint: box.endpoint,
  region,
  credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" },
  maxAttempts: 1,
});
const everyTarget = () => campaignDomains().flatMap((domain) => CAMPAIGN_REGIONS.map((region) => ({ domain, region })));
const stateIn = async (region: string, domain: string) => {
  const secret = await new SecretsManagerClient(clientConfig(region)).send(new GetSecretValueCommand({ SecretId: `byodkim/state/${domain}` }));
  return { arn: secret.ARN!, state: JSON.parse(secret.SecretString!) as Record<string, unknown> };
};
const fingerprintOfObject = async (domain: string, selector: string) => {
  const s3 = new S3Client({ ...clientConfig(SANDBOX_DEFAULTS.region), forcePathStyle: true });
  const Key = SANDBOX_DEFAULTS.keyTemplate.replace("{domain}", domain).replace("{selector}", selector);
  const body = await (await s3.send(new GetObjectCommand({ Bucket: SANDBOX_DEFAULTS.bucket, Key }))).Body!.transformToString();
  return fingerprintSpki(createPublicKey(body).export({ type: "spki", format: "der" }));
};

beforeAll(async () => {
  startedAt = new Date();
  box = await startSandbox({ scenario: "campaign", sesRateLimitPerSecond: 0 });
});
afterAll(() => box.stop());

describe("the campaign scenario's world", () => {
  it("writes a config of the identities in both regions, one state secret each, a quick rehearsal's waves and one approval", async () => {
    const config = validateConfig(parse(await readFile(box.configPath, "utf8")), box.configPath);
    expect(config.domain).toBeUndefined();
    expect(config.identities.map((identity) => [identity.domain, identity.regions])).toEqual(
      campaignDomains().map((domain) => [domain, [...CAMPAIGN_REGIONS]]),
    );
    expect(config.identities).toHaveLength(CAMPAIGN_SIZE);
    expect(stateSecretId(config, "m07.goo.ne.jp")).toBe("byodkim/state/m07.goo.ne.jp");
    expect(config.waves).toEqual({ canary: 1, size: 5, maxErrors: 0 });
    expect(config.approvals).toMatchObject({ required: 1 });
    expect(config.rotation).toEqual(FLEET_ROTATION);
    expect(box.world.sesRateLimitPerSecond).toBe(0);
  });

  it("has SES sign every identity in both regions with the current selector, at SUCCESS", async () => {
    const { current } = campaignSelectors(startedAt);
    const found = await Promise.all(
      everyTarget().map(async ({ domain, region }) => {
        const identity = await new SESv2Client(clientConfig(region)).send(new GetEmailIdentityCommand({ EmailIdentity: domain }));
        const dkim = identity.DkimAttributes!;
        return [domain, region, dkim.SigningAttributesOrigin, dkim.Status, dkim.SigningEnabled, dkim.Tokens];
      }),
    );
    expect(found).toEqual(everyTarget().map(({ domain, region }) => [domain, region, "EXTERNAL", "SUCCESS", true, [current]]));
  });

  it("keeps each identity's own state secret in each region: phase 7, the current selector, both keys in its history", async () => {
    const { current, next } = campaignSelectors(startedAt);
    for (const { domain, region } of everyTarget()) {
      const { arn, state } = await stateIn(region, domain);
      expect(arn).toContain(`:secretsmanager:${region}:`);
      expect(state).toMatchObject({ current_phase: "7", byodkim_enabled: true, signing_enabled: true, selector: current });
      const history = state["byodkim_keys"] as Record<string, { status: string; created_at: string; location: string; fingerprint: string }>;
      expect(Object.keys(history).sort()).toEqual([current, next].sort());
      expect(history[current]!.status).toBe("active");
      // As keygen records a key it made: created, not yet signing.
      expect(history[next]).toMatchObject({ status: "created", location: `s3://${SANDBOX_DEFAULTS.bucket}/dkim/${domain}/${next}.pem` });
      const ageDays = (startedAt.getTime() - Date.parse(history[current]!.created_at)) / DAY_MS;
      expect(ageDays).toBeGreaterThan(FLEET_ROTATION.maxAgeDays);
    }
    // The good world's own secret is the home region's only: Secrets Manager keeps each region's apart.
    await expect(
      new SecretsManagerClient(clientConfig("ap-northeast-3")).send(new GetSecretValueCommand({ SecretId: SANDBOX_DEFAULTS.secretId })),
    ).rejects.toThrow(expect.objectContaining({ name: "ResourceNotFoundException" }));
  });

  it("holds both keys in S3 under each identity's path, the history's fingerprints, and the new key's TXT on every nameserver", async () => {
    const { current, next } = campaignSelectors(startedAt);
    for (const domain of campaignDomains()) {
      const history = (await stateIn(SANDBOX_DEFAULTS.region, domain)).state["byodkim_keys"] as Record<string, { fingerprint: string }>;
      expect(await fingerprintOfObject(domain, current)).toBe(history[current]!.fingerprint);
      expect(await fingerprintOfObject(domain, next)).toBe(history[next]!.fingerprint);
      expect(history[current]!.fingerprint).not.toBe(history[next]!.fingerprint);
    }
    for (const server of box.dnsServers) {
      const resolver = new dns.Resolver({ timeout: 10_000, tries: 2 });
      resolver.setServers([server]);
      for (const domain of campaignDomains()) {
        const history = (await stateIn(SANDBOX_DEFAULTS.region, domain)).state["byodkim_keys"] as Record<string, { fingerprint: string }>;
        for (const selector of [current, next]) {
          const txt = (await resolver.resolveTxt(`${selector}._domainkey.${domain}`)).map((strings) => strings.join(""));
          expect(txt).toHaveLength(1);
          const publicKey = /^v=DKIM1; k=rsa; p=(\S+)$/.exec(txt[0]!)?.[1];
          expect(fingerprintSpki(Buffer.from(publicKey ?? "", "base64")), `${selector} on ${server}`).toBe(history[selector]!.fingerprint);
        }
      }
    }
  });
});

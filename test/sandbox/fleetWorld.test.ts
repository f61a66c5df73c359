import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { type GetEmailIdentityCommandOutput, GetEmailIdentityCommand, ListEmailIdentitiesCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { createPublicKey } from "node:crypto";
import { promises as dns } from "node:dns";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fingerprintSpki, normaliseDkimPublicKey } from "../../src/dkim/publicKey.js";
import { FLEET_EMAIL_IDENTITY, FLEET_EXPECTATIONS, FLEET_IDENTITIES, FLEET_REGIONS, FLEET_ROTATION, type FleetExpectation } from "../../src/sandbox/fleet.js";
import { SANDBOX_DEFAULTS, SCENARIOS } from "../../src/sandbox/scenarios.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/start.js";
import type { KeyHistoryEntry } from "../../src/state/keyHistory.js";
import { STATUS_REASONS, type StatusReason } from "../../src/status/reasons.js";

const DAY_MS = 86_400_000;
const { maxAgeDays, warnDays, graceDays } = FLEET_ROTATION;

let box: Sandbox;
let history: Record<string, KeyHistoryEntry>;
/** Each expected row with what SES in its region says of the identity (undefined: NotFound). */
let rows: { expected: FleetExpectation; identity: GetEmailIdentityCommandOutput | undefined }[];

const clientConfig = (region: string) => ({
  endpoint: box.endpoint,
  region,
  credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" },
  maxAttempts: 1,
});
const ses = (region: string) => new SESv2Client(clientConfig(region));

beforeAll(async () => {
  // status paces itself to SES's 1 request/s; this test reads the world as fast as it can.
  box = await startSandbox({ scenario: "fleet", sesRateLimitPerSecond: 0 });
  const secret = await new SecretsManagerClient(clientConfig(SANDBOX_DEFAULTS.region)).send(new GetSecretValueCommand({ SecretId: SANDBOX_DEFAULTS.secretId }));
  history = JSON.parse(secret.SecretString!).byodkim_keys;
  rows = await Promise.all(
    FLEET_EXPECTATIONS.map(async (expected) => ({
      expected,
      identity: await ses(expected.region)
        .send(new GetEmailIdentityCommand({ EmailIdentity: expected.domain }))
        .catch((err: { name?: string }) => {
          if (err.name === "NotFoundException") return undefined;
          throw err;
        }),
    })),
  );
});
afterAll(() => box.stop());

const withReason = (...reasons: StatusReason[]) => rows.filter((row) => reasons.includes(row.expected.reason));
const byodkimRows = () => rows.filter((row) => row.identity?.DkimAttributes?.SigningAttributesOrigin === "EXTERNAL");
const selectorOf = (row: (typeof rows)[number]) => row.identity!.DkimAttributes!.Tokens![0]!;

/** The S3 private key at the template, as its public key's fingerprint; undefined when there is no object. */
async function objectKey(domain: string, selector: string): Promise<{ fingerprint: string; lastModified: Date } | undefined> {
  const s3 = new S3Client({ ...clientConfig(SANDBOX_DEFAULTS.region), forcePathStyle: true });
  const Key = SANDBOX_DEFAULTS.keyTemplate.replace("{domain}", domain).replace("{selector}", selector);
  const object = await s3.send(new GetObjectCommand({ Bucket: SANDBOX_DEFAULTS.bucket, Key })).catch((err: { name?: string }) => {
    if (err.name === "NoSuchKey") return undefined;
    throw err;
  });
  if (!object) return undefined;
  const spki = createPublicKey(await object.Body!.transformToString()).export({ type: "spki", format: "der" });
  return { fingerprint: fingerprintSpki(spki), lastModified: object.LastModified! };
}

/** The status rules' key age: the history's created_at (else active_since), else the selector's date, else the S3 object's LastModified. */
async function keyAgeDays(domain: string, selector: string): Promise<number | undefined> {
  const entry = history[selector];
  const dated = /-(\d{4})(\d{2})(\d{2})-\d+$/.exec(selector);
  const since =
    entry?.created_at ??
    entry?.active_since ??
    (dated ? `${dated[1]}-${dated[2]}-${dated[3]}T00:00:00Z` : (await objectKey(domain, selector))?.lastModified.toISOString());
  return since === undefined ? undefined : (Date.now() - Date.parse(since)) / DAY_MS;
}

/** The fingerprint of the key each nameserver serves at the selector, over real UDP; null: no such record. */
async function servedFingerprints(name: string): Promise<(string | null)[]> {
  return Promise.all(
    box.dnsServers.map(async (server) => {
      const resolver = new dns.Resolver({ timeout: 10_000, tries: 2 });
      resolver.setServers([server]);
      const records = await resolver.resolveTxt(name).catch((err: { code?: string }) => {
        if (err.code === "ENOTFOUND" || err.code === "ENODATA") return [];
        throw err;
      });
      const p = records.map((strings) => /(?:^|;)\s*p=([^;]*)/.exec(strings.join(""))?.[1]?.trim()).find(Boolean);
      return p ? fingerprintSpki(normaliseDkimPublicKey(p).spkiDer) : null;
    }),
  );
}

const expectedFingerprint = async (domain: string, selector: string) => history[selector]?.fingerprint ?? (await objectKey(domain, selector))?.fingerprint;

describe("the fleet scenario's expectations", () => {
  it("has at least 40 rows, one per identity × region, each reason one of STATUS_REASONS with its level", () => {
    expect(FLEET_EXPECTATIONS.length).toBeGreaterThanOrEqual(40);
    const keys = FLEET_EXPECTATIONS.map((row) => `${row.domain} ${row.region}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of FLEET_EXPECTATIONS) {
      expect(Object.keys(STATUS_REASONS)).toContain(row.reason);
      expect(row.verdict).toBe(STATUS_REASONS[row.reason]);
      expect(FLEET_REGIONS).toContain(row.region);
      expect(row.domain).toMatch(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/);
    }
    expect(FLEET_REGIONS[0]).toBe(SANDBOX_DEFAULTS.region);
    expect(FLEET_EXPECTATIONS).toContainEqual({ domain: SANDBOX_DEFAULTS.domain, region: SANDBOX_DEFAULTS.region, verdict: "ok", reason: "healthy" });
    expect(FLEET_EXPECTATIONS.some((row) => row.domain === FLEET_EMAIL_IDENTITY)).toBe(false);
  });

  it("uses each case the status rules name, as often as planned", () => {
    const count = (reason: StatusReason) => FLEET_EXPECTATIONS.filter((row) => row.reason === reason).length;
    expect({
      keyOverdue: count("keyOverdue"),
      rotationDueSoon: count("rotationDueSoon"),
      keyUnverifiable: count("keyUnverifiable"),
      dnsDrift: count("dnsDrift"),
      dkimFailed: count("dkimFailed"),
      signingOff: count("signingOff"),
      cnameMissing: count("cnameMissing"),
      regionMismatch: count("regionMismatch"),
      retiredNotRevoked: count("retiredNotRevoked"),
      dkimStuck: count("dkimStuck"),
      notInRegion: count("notInRegion"),
    }).toEqual({
      keyOverdue: 4,
      rotationDueSoon: 2,
      keyUnverifiable: 1,
      dnsDrift: 2,
      dkimFailed: 2,
      signingOff: 2,
      cnameMissing: 2,
      regionMismatch: 2,
      retiredNotRevoked: 1,
      dkimStuck: 1,
      notInRegion: 1,
    });
    expect(count("healthy")).toBeGreaterThanOrEqual(25);
  });

  it("is listed by the sandbox and writes the config's identities and rotation policy", async () => {
    expect(SCENARIOS.find((scenario) => scenario.name === "fleet")?.sesRateLimitPerSecond).toBe(1);
    const config = parse(await readFile(box.configPath, "utf8"));
    expect(config).toMatchObject({ domain: SANDBOX_DEFAULTS.domain, region: SANDBOX_DEFAULTS.region, rotation: { maxAgeDays: 31, warnDays: 7, graceDays: 7 } });
    expect(config.identities).toEqual(FLEET_IDENTITIES);
    // Every row's identity × region is one the config names (goo.ne.jp as the top-level domain, its region alone).
    const named = new Set([
      `${SANDBOX_DEFAULTS.domain} ${SANDBOX_DEFAULTS.region}`,
      ...FLEET_IDENTITIES.flatMap((entry) => (entry.regions ?? [SANDBOX_DEFAULTS.region]).map((region) => `${entry.domain} ${region}`)),
    ]);
    expect(new Set(FLEET_EXPECTATIONS.map((row) => `${row.domain} ${row.region}`))).toEqual(named);
  });
});

describe("the fleet world, as SES, S3, Secrets Manager and DNS show it", () => {
  it("has every row's identity in its region, except the notInRegion row's", () => {
    for (const { expected, identity } of rows) {
      if (expected.reason === "notInRegion") expect(identity, `${expected.domain} ${expected.region}`).toBeUndefined();
      else expect(identity?.IdentityType, `${expected.domain} ${expected.region}`).toBe("DOMAIN");
    }
    const missing = withReason("notInRegion")[0]!.expected;
    expect(rows.find((row) => row.expected.domain === missing.domain && row.expected.region !== missing.region)?.identity).toBeDefined();
  });

  it("lists exactly the rows' domains in each region, paged, and the address identity as EMAIL_ADDRESS", async () => {
    for (const region of FLEET_REGIONS) {
      const listed: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await ses(region).send(new ListEmailIdentitiesCommand({ PageSize: 10, NextToken }));
        listed.push(...(page.EmailIdentities ?? []).map((entry) => `${entry.IdentityType} ${entry.IdentityName}`));
        NextToken = page.NextToken;
      } while (NextToken);
      const domains = FLEET_EXPECTATIONS.filter((row) => row.region === region && row.reason !== "notInRegion").map((row) => `DOMAIN ${row.domain}`);
      const address = region === SANDBOX_DEFAULTS.region ? [`EMAIL_ADDRESS ${FLEET_EMAIL_IDENTITY}`] : [];
      expect(listed.sort()).toEqual([...domains, ...address].sort());
    }
  });

  it("gives SES's own verdicts where the reason is SES's: FAILED, signing off, TEMPORARY_FAILURE; SUCCESS and signing elsewhere", () => {
    for (const { expected, identity } of rows) {
      if (!identity) continue;
      const dkim = identity.DkimAttributes!;
      const where = `${expected.domain} ${expected.region}`;
      expect(dkim.Status, where).toBe({ dkimFailed: "FAILED", dkimStuck: "TEMPORARY_FAILURE" }[expected.reason as string] ?? "SUCCESS");
      expect(dkim.SigningEnabled, where).toBe(expected.reason !== "signingOff");
    }
    expect(withReason("dkimFailed").map((row) => row.identity?.VerificationInfo?.ErrorType)).toEqual(["INVALID_VALUE", "HOST_NOT_FOUND"]);
    expect(withReason("signingOff").map((row) => row.identity?.DkimAttributes?.SigningAttributesOrigin)).toEqual(["EXTERNAL", "AWS_SES"]);
  });

  it("dates each BYODKIM row's key as the rules do: overdue at 31 days, due soon within 7 more, healthy before", async () => {
    for (const row of byodkimRows()) {
      const age = await keyAgeDays(row.expected.domain, selectorOf(row));
      const where = `${row.expected.domain} ${row.expected.region} ${selectorOf(row)}`;
      if (row.expected.reason === "keyUnverifiable") expect(age, where).toBeUndefined();
      else if (row.expected.reason === "keyOverdue") expect(age, where).toBeGreaterThanOrEqual(maxAgeDays);
      else if (row.expected.reason === "rotationDueSoon") expect(maxAgeDays - age!, where).toBeGreaterThan(0);
      else expect(maxAgeDays - age!, where).toBeGreaterThanOrEqual(warnDays);
      if (row.expected.reason === "rotationDueSoon") expect(maxAgeDays - age!, where).toBeLessThan(warnDays);
    }
    // The history wins over a selector dated 3 days ago: some overdue keys have a recent date in their name.
    const overdueByHistory = withReason("keyOverdue").filter((row) => history[selectorOf(row)] !== undefined);
    expect(overdueByHistory.length).toBe(3);
    for (const row of overdueByHistory) expect(selectorOf(row)).toMatch(/-\d{8}-1$/);
  });

  it("serves each BYODKIM row's expected key on every nameserver, except the drift rows' second one and the failed rows'", async () => {
    for (const row of byodkimRows()) {
      const selector = selectorOf(row);
      const expected = await expectedFingerprint(row.expected.domain, selector);
      const served = await servedFingerprints(`${selector}._domainkey.${row.expected.domain}`);
      const where = `${row.expected.domain} ${row.expected.region} ${selector}`;
      if (row.expected.reason === "keyUnverifiable") {
        expect(expected, where).toBeUndefined();
        expect(
          served.every((fingerprint) => fingerprint !== null),
          where,
        ).toBe(true);
      } else if (row.expected.reason === "dnsDrift") {
        expect(served[0], where).toBe(expected);
        expect(served[1], where).not.toBeNull();
        expect(served[1], where).not.toBe(expected);
      } else if (row.expected.reason === "dkimFailed") {
        expect(
          served.some((fingerprint) => fingerprint === expected),
          where,
        ).toBe(false);
      } else {
        expect(served, where).toEqual(box.dnsServers.map(() => expected));
      }
    }
    const [invalid, notFound] = withReason("dkimFailed");
    expect((await servedFingerprints(`${selectorOf(invalid!)}._domainkey.${invalid!.expected.domain}`)).every((f) => f !== null)).toBe(true);
    expect(await servedFingerprints(`${selectorOf(notFound!)}._domainkey.${notFound!.expected.domain}`)).toEqual([null, null]);
  });

  it("publishes each Easy DKIM row's CNAMEs on every nameserver, but one of the cnameMissing rows'", async () => {
    const easy = rows.filter((row) => row.identity?.DkimAttributes?.SigningAttributesOrigin === "AWS_SES");
    expect(easy.length).toBeGreaterThanOrEqual(9);
    for (const row of easy) {
      const tokens = row.identity!.DkimAttributes!.Tokens!;
      expect(tokens).toHaveLength(3);
      const right = await Promise.all(
        tokens.flatMap((token) =>
          box.dnsServers.map(async (server) => {
            const resolver = new dns.Resolver({ timeout: 10_000, tries: 2 });
            resolver.setServers([server]);
            const targets = await resolver.resolveCname(`${token}._domainkey.${row.expected.domain}`).catch((): string[] => []);
            return targets.includes(`${token}.dkim.amazonses.com`);
          }),
        ),
      );
      const where = `${row.expected.domain} ${row.expected.region}`;
      if (row.expected.reason === "cnameMissing") expect(right.filter((ok) => !ok).length, where).toBe(box.dnsServers.length);
      else expect(right.every(Boolean), where).toBe(true);
    }
  });

  it("signs in both regions with one selector, but for the regionMismatch rows, whose Osaka selector is also valid and published", async () => {
    const twoRegionDomains = new Set(rows.filter((row) => row.expected.region === FLEET_REGIONS[1] && row.identity).map((row) => row.expected.domain));
    expect(twoRegionDomains.size).toBeGreaterThanOrEqual(8);
    for (const domain of twoRegionDomains) {
      const [home, osaka] = FLEET_REGIONS.map((region) => rows.find((row) => row.expected.domain === domain && row.expected.region === region)!);
      const mismatch = osaka!.expected.reason === "regionMismatch";
      expect(home!.expected.reason, domain).toBe("healthy");
      const { SigningAttributesOrigin: homeOrigin, Tokens: homeTokens } = home!.identity!.DkimAttributes!;
      const { SigningAttributesOrigin: osakaOrigin, Tokens: osakaTokens } = osaka!.identity!.DkimAttributes!;
      expect(osakaOrigin, domain).toBe(homeOrigin);
      // Easy DKIM's tokens are each region's own; a BYODKIM selector is the operator's choice.
      if (homeOrigin === "AWS_SES") expect(osakaTokens, domain).not.toEqual(homeTokens);
      else if (mismatch) expect(osakaTokens, domain).not.toEqual(homeTokens);
      else expect(osakaTokens, domain).toEqual(homeTokens);
      if (mismatch) {
        const selector = osakaTokens![0]!;
        expect(history[selector]?.status).toBe("active");
        expect(await servedFingerprints(`${selector}._domainkey.${domain}`)).toEqual(box.dnsServers.map(() => history[selector]!.fingerprint));
      }
    }
  });

  it("keeps a retired key published past its grace period for retiredNotRevoked, and a retiring one inside it for a healthy row", async () => {
    const olderKeys = (domain: string, status: string) =>
      Object.entries(history).filter(([selector, entry]) => selector.startsWith(`${domain.split(".")[0]}-pro-`) && entry.status === status);
    const [retired] = withReason("retiredNotRevoked");
    const retiredKeys = olderKeys(retired!.expected.domain, "retired");
    expect(retiredKeys).toHaveLength(1);
    const [selector, entry] = retiredKeys[0]!;
    expect(Date.now() - Date.parse(entry.retired_at!)).toBeGreaterThan(graceDays * DAY_MS);
    expect(await servedFingerprints(`${selector}._domainkey.${retired!.expected.domain}`)).toEqual(box.dnsServers.map(() => entry.fingerprint));
    expect(history[selectorOf(retired!)]?.status).toBe("active");

    const graced = rows.filter((row) => row.expected.reason === "healthy" && olderKeys(row.expected.domain, "retiring").length > 0);
    expect(graced).toHaveLength(1);
    const [retiringSelector, retiring] = olderKeys(graced[0]!.expected.domain, "retiring")[0]!;
    expect(Date.parse(retiring.retire_after!)).toBeGreaterThan(Date.now());
    expect((await servedFingerprints(`${retiringSelector}._domainkey.${graced[0]!.expected.domain}`)).every((f) => f === retiring.fingerprint)).toBe(true);
  });
});

describe("the fleet scenario's SES pace", () => {
  it("answers one SES request a second unless the sandbox's options say otherwise", async () => {
    const paced = await startSandbox({ scenario: "fleet" });
    try {
      expect(paced.world.sesRateLimitPerSecond).toBe(1);
      const client = new SESv2Client({ ...clientConfig(SANDBOX_DEFAULTS.region), endpoint: paced.endpoint });
      await client.send(new GetEmailIdentityCommand({ EmailIdentity: SANDBOX_DEFAULTS.domain }));
      await expect(client.send(new GetEmailIdentityCommand({ EmailIdentity: SANDBOX_DEFAULTS.domain }))).rejects.toMatchObject({
        name: "TooManyRequestsException",
      });
    } finally {
      await paced.stop();
    }
  });
});

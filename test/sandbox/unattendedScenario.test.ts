import { promises as dns } from "node:dns";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { hostedZoneId } from "../../src/sandbox/route53Zones.js";
import { dkimTxtStrings, SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";
import { UNATTENDED_JOURNAL, UNATTENDED_KEY_AGE_DAYS, UNATTENDED_ROTATION } from "../../src/sandbox/unattendedWorld.js";
import { keyBirth } from "../../src/status/keyBirth.js";

const DAY_MS = 86_400_000;
const { domain, bucket, keyTemplate } = SANDBOX_DEFAULTS;
let box: Sandbox;
let good: Sandbox;
beforeAll(async () => {
  [box, good] = await Promise.all([startSandbox({ scenario: "unattended" }), startSandbox({ scenario: "good" })]);
});
afterAll(async () => {
  await Promise.all([box.stop(), good.stop()]);
});

const configOf = (sandbox: Sandbox) => parseYaml(readFileSync(sandbox.configPath, "utf8")) as Record<string, Record<string, unknown>>;
const state = () => JSON.parse(box.world.secrets.get(SANDBOX_DEFAULTS.secretId)!.versions.at(-1)!.value) as Record<string, unknown>;

describe("the unattended scenario: a world tick can run on its own", () => {
  it("writes a config that publishes through Route 53, rotates automatically and mirrors journals to S3; other scenarios keep handoff", () => {
    const config = configOf(box);
    expect(config["dns"]).toEqual({ servers: [...box.dnsServers], publish: { provider: "route53" } });
    expect(config["rotation"]).toEqual(UNATTENDED_ROTATION);
    expect(config["journal"]).toEqual({ s3: { bucket: "byodkim-sandbox-journal", prefix: "journal/" } });
    expect(box.world.buckets.get(UNATTENDED_JOURNAL.bucket)).toBeDefined();
    const plain = configOf(good);
    expect(plain["dns"]).toEqual({ servers: [...good.dnsServers] });
    expect(plain["journal"]).toBeUndefined();
    expect(plain["rotation"]).toBeUndefined();
  });

  it("has the home identity on BYODKIM with one key, born past maxAgeDays - warnDays by every piece of evidence", () => {
    const { selector } = box.seed;
    expect(selector).not.toBe(SANDBOX_DEFAULTS.selector);
    const identity = box.world.identities.get(domain)!;
    expect(identity.dkim).toMatchObject({ origin: "EXTERNAL", status: "SUCCESS", signingEnabled: true, tokens: [selector] });
    const history = (state()["byodkim_keys"] as Record<string, { status: string; created_at: string; active_since: string }>)[selector]!;
    expect(history.status).toBe("active");
    expect(state()).toMatchObject({ current_phase: "7", byodkim_enabled: true, selector });
    const objectKey = privateKeyObjectKey(keyTemplate, domain, selector);
    const keys = box.world.buckets.get(bucket)!;
    expect([...keys.keys()]).toEqual([objectKey]);
    const now = new Date();
    const birth = keyBirth(
      {
        createdAt: history.created_at,
        selectorDate: Number(/-(\d{8})-1$/.exec(selector)![1]),
        lastModified: box.world.objectMeta.get(`${bucket}/${objectKey}`)!.lastModified!.toISOString(),
        activeSince: history.active_since,
      },
      now,
    )!;
    const ageDays = (now.getTime() - Date.parse(birth.at)) / DAY_MS;
    expect(ageDays).toBeGreaterThan(UNATTENDED_ROTATION.maxAgeDays - UNATTENDED_ROTATION.warnDays);
    expect(ageDays).toBeLessThan(UNATTENDED_ROTATION.maxAgeDays);
    // The selector names the day, so the key is born at that day's start: 26 whole days old, not yet 27.
    expect(Math.floor(ageDays)).toBe(UNATTENDED_KEY_AGE_DAYS);
  });

  it("serves the key's record, and only it, under the domain's _domainkey names; its Route 53 zone is there", async () => {
    const resolver = new dns.Resolver({ timeout: 10_000, tries: 1 });
    resolver.setServers([box.dnsServers[1]!]);
    expect(await resolver.resolveTxt(box.seed.txtName)).toEqual([dkimTxtStrings(box.seed.publicKeyBase64)]);
    await expect(resolver.resolveTxt(`${SANDBOX_DEFAULTS.selector}._domainkey.${domain}`)).rejects.toMatchObject({ code: "ENOTFOUND" });
    expect(box.world.route53.zones.get(hostedZoneId(domain))?.name).toBe(domain);
  });
});

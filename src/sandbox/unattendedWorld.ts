import { createPrivateKey } from "node:crypto";
import { privateKeyObjectKey } from "../config/config.js";
import { KEY_HISTORY_FIELD } from "../state/keyHistory.js";
import { dkimTxtStrings, SANDBOX_DEFAULTS } from "./defaults.js";
import { historyEntry, newKeyMaterial, putKeyObject, signWithKey, yyyymmdd } from "./fleetWorld.js";
import type { SandboxWorld, ZoneRecord } from "./world.js";

const DAY_MS = 86_400_000;

/** The rotation policy of the unattended world: a monthly key, as the seed asks, rotated by `tick` with no person's answer. */
export const UNATTENDED_ROTATION = { maxAgeDays: 31, warnDays: 7, graceDays: 7, auto: true, dnsTimeoutDays: 3 } as const;
/** The home key's age at start: past `maxAgeDays - warnDays` (24), so the first tick makes its successor. */
export const UNATTENDED_KEY_AGE_DAYS = 26;
/** Where the unattended world's runs mirror their journals (`journal.s3`), as a container thrown away after each run must. */
export const UNATTENDED_JOURNAL = { bucket: "byodkim-sandbox-journal", prefix: "journal/" } as const;

/**
 * The home identity already on BYODKIM with one key, made by keygen UNATTENDED_KEY_AGE_DAYS ago and
 * active since the day after: its dated selector, its S3 object, its history entry, its TXT record
 * on every nameserver, SES signing with it, phase 7. The good world's older seed key is gone, so
 * this key's age is the only one a reader finds. Answers the key, as the scenario's seed.
 */
export function seedUnattendedWorld(world: SandboxWorld, now: Date = new Date()) {
  const { domain, bucket, keyTemplate, secretId, selectorPrefix } = SANDBOX_DEFAULTS;
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const material = newKeyMaterial();
  const selector = `${selectorPrefix}-${yyyymmdd(at(UNATTENDED_KEY_AGE_DAYS))}-1`;
  const objectKey = privateKeyObjectKey(keyTemplate, domain, selector);
  const txtName = `${selector}._domainkey.${domain}`;
  const life = { status: "active" as const, createdDaysAgo: UNATTENDED_KEY_AGE_DAYS, activeDaysAgo: UNATTENDED_KEY_AGE_DAYS - 1 };

  world.buckets.get(bucket)!.delete(privateKeyObjectKey(keyTemplate, domain, SANDBOX_DEFAULTS.selector));
  putKeyObject(world, objectKey, selector, material, life, at(UNATTENDED_KEY_AGE_DAYS));
  const withoutDkimTxt = (records: ZoneRecord[]) => records.filter((record) => !(record.type === "TXT" && record.name.endsWith(`._domainkey.${domain}`)));
  for (const [i, records] of world.nameservers.entries())
    world.nameservers[i] = [...withoutDkimTxt(records), { name: txtName, type: "TXT", data: dkimTxtStrings(material.publicKeyBase64) }];

  const identity = world.identities.get(domain)!;
  signWithKey(identity, selector, material, { origin: "EXTERNAL" }, at(life.activeDaysAgo), now);
  // What enable gave SES: the key in S3, which SES signs with.
  identity.dkim.externalPrivateKey = createPrivateKey(material.pem);

  const secret = world.secrets.get(secretId)!;
  const current = JSON.parse(secret.versions.at(-1)!.value) as Record<string, unknown>;
  const state = {
    ...current,
    current_phase: "7",
    byodkim_enabled: true,
    signing_enabled: true,
    selector,
    phase_7_completed_at: at(life.activeDaysAgo).toISOString(),
    [KEY_HISTORY_FIELD]: { [selector]: historyEntry(life, material, `s3://${bucket}/${objectKey}`, at) },
  };
  secret.versions.push({ id: "seed-unattended", value: JSON.stringify(state), created: at(life.activeDaysAgo) });
  Object.assign(world.alarms.get(SANDBOX_DEFAULTS.verificationAlarm)!, { state: "OK", reason: "BYODKIM signatures seen (sandbox)" });
  world.buckets.set(UNATTENDED_JOURNAL.bucket, world.buckets.get(UNATTENDED_JOURNAL.bucket) ?? new Map());
  return { selector, publicKeyBase64: material.publicKeyBase64, txtName };
}

/** The sandbox's config for unattended runs: Route 53 publishes, tick rotates on its own, journals go to S3 too. */
export function withUnattendedConfig<T extends { dns: { servers: string[] } }>(document: T) {
  return {
    ...document,
    dns: { ...document.dns, publish: { provider: "route53" } },
    rotation: { ...UNATTENDED_ROTATION },
    journal: { s3: { ...UNATTENDED_JOURNAL } },
  };
}

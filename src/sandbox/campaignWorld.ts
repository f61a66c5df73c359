import { privateKeyObjectKey, stateSecretId } from "../config/config.js";
import { KEY_HISTORY_FIELD, type KeyHistoryEntry } from "../state/keyHistory.js";
import { newSecretArn } from "./api/secretsManager.js";
import { newIdentity } from "./api/sesv2.js";
import { SANDBOX_DEFAULTS } from "./defaults.js";
import { FLEET_REGIONS, FLEET_ROTATION, type FleetHistory } from "./fleet.js";
import { historyEntry, newKeyMaterial, POOL_SIZE, publishTxt, putKeyObject, signWithKey, yyyymmdd } from "./fleetWorld.js";
import { identitiesIn, type SandboxWorld, secretsIn } from "./world.js";

/**
 * The `campaign` scenario: a month's rotation about to be planned. Every identity signs with a
 * key past `rotation.maxAgeDays`, and keygen has already made its successor, which the DNS team
 * has published; each identity keeps its own state secret in each region.
 */
export const CAMPAIGN_SIZE = 12;
export const CAMPAIGN_REGIONS = FLEET_REGIONS;
/** One state secret per identity (and region, as Secrets Manager keeps them). */
export const CAMPAIGN_STATE_SECRET = "byodkim/state/{domain}";
/** A quick rehearsal: one canary, waves of five, the first failure stops; a second person approves. */
export const CAMPAIGN_WAVES = { canary: 1, size: 5, maxErrors: 0 } as const;
export const CAMPAIGN_APPROVALS = { required: 1 } as const;
/** Half a minute a wave: long enough to fire an alarm from another shell (sandbox alarm), short enough to watch. */
export const CAMPAIGN_BAKE = { minutes: 0.5 } as const;

/** Days ago: the key SES signs with (past the 31 days of FLEET_ROTATION), and its successor from keygen. */
const CURRENT_KEY_DAYS = 40;
const NEW_KEY_DAYS = 2;
const DAY_MS = 86_400_000;

export const campaignDomains = (count: number = CAMPAIGN_SIZE): string[] =>
  Array.from({ length: count }, (_, i) => `m${String(i + 1).padStart(2, "0")}.${SANDBOX_DEFAULTS.domain}`);

/** Selectors under the config's one prefix, dated the day each key was made, as keygen names them. */
export const campaignSelectors = (now: Date) => ({
  current: `${SANDBOX_DEFAULTS.selectorPrefix}-${yyyymmdd(new Date(now.getTime() - CURRENT_KEY_DAYS * DAY_MS))}-1`,
  next: `${SANDBOX_DEFAULTS.selectorPrefix}-${yyyymmdd(new Date(now.getTime() - NEW_KEY_DAYS * DAY_MS))}-1`,
});

/**
 * The config byodkim gets: the identities in both regions, each recorded in its own state secret.
 * No top-level domain: the good world's goo.ne.jp is not part of the campaign.
 */
export function withCampaignConfig<T extends { domain?: string }>(document: T, count: number = CAMPAIGN_SIZE) {
  const { domain: _notInTheCampaign, ...rest } = document;
  return {
    ...rest,
    state: { secretId: CAMPAIGN_STATE_SECRET },
    identities: campaignDomains(count).map((domain) => ({ domain, regions: [...CAMPAIGN_REGIONS] })),
    rotation: FLEET_ROTATION,
    waves: CAMPAIGN_WAVES,
    approvals: CAMPAIGN_APPROVALS,
    bake: CAMPAIGN_BAKE,
  };
}

/** What the world holds of one identity, for the tests. */
export interface CampaignSeededIdentity {
  readonly domain: string;
  readonly current: string;
  readonly next: string;
  readonly currentPublicKeyBase64: string;
  readonly nextPublicKeyBase64: string;
}

/** Seeds the campaign's identities into the good world (see the module comment). */
export function seedCampaign(world: SandboxWorld, now: Date = new Date(), count: number = CAMPAIGN_SIZE): CampaignSeededIdentity[] {
  const pool = Array.from({ length: POOL_SIZE }, newKeyMaterial);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const { current, next } = campaignSelectors(now);
  const stateTemplate = { state: { secretId: CAMPAIGN_STATE_SECRET }, identities: [] };
  const activeKey: FleetHistory = { status: "active", createdDaysAgo: CURRENT_KEY_DAYS, activeDaysAgo: CURRENT_KEY_DAYS };
  const keygenKey: FleetHistory = { status: "created", createdDaysAgo: NEW_KEY_DAYS };

  const seeded = campaignDomains(count).map((domain, d) => {
    // Two different keys per identity: the pool is larger than two.
    const currentKey = pool[(2 * d) % POOL_SIZE]!;
    const nextKey = pool[(2 * d + 1) % POOL_SIZE]!;
    const history: Record<string, KeyHistoryEntry> = {};
    for (const [selector, material, kept] of [
      [current, currentKey, activeKey],
      [next, nextKey, keygenKey],
    ] as const) {
      const objectKey = privateKeyObjectKey(SANDBOX_DEFAULTS.keyTemplate, domain, selector);
      putKeyObject(world, objectKey, selector, material, kept, at(kept.createdDaysAgo));
      history[selector] = historyEntry(kept, material, `s3://${SANDBOX_DEFAULTS.bucket}/${objectKey}`, at);
      publishTxt(world, `${selector}._domainkey.${domain}`, "key", material, material);
    }
    const secretId = stateSecretId(stateTemplate, domain);
    for (const region of CAMPAIGN_REGIONS) {
      const identity = newIdentity(domain, now);
      signWithKey(identity, current, currentKey, { origin: "EXTERNAL" }, at(CURRENT_KEY_DAYS), now);
      Object.assign(identity, { verificationStatus: "SUCCESS", verifiedForSending: true });
      identitiesIn(world, region).set(domain, identity);
      secretsIn(world, region).set(secretId, {
        name: secretId,
        arn: newSecretArn(world, secretId, region),
        versions: [{ id: "seed-campaign", value: JSON.stringify(campaignState(current, history, at(CURRENT_KEY_DAYS))), created: now }],
      });
    }
    return { domain, current, next, currentPublicKeyBase64: currentKey.publicKeyBase64, nextPublicKeyBase64: nextKey.publicKeyBase64 };
  });
  // BYODKIM signatures are being seen: the alarm enable clears is clear.
  Object.assign(world.alarms.get(SANDBOX_DEFAULTS.verificationAlarm)!, { state: "OK", reason: "BYODKIM signatures seen (sandbox)" });
  return seeded;
}

/** An identity's state as enable left it (phase 7, signing with `selector`), its key history as keygen extended it. */
function campaignState(selector: string, history: Record<string, KeyHistoryEntry>, enabledAt: Date) {
  return {
    current_phase: "7",
    projectName: "aws-ses-migration",
    environment: "prod",
    byodkim_enabled: true,
    signing_enabled: true,
    selector,
    phase_7_completed_at: enabledAt.toISOString(),
    [KEY_HISTORY_FIELD]: history,
  };
}

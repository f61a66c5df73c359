import { STATUS_REASONS, type StatusLevel, type StatusReason } from "../status/reasons.js";
import type { KeyStatus } from "../state/keyHistory.js";
import { SANDBOX_DEFAULTS } from "./defaults.js";

/**
 * The `fleet` scenario's data: many subdomains of goo.ne.jp in two regions, each with exactly one
 * thing wrong (or nothing), so `byodkim status` has one unambiguous reason to find per row.
 * Days are counted back from the moment the sandbox starts; the seeding is in fleetWorld.ts.
 */
export const FLEET_REGIONS = ["ap-northeast-1", "ap-northeast-3"] as const;
export type FleetRegion = (typeof FLEET_REGIONS)[number];
const [HOME, OSAKA] = FLEET_REGIONS;

/** The rotation policy the fleet is judged by, as its config states it. */
export const FLEET_ROTATION = { maxAgeDays: 31, warnDays: 7, graceDays: 7 } as const;

/** What a nameserver serves at a selector: the selector's own key, a stranger's key, or nothing. */
export type TxtServed = "key" | "other" | "none";

export interface FleetHistory {
  readonly status: KeyStatus;
  readonly createdDaysAgo: number;
  readonly activeDaysAgo?: number;
  readonly retiringDaysAgo?: number;
  /** Negative: the grace period ends that many days from now. */
  readonly retireAfterDaysAgo?: number;
  readonly retiredDaysAgo?: number;
}

export interface FleetKey {
  /** The date in the selector's name, days ago; absent: an undated selector `<prefix>-legacy`. */
  readonly datedDaysAgo?: number;
  /** Its entry in the key history; absent: a key from before byodkim kept one. */
  readonly history?: FleetHistory;
  /** The S3 object's LastModified, days ago (default: the history's created_at, else the selector's date); false: no object. */
  readonly objectDaysAgo?: number | false;
  /** One answer for every nameserver, or one per nameserver index (indexes past the list serve the key). Default: the key everywhere. */
  readonly txt?: TxtServed | readonly TxtServed[];
}

export type FleetSigning =
  | {
      readonly origin: "EXTERNAL";
      /** Index into the domain's keys: the selector SES signs with (default 0). */
      readonly key?: number;
      readonly status?: "SUCCESS" | "FAILED" | "TEMPORARY_FAILURE";
      readonly errorType?: string;
      readonly signingEnabled?: boolean;
    }
  | {
      readonly origin: "AWS_SES";
      /** The CNAMEs published for SES's tokens: all three, the second missing, or the second pointing at a stale token. */
      readonly cnames?: "published" | "oneMissing" | "oneWrong";
      readonly signingEnabled?: boolean;
    };

export interface FleetDomain {
  /** `m07`: the domain is `m07.goo.ne.jp`, its selector prefix `m07-pro`. */
  readonly label: string;
  readonly keys?: readonly FleetKey[];
  /** The identity SES has in each region. */
  readonly ses: Partial<Record<FleetRegion, FleetSigning>>;
  /** The regions the config lists for it; default: the regions SES has it in. */
  readonly configRegions?: readonly FleetRegion[];
  /** The one row that is not healthy, and why. */
  readonly issue?: readonly [FleetRegion, StatusReason];
}

const label = (n: number) => `m${String(n).padStart(2, "0")}`;
export const fleetDomainName = (spec: Pick<FleetDomain, "label">) => `${spec.label}.${SANDBOX_DEFAULTS.domain}`;
export const fleetSelectorPrefix = (spec: Pick<FleetDomain, "label">) => `${spec.label}-pro`;

const active = (createdDaysAgo: number, activeDaysAgo = createdDaysAgo): FleetHistory => ({ status: "active", createdDaysAgo, activeDaysAgo });
/** A key made by keygen `days` ago and active since: dated selector, history, S3 object, TXT everywhere. */
const keyOf = (days: number, extra: Partial<FleetKey> = {}): FleetKey => ({ datedDaysAgo: days, history: active(days), ...extra });
const BYODKIM: FleetSigning = { origin: "EXTERNAL" };
const EASY: FleetSigning = { origin: "AWS_SES" };
const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const FLEET_DOMAINS: readonly FleetDomain[] = [
  // Healthy BYODKIM, keys 10 days old; the first six sign in Osaka too, with the same selector.
  ...numbered(1, 12).map(
    (n): FleetDomain => ({ label: label(n), keys: [keyOf(10)], ses: n <= 6 ? { [HOME]: BYODKIM, [OSAKA]: BYODKIM } : { [HOME]: BYODKIM } }),
  ),
  // Overdue by the history's created_at although the selector's own date and the S3 object are 3 days old: the earliest evidence wins.
  ...numbered(13, 15).map(
    (n): FleetDomain => ({
      label: label(n),
      keys: [{ datedDaysAgo: 3, history: active(45), objectDaysAgo: 3 }],
      ses: { [HOME]: BYODKIM },
      issue: [HOME, "keyOverdue"],
    }),
  ),
  // 27 days old: 4 days left of 31, fewer than warnDays.
  ...numbered(16, 17).map((n): FleetDomain => ({ label: label(n), keys: [keyOf(27)], ses: { [HOME]: BYODKIM }, issue: [HOME, "rotationDueSoon"] })),
  // No history: the age is the selector's date (12 days), the expected key the S3 object's.
  { label: label(18), keys: [{ datedDaysAgo: 12 }], ses: { [HOME]: BYODKIM } },
  // No history, a selector dated 40 days ago, an S3 object of 2 days: the selector's date comes before the object's.
  { label: label(19), keys: [{ datedDaysAgo: 40, objectDaysAgo: 2 }], ses: { [HOME]: BYODKIM }, issue: [HOME, "keyOverdue"] },
  // No history, no date in the selector: the age is the S3 object's LastModified.
  { label: label(20), keys: [{ objectDaysAgo: 5 }], ses: { [HOME]: BYODKIM } },
  // No history, no date, no S3 object: nothing says which key DNS should carry (nor how old it is).
  { label: label(21), keys: [{ objectDaysAgo: false }], ses: { [HOME]: BYODKIM }, issue: [HOME, "keyUnverifiable"] },
  // The second nameserver serves a stranger's key; SES reached the first, so it stays SUCCESS.
  ...numbered(22, 23).map(
    (n): FleetDomain => ({ label: label(n), keys: [keyOf(10, { txt: ["key", "other"] })], ses: { [HOME]: BYODKIM }, issue: [HOME, "dnsDrift"] }),
  ),
  // SES gave up: a record with another key (INVALID_VALUE), no record at all (HOST_NOT_FOUND).
  {
    label: label(24),
    keys: [keyOf(10, { txt: "other" })],
    ses: { [HOME]: { origin: "EXTERNAL", status: "FAILED", errorType: "INVALID_VALUE" } },
    issue: [HOME, "dkimFailed"],
  },
  {
    label: label(25),
    keys: [keyOf(10, { txt: "none" })],
    ses: { [HOME]: { origin: "EXTERNAL", status: "FAILED", errorType: "HOST_NOT_FOUND" } },
    issue: [HOME, "dkimFailed"],
  },
  // Signing switched off by hand, the DKIM setup itself healthy: BYODKIM, then Easy DKIM.
  { label: label(26), keys: [keyOf(10)], ses: { [HOME]: { origin: "EXTERNAL", signingEnabled: false } }, issue: [HOME, "signingOff"] },
  { label: label(27), ses: { [HOME]: { origin: "AWS_SES", signingEnabled: false } }, issue: [HOME, "signingOff"] },
  // Healthy Easy DKIM; the first two in both regions, each region with its own tokens and CNAMEs.
  ...numbered(28, 31).map((n): FleetDomain => ({ label: label(n), ses: n <= 29 ? { [HOME]: EASY, [OSAKA]: EASY } : { [HOME]: EASY } })),
  { label: label(32), ses: { [HOME]: { origin: "AWS_SES", cnames: "oneMissing" } }, issue: [HOME, "cnameMissing"] },
  { label: label(33), ses: { [HOME]: { origin: "AWS_SES", cnames: "oneWrong" } }, issue: [HOME, "cnameMissing"] },
  // Osaka signs with another selector than Tokyo: both valid, published and in the history.
  ...numbered(34, 35).map(
    (n): FleetDomain => ({
      label: label(n),
      keys: [keyOf(10), keyOf(8)],
      ses: { [HOME]: BYODKIM, [OSAKA]: { origin: "EXTERNAL", key: 1 } },
      issue: [OSAKA, "regionMismatch"],
    }),
  ),
  // The active key is healthy; an older one was retired 10 days ago (past graceDays) and its TXT is still up.
  {
    label: label(36),
    keys: [
      keyOf(10),
      {
        datedDaysAgo: 50,
        history: { status: "retired", createdDaysAgo: 50, activeDaysAgo: 49, retiringDaysAgo: 20, retireAfterDaysAgo: 13, retiredDaysAgo: 10 },
      },
    ],
    ses: { [HOME]: BYODKIM },
    issue: [HOME, "retiredNotRevoked"],
  },
  // Rotated 4 days ago: the previous key is retiring, its grace period ends in 3 days, its TXT still up. Only a fact.
  {
    label: label(37),
    keys: [
      { datedDaysAgo: 5, history: active(5, 4) },
      { datedDaysAgo: 35, history: { status: "retiring", createdDaysAgo: 35, activeDaysAgo: 34, retiringDaysAgo: 4, retireAfterDaysAgo: -3 } },
    ],
    ses: { [HOME]: BYODKIM },
  },
  // SES could not tell, 10 days ago; the background verifier leaves anything but PENDING alone, so it is stuck.
  {
    label: label(38),
    keys: [keyOf(10)],
    ses: { [HOME]: { origin: "EXTERNAL", status: "TEMPORARY_FAILURE", errorType: "DNS_SERVER_ERROR" } },
    issue: [HOME, "dkimStuck"],
  },
  // The config lists Osaka too, where SES has no such identity.
  { label: label(39), keys: [keyOf(10)], ses: { [HOME]: BYODKIM }, configRegions: [HOME, OSAKA], issue: [OSAKA, "notInRegion"] },
];

/** An address identity in the home region: status reports domains only, so it has no row. */
export const FLEET_EMAIL_IDENTITY = `ops@${SANDBOX_DEFAULTS.domain}`;

const configRegionsOf = (spec: FleetDomain): readonly FleetRegion[] => spec.configRegions ?? FLEET_REGIONS.filter((region) => spec.ses[region] !== undefined);

/** The fleet's `identities:` in the config; regions left out when it is the top-level region alone. */
export interface FleetIdentityConfig {
  readonly domain: string;
  readonly regions?: readonly string[];
  readonly selectorPrefix?: string;
}

export const FLEET_IDENTITIES: readonly FleetIdentityConfig[] = FLEET_DOMAINS.map((spec) => {
  const regions = configRegionsOf(spec);
  return {
    domain: fleetDomainName(spec),
    ...(regions.length === 1 && regions[0] === SANDBOX_DEFAULTS.region ? {} : { regions: [...regions] }),
    ...(spec.keys ? { selectorPrefix: fleetSelectorPrefix(spec) } : {}),
  };
});

/** The sandbox's config document, with the fleet's identities and rotation policy. */
export function withFleetConfig<T extends object>(document: T): T & { identities: FleetIdentityConfig[]; rotation: typeof FLEET_ROTATION } {
  return { ...document, identities: [...FLEET_IDENTITIES], rotation: FLEET_ROTATION };
}

export interface FleetExpectation {
  readonly domain: string;
  readonly region: string;
  readonly verdict: StatusLevel;
  readonly reason: StatusReason;
}

const row = (domain: string, region: string, reason: StatusReason): FleetExpectation => ({ domain, region, verdict: STATUS_REASONS[reason], reason });

/** What `byodkim status` should say of each identity × region the config names, goo.ne.jp's home row first. */
export const FLEET_EXPECTATIONS: readonly FleetExpectation[] = [
  row(SANDBOX_DEFAULTS.domain, SANDBOX_DEFAULTS.region, "healthy"),
  ...FLEET_DOMAINS.flatMap((spec) =>
    configRegionsOf(spec).map((region) => row(fleetDomainName(spec), region, spec.issue?.[0] === region ? spec.issue[1] : "healthy")),
  ),
];

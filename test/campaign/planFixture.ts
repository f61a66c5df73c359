import { fingerprintSpki } from "../../src/dkim/publicKey.js";
import { buildPlan, type PlanCandidate, type PlanInput } from "../../src/campaign/buildPlan.js";
import type { CampaignPlan, PlanDkimSummary } from "../../src/campaign/planDocument.js";
import type { GateResult } from "../../src/gates/types.js";
import { msg } from "../../src/messages/msg.js";
import { generateTestKey, type TestKey } from "../support/keys.js";

export const NOW = new Date("2026-12-04T01:00:00.000Z");
export const PLANNER = "arn:aws:sts::123456789012:assumed-role/MailOps/tanaka";
export const ACCOUNT = "123456789012";
export const TOKYO = "ap-northeast-1";
export const OSAKA = "ap-northeast-3";

let cachedKey: TestKey | undefined;
/** One 2048-bit key for every plan of the file: made once, its private runs are the canaries. */
export const testKey = () => (cachedKey ??= generateTestKey(2048));

export const fingerprintOf = (key: TestKey) => fingerprintSpki(Buffer.from(key.publicKeyBase64, "base64"));

const pass = (id: GateResult["id"]): GateResult => ({ id, status: "pass", detail: msg("gate.key.title") });
export const failing = (id: GateResult["id"], location = "s3://dkim-keys/dkim/x/y.pem"): GateResult => ({
  id,
  status: "fail",
  detail: msg("gate.key.missing", { location }),
});

const EASY: PlanDkimSummary = { origin: "AWS_SES", status: "SUCCESS", signingEnabled: true, tokens: ["abcdefghijklmnopqrstuvwxyz012345"] };
const signingWith = (selector: string): PlanDkimSummary => ({ origin: "EXTERNAL", status: "SUCCESS", signingEnabled: true, tokens: [selector] });

/** A rotation candidate: from `<label>-pro-20261101-1` to `<label>-pro-20261201-1`, every gate passing unless told. */
export function rotationCandidate(label: string, region: string, extra: Partial<PlanCandidate> = {}): PlanCandidate {
  const selector = `${label}-pro-20261201-1`;
  return {
    domain: `${label}.goo.ne.jp`,
    region,
    account: ACCOUNT,
    selector,
    publicKeyFingerprint: fingerprintOf(testKey()),
    current: signingWith(`${label}-pro-20261101-1`),
    calls: [{ name: "PutEmailIdentityDkimSigningAttributes", intent: { kind: "signWithExternalKey", selector }, needed: true }],
    restores: { origin: "EXTERNAL", selector: `${label}-pro-20261101-1`, signingEnabled: true },
    gates: [pass("identity"), pass("key"), pass("dns"), pass("ses")],
    ...extra,
  };
}

export const easyCandidate = (label: string, region: string, extra: Partial<PlanCandidate> = {}) =>
  rotationCandidate(label, region, { current: EASY, restores: { origin: "AWS_SES", selector: null, signingEnabled: true }, ...extra });

export const keyRecord = (label: string) => ({
  zone: "goo.ne.jp",
  name: `${label}-pro-20261201-1._domainkey.${label}.goo.ne.jp`,
  type: "TXT" as const,
  ttl: 3600,
  value: `v=DKIM1; k=rsa; p=${testKey().publicKeyBase64}`,
});

export function planInput(extra: Partial<PlanInput> = {}): PlanInput {
  return {
    command: "rotate",
    candidates: [
      rotationCandidate("m02", OSAKA),
      rotationCandidate("m01", TOKYO),
      rotationCandidate("m02", TOKYO),
      rotationCandidate("m01", OSAKA),
      rotationCandidate("m03", TOKYO, { gates: [failing("key")] }),
      rotationCandidate("m04", TOKYO),
    ],
    dnsRecords: [keyRecord("m02"), keyRecord("m01"), keyRecord("m02")],
    waves: { canary: 1, size: 2, maxErrors: 0 },
    plannedBy: PLANNER,
    now: NOW,
    ttlHours: 72,
    changeWindow: { timeZone: "Asia/Tokyo", days: ["mon", "tue", "wed", "thu", "fri"], start: "10:00", end: "17:00" },
    ...extra,
  };
}

/** The fixture's plan: m01 (canary) and m02 in two regions, m04 in Tokyo, m03 left out by its key gate. */
export function fixturePlan(extra: Partial<PlanInput> = {}): CampaignPlan {
  const built = buildPlan(planInput(extra));
  if (!built.ok) throw new Error(`fixture plan refused: ${built.problem.key}`);
  return built.plan;
}

/** The same value with every object's keys in reverse order, at every depth. */
export function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .reverse()
        .map((key) => [key, reversedKeys((value as Record<string, unknown>)[key])]),
    ) as T;
  }
  return value;
}

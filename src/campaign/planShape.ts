import { WAVES_LIMITS } from "../config/wavesConfig.js";
import { hasControlCharacter, isRegionName, isValidSelector, normaliseDomain } from "../config/names.js";
import { parseDkimKeyRecord } from "../dkim/dkimRecord.js";
import { normaliseDkimPublicKey } from "../dkim/publicKey.js";
import { type CampaignPlan, PLAN_CALL_NAMES, PLAN_COMMANDS, PLAN_VERSION } from "./planDocument.js";

/**
 * Checks that a parsed document has exactly a plan's shape, field by field, so what `apply` acts on
 * is what the type says and nothing else rides along. The first field that is wrong is named.
 */
export type PlanShape = { readonly ok: true; readonly plan: CampaignPlan } | { readonly ok: false; readonly field: string };

class Wrong extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => value !== null && typeof value === "object" && !Array.isArray(value);

const fieldsOf = (value: unknown, at: string, allowed: readonly string[]): Fields => {
  if (!isRecord(value)) throw new Wrong(at || "(top level)");
  const fields = value;
  const unknown = Object.keys(fields).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw new Wrong(at === "" ? unknown : `${at}.${unknown}`);
  return fields;
};

const listOf = (value: unknown, at: string): unknown[] => {
  if (!Array.isArray(value)) throw new Wrong(at);
  return value;
};

const check = (ok: boolean, at: string) => {
  if (!ok) throw new Wrong(at);
};

/** Free text a person reads (a gate's param, an SES status): one line, short enough to be a word and not a key. */
const isShortText = (value: unknown): value is string => typeof value === "string" && value.length <= 500 && !hasControlCharacter(value);
const isIsoUtc = (value: unknown) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && !Number.isNaN(Date.parse(value));
const isDomain = (value: unknown) => typeof value === "string" && normaliseDomain(value) === value;
const isSelectorOrNull = (value: unknown) => value === null || (typeof value === "string" && isValidSelector(value));
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
const WHOLE = (min: number, max: number) => (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

function readDkimSummary(value: unknown, at: string): void {
  if (value === null) return;
  const dkim = fieldsOf(value, at, ["origin", "status", "signingEnabled", "tokens"]);
  check(dkim["origin"] === null || isShortText(dkim["origin"]), `${at}.origin`);
  check(dkim["status"] === null || isShortText(dkim["status"]), `${at}.status`);
  check(typeof dkim["signingEnabled"] === "boolean", `${at}.signingEnabled`);
  // SES's tokens: a BYODKIM selector, or Easy DKIM's 32-character CNAME tokens.
  for (const [index, token] of listOf(dkim["tokens"], `${at}.tokens`).entries()) {
    check(typeof token === "string" && /^[A-Za-z0-9-]{1,63}$/.test(token), `${at}.tokens[${index}]`);
  }
}

function readCall(value: unknown, at: string): void {
  const call = fieldsOf(value, at, ["name", "intent", "needed"]);
  check(PLAN_CALL_NAMES.includes(call["name"] as never), `${at}.name`);
  check(typeof call["needed"] === "boolean", `${at}.needed`);
  const intent = fieldsOf(call["intent"], `${at}.intent`, ["kind", "selector", "enabled"]);
  if (intent["kind"] === "signWithExternalKey") {
    fieldsOf(intent, `${at}.intent`, ["kind", "selector"]);
    check(typeof intent["selector"] === "string" && isValidSelector(intent["selector"]), `${at}.intent.selector`);
  } else if (intent["kind"] === "signWithEasyDkim") {
    fieldsOf(intent, `${at}.intent`, ["kind"]);
  } else if (intent["kind"] === "setSigning") {
    fieldsOf(intent, `${at}.intent`, ["kind", "enabled"]);
    check(typeof intent["enabled"] === "boolean", `${at}.intent.enabled`);
  } else throw new Wrong(`${at}.intent.kind`);
}

function readReasons(value: unknown, at: string): void {
  for (const [index, entry] of listOf(value, at).entries()) {
    const here = `${at}[${index}]`;
    const reason = fieldsOf(entry, here, ["gate", "status", "code", "params"]);
    check(typeof reason["gate"] === "string" && /^[a-zA-Z]{1,40}$/.test(reason["gate"]), `${here}.gate`);
    check(["pass", "warn", "fail"].includes(reason["status"] as string), `${here}.status`);
    check(typeof reason["code"] === "string" && /^[a-zA-Z0-9.]{1,100}$/.test(reason["code"]), `${here}.code`);
    const params = reason["params"];
    if (params === undefined) continue;
    check(isRecord(params), `${here}.params`);
    for (const [name, param] of Object.entries(params as Fields)) {
      check(typeof param === "number" || typeof param === "boolean" || isShortText(param), `${here}.params.${name}`);
    }
  }
}

const TARGET_FIELDS = ["domain", "region", "account", "selector", "publicKeyFingerprint", "current", "state"];

function readTarget(value: unknown, at: string): void {
  const state = fieldsOf(value, at, [...TARGET_FIELDS, "calls", "restores", "wave", "warnings", "reasons"])["state"];
  const target = fieldsOf(value, at, state === "ready" ? [...TARGET_FIELDS, "calls", "restores", "wave", "warnings"] : [...TARGET_FIELDS, "reasons"]);
  check(state === "ready" || state === "leftOut", `${at}.state`);
  check(isDomain(target["domain"]), `${at}.domain`);
  check(typeof target["region"] === "string" && isRegionName(target["region"]), `${at}.region`);
  check(typeof target["account"] === "string" && /^\d{12}$/.test(target["account"]), `${at}.account`);
  check(isSelectorOrNull(target["selector"]), `${at}.selector`);
  const fingerprint = target["publicKeyFingerprint"];
  check(fingerprint === null || (typeof fingerprint === "string" && FINGERPRINT.test(fingerprint)), `${at}.publicKeyFingerprint`);
  readDkimSummary(target["current"], `${at}.current`);
  if (state === "leftOut") {
    readReasons(target["reasons"], `${at}.reasons`);
    return;
  }
  check(target["current"] !== null, `${at}.current`);
  for (const [index, call] of listOf(target["calls"], `${at}.calls`).entries()) readCall(call, `${at}.calls[${index}]`);
  const restores = fieldsOf(target["restores"], `${at}.restores`, ["origin", "selector", "signingEnabled"]);
  check([null, "EXTERNAL", "AWS_SES"].includes(restores["origin"] as string | null), `${at}.restores.origin`);
  check(isSelectorOrNull(restores["selector"]), `${at}.restores.selector`);
  check(typeof restores["signingEnabled"] === "boolean", `${at}.restores.signingEnabled`);
  check(WHOLE(1, 100_000)(target["wave"]), `${at}.wave`);
  readReasons(target["warnings"], `${at}.warnings`);
}

/** A DKIM key record whose p= is an RSA public key, or a revocation (empty p=): a private key cannot pass for either. */
function isPublicKeyRecord(value: unknown): boolean {
  if (typeof value !== "string" || value.length > 2000) return false;
  const parsed = parseDkimKeyRecord(value);
  if (!parsed.ok) return false;
  if (parsed.record.revoked) return true;
  try {
    normaliseDkimPublicKey(parsed.record.publicKeyBase64);
    return true;
  } catch {
    return false;
  }
}

function readDnsZones(value: unknown, at: string): void {
  for (const [index, entry] of listOf(value, at).entries()) {
    const here = `${at}[${index}]`;
    const zone = fieldsOf(entry, here, ["zone", "records"]);
    check(isDomain(zone["zone"]), `${here}.zone`);
    for (const [recordIndex, recordValue] of listOf(zone["records"], `${here}.records`).entries()) {
      const there = `${here}.records[${recordIndex}]`;
      const record = fieldsOf(recordValue, there, ["name", "type", "ttl", "value"]);
      check(typeof record["name"] === "string" && /^[a-z0-9_.-]{1,253}$/.test(record["name"]), `${there}.name`);
      check(record["type"] === "TXT", `${there}.type`);
      check(WHOLE(0, 2_147_483_647)(record["ttl"]), `${there}.ttl`);
      check(isPublicKeyRecord(record["value"]), `${there}.value`);
    }
  }
}

const PLAN_FIELDS = ["version", "command", "targets", "dnsRecords", "waves", "plannedBy", "createdAt", "expiresAt", "changeWindow"];

/** The plan in a parsed document (the stored `id` set aside by the caller), or the first field that is not as a plan has it. */
export function readPlanShape(document: unknown): PlanShape {
  try {
    const plan = fieldsOf(document, "", PLAN_FIELDS);
    check(plan["version"] === PLAN_VERSION, "version");
    check(PLAN_COMMANDS.includes(plan["command"] as never), "command");
    const waves = fieldsOf(plan["waves"], "waves", ["canary", "size", "maxErrors"]);
    check(WHOLE(0, WAVES_LIMITS.maxCanary)(waves["canary"]), "waves.canary");
    check(WHOLE(1, WAVES_LIMITS.maxSize)(waves["size"]), "waves.size");
    check(WHOLE(0, WAVES_LIMITS.maxErrors)(waves["maxErrors"]), "waves.maxErrors");
    for (const [index, target] of listOf(plan["targets"], "targets").entries()) readTarget(target, `targets[${index}]`);
    readDnsZones(plan["dnsRecords"], "dnsRecords");
    check(typeof plan["plannedBy"] === "string" && /^arn:aws[a-z-]*:(sts|iam)::\d{12}:[\x21-\x7e]{1,1000}$/.test(plan["plannedBy"]), "plannedBy");
    check(isIsoUtc(plan["createdAt"]), "createdAt");
    check(isIsoUtc(plan["expiresAt"]) && Date.parse(plan["expiresAt"] as string) > Date.parse(plan["createdAt"] as string), "expiresAt");
    // The window's own slice judges what is inside; here it need only be a mapping.
    check(plan["changeWindow"] === undefined || isRecord(plan["changeWindow"]), "changeWindow");
    return { ok: true, plan: plan as unknown as CampaignPlan };
  } catch (err) {
    if (err instanceof Wrong) return { ok: false, field: err.field };
    throw err;
  }
}

import { createHash } from "node:crypto";
import { type Msg, msg } from "../messages/msg.js";
import { canonicalJson } from "./canonicalJson.js";
import { type CampaignPlan, PLAN_VERSION } from "./planDocument.js";
import { readPlanShape } from "./planShape.js";

/** The lowercase hex SHA-256 of the plan's canonical JSON, any `id` it carries left out. */
export function planId(plan: CampaignPlan): string {
  const { id: _claimed, ...content } = plan as CampaignPlan & { id?: unknown };
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}

const PLAN_ID = /^[0-9a-f]{64}$/;
export const isPlanId = (text: string): boolean => PLAN_ID.test(text);

/** The PEM header of every private key form (PKCS#1, PKCS#8, encrypted PKCS#8): never in a plan. */
const PRIVATE_KEY_MARK = /PRIVATE KEY/;

/**
 * The plan's stored bytes: its canonical JSON with the id it hashes to, so a copy (the S3 object,
 * the ticket's file) carries its own proof. Throws on a plan the code built wrong (a field out of
 * shape, a class instance in it), as that is a bug to fix and not an operator's input to refuse.
 */
export function sealPlan(plan: CampaignPlan): { readonly id: string; readonly bytes: Buffer } {
  const shape = readPlanShape(JSON.parse(canonicalJson(plan)));
  if (!shape.ok) throw new Error(`sealPlan: the plan's ${shape.field} is not as a plan has it`);
  const id = planId(plan);
  const text = canonicalJson({ ...plan, id });
  if (PRIVATE_KEY_MARK.test(text)) throw new Error("sealPlan: a plan never holds a private key");
  return { id, bytes: Buffer.from(text, "utf8") };
}

export type PlanProblemCode = "notJson" | "notAPlan" | "privateKey" | "unknownVersion" | "tampered" | "otherPlan";

export type OpenedPlan =
  | { readonly ok: true; readonly plan: CampaignPlan; readonly id: string }
  | { readonly ok: false; readonly code: PlanProblemCode; readonly problem: Msg; readonly hint: Msg };

const refused = (code: PlanProblemCode, problem: Msg, hint: Msg): OpenedPlan => ({ ok: false, code, problem, hint });

/** A field name as read from a file, shown back safely: printable ASCII, one short line. */
const shownField = (field: string) => {
  const printable = field.replace(/[^\x20-\x7e]/g, "?");
  return printable.length > 80 ? `${printable.slice(0, 79)}…` : printable;
};

/**
 * The plan in stored bytes, or why they are not one to act on: not JSON, not a plan, a version
 * this byodkim does not read, or bytes that are not exactly the ones the plan was sealed as (any
 * change to them, even a space, is a tampered plan). `expectedId`: the id the plan was asked for by
 * (`apply <plan-id>`, the object key), which it must carry. Never throws.
 */
export function openPlan(bytes: Uint8Array | string, expectedId?: string): OpenedPlan {
  let text: string;
  try {
    text = typeof bytes === "string" ? bytes : new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refused("notJson", msg("campaign.plan.notJson"), msg("campaign.plan.notAPlan.hint"));
  }
  // Checked before anything is read back into a message: none of such a file is ever shown.
  if (PRIVATE_KEY_MARK.test(text)) return refused("privateKey", msg("campaign.plan.privateKey"), msg("campaign.plan.privateKey.hint"));
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return refused("notJson", msg("campaign.plan.notJson"), msg("campaign.plan.notAPlan.hint"));
  }
  if (document === null || typeof document !== "object" || Array.isArray(document) || !("version" in document)) {
    return refused("notAPlan", msg("campaign.plan.notAPlan", { field: "version" }), msg("campaign.plan.notAPlan.hint"));
  }
  const { id: claimed, ...content } = document as Record<string, unknown>;
  if (content["version"] !== PLAN_VERSION) {
    const version = typeof content["version"] === "number" ? String(content["version"]) : shownField(JSON.stringify(content["version"]) ?? "");
    return refused("unknownVersion", msg("campaign.plan.unknownVersion", { version, supported: PLAN_VERSION }), msg("campaign.plan.unknownVersion.hint"));
  }
  if (typeof claimed !== "string" || !isPlanId(claimed)) {
    return refused("notAPlan", msg("campaign.plan.notAPlan", { field: "id" }), msg("campaign.plan.notAPlan.hint"));
  }
  let actual: string;
  let canonical: string;
  try {
    actual = createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
    canonical = canonicalJson(document);
  } catch {
    // JSON.parse reads 1e999 as Infinity, which canonical JSON has no form for: no sealed plan holds it.
    return refused("tampered", msg("campaign.plan.tampered", { id: claimed }), msg("campaign.plan.tampered.hint"));
  }
  if (actual !== claimed || canonical !== text) {
    return refused("tampered", msg("campaign.plan.tampered", { id: claimed }), msg("campaign.plan.tampered.hint"));
  }
  if (expectedId !== undefined && expectedId.toLowerCase() !== claimed) {
    return refused("otherPlan", msg("campaign.plan.otherPlan", { expected: shownField(expectedId), id: claimed }), msg("campaign.plan.otherPlan.hint"));
  }
  const shape = readPlanShape(content);
  if (!shape.ok) return refused("notAPlan", msg("campaign.plan.notAPlan", { field: shownField(shape.field) }), msg("campaign.plan.notAPlan.hint"));
  return { ok: true, plan: shape.plan, id: claimed };
}

import { SMALL_OBJECT_LIMITS } from "../aws/s3.js";
import type { CampaignStorePort } from "../aws/types.js";
import type { CampaignPlan } from "../campaign/planDocument.js";
import { isPlanId, openPlan, sealPlan } from "../campaign/planSeal.js";
import { ByodkimError, byodkimError } from "../errors.js";
import type { PlanFacts, RecordedApproval } from "../gates/approvalGates.js";
import { PLAN_ID_PREFIX_LENGTH } from "../campaign/planSummary.js";
import type { Msg } from "../messages/msg.js";
import { asByodkimError } from "./change/changeRun.js";
import { isKnownPrincipal, principalOf } from "../permissions/principal.js";
import { resolve } from "node:path";
import { approvalKey, approvalsPrefix, campaignLocation, planKey } from "../state/campaignLocation.js";
import { entryAt, NotRegularFileError, readOwnFile, replaceFile } from "../state/ownFiles.js";
import type { CommandContext } from "./context.js";

export { planKey as planObjectKey, approvalKey as approvalObjectKey } from "../state/campaignLocation.js";

export const s3Url = (bucket: string, key: string) => `s3://${bucket}/${key}`;

function storeOf(ctx: CommandContext): CampaignStorePort {
  const store = ctx.aws.campaigns;
  if (!store) throw byodkimError("aws", "campaign.store.missing", undefined, "campaign.store.missing.hint");
  return store;
}

export interface StoredPlan {
  readonly id: string;
  readonly plan: CampaignPlan;
  readonly bytes: Buffer;
  readonly url: string;
  /** False when the same plan was already stored (planned twice from the same facts). */
  readonly written: boolean;
  readonly requestId: string | undefined;
}

/** Seals the plan and stores it once under its id; an object already there must hold the very same bytes. */
export async function storePlan(ctx: CommandContext, plan: CampaignPlan): Promise<StoredPlan> {
  const { id, bytes } = sealPlan(plan);
  const { bucket } = ctx.config.keys;
  const key = planKey(ctx.config.keys, id);
  const store = storeOf(ctx);
  const receipt = await store.writeNew(bucket, key, bytes.toString("utf8"));
  if (receipt === null) {
    const there = await store.read(bucket, key);
    if (there?.text !== bytes.toString("utf8")) throw byodkimError("refused", "campaign.plan.tampered", { id }, "campaign.plan.tampered.hint");
  }
  return { id, plan, bytes, url: s3Url(bucket, key), written: receipt !== null, requestId: receipt?.requestId };
}

export interface LoadedPlan {
  readonly id: string;
  readonly plan: CampaignPlan;
  /** Where it was read: the S3 object always (approvals are stored beside it), and the file it was named by. */
  readonly url: string;
  readonly file: string | null;
}

/** A plan id as typed: the whole SHA-256, or at least its first 8 hex digits when only one stored plan starts so. */
const PLAN_ID_PREFIX = /^[0-9a-f]{8,64}$/;

/**
 * The plan named by a file (`--out`'s) or by its id (whole or a unique prefix of 8+ hex digits),
 * always as stored in S3: a file is only a way to name it, and its bytes must be the stored ones.
 * Refused (exit 1) when the bytes do not hash to the id, or the file and S3 disagree.
 */
export async function loadPlan(ctx: CommandContext, ref: string): Promise<LoadedPlan> {
  const { bucket } = ctx.config.keys;
  const store = storeOf(ctx);
  let file: string | null = null;
  let id: string;
  let fileText: string | null = null;
  const lowered = ref.toLowerCase();
  if (entryAt(ref) !== null || !PLAN_ID_PREFIX.test(lowered)) {
    file = ref;
    fileText = readPlanFile(ref);
    const opened = openPlan(fileText);
    if (!opened.ok) throw new ByodkimError("refused", opened.problem, opened.hint);
    id = opened.id;
  } else if (isPlanId(lowered)) {
    id = lowered;
  } else {
    id = await uniquePrefix(ctx, store, lowered);
  }
  const key = planKey(ctx.config.keys, id);
  const stored = await store.read(bucket, key);
  if (stored === null) throw byodkimError("refused", "campaign.store.planMissing", { id, url: s3Url(bucket, key) }, "campaign.store.planMissing.hint");
  const opened = openPlan(stored.text, id);
  if (!opened.ok) throw new ByodkimError("refused", opened.problem, opened.hint);
  if (fileText !== null && fileText !== stored.text) throw byodkimError("refused", "campaign.plan.tampered", { id }, "campaign.plan.tampered.hint");
  return { id, plan: opened.plan, url: s3Url(bucket, key), file };
}

function readPlanFile(path: string): string {
  try {
    return readOwnFile(path, SMALL_OBJECT_LIMITS.campaignRecord.maxBytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw byodkimError("input", "campaign.store.noSuchPlan", { ref: path }, "campaign.plan.notAPlan.hint");
    throw byodkimError("input", "campaign.store.planUnreadable", { path, reason: code ?? (err as Error).name }, "campaign.plan.notAPlan.hint");
  }
}

async function uniquePrefix(ctx: CommandContext, store: CampaignStorePort, prefix: string): Promise<string> {
  const folder = campaignLocation(ctx.config.keys).plansPrefix;
  const ids = (await store.list(ctx.config.keys.bucket, `${folder}${prefix}`))
    .map((key) => key.slice(folder.length))
    .filter((name) => /^[0-9a-f]{64}\.json$/.test(name))
    .map((name) => name.slice(0, 64));
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) throw byodkimError("refused", "campaign.store.noSuchPlan", { ref: prefix }, "campaign.plan.notAPlan.hint");
  throw byodkimError("usage", "campaign.store.ambiguousPlan", { ref: prefix, count: ids.length }, "campaign.store.ambiguousPlan.hint");
}

/** An approval as stored beside its plan. */
export interface ApprovalRecord extends RecordedApproval {
  readonly comment: string | null;
}

const APPROVAL_VERSION = 1;

/** The approvals stored beside the plan; one that cannot be read as an approval is skipped and said. */
export async function readApprovals(ctx: CommandContext, id: string): Promise<{ approvals: ApprovalRecord[]; unreadable: string[] }> {
  const store = storeOf(ctx);
  const { bucket } = ctx.config.keys;
  const keys = await store.list(bucket, approvalsPrefix(ctx.config.keys, id));
  const approvals: ApprovalRecord[] = [];
  const unreadable: string[] = [];
  for (const key of keys.sort()) {
    const object = await store.read(bucket, key);
    const approval = object === null ? null : approvalFrom(object.text);
    if (approval) approvals.push(approval);
    else unreadable.push(s3Url(bucket, key));
  }
  return { approvals, unreadable };
}

function approvalFrom(text: string): ApprovalRecord | null {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const { version, by, at, planHash, comment } = value;
    if (version !== APPROVAL_VERSION || typeof by !== "string" || typeof at !== "string" || typeof planHash !== "string") return null;
    return { by, at, planHash, comment: typeof comment === "string" ? comment : null };
  } catch {
    return null;
  }
}

/** Writes the caller's approval once; false when an approval by this person is already there. */
export async function storeApproval(
  ctx: CommandContext,
  id: string,
  approval: ApprovalRecord,
): Promise<{ readonly written: boolean; readonly url: string; readonly requestId: string | undefined }> {
  const principal = principalOf(approval.by);
  if (!isKnownPrincipal(principal)) throw byodkimError("refused", "gate.approval.unknownApprover", { who: approval.by }, "gate.approval.unknownApprover.hint");
  const { bucket } = ctx.config.keys;
  const key = approvalKey(ctx.config.keys, id, principal.key);
  const text = `${JSON.stringify({ version: APPROVAL_VERSION, planHash: approval.planHash, by: approval.by, at: approval.at, comment: approval.comment }, null, 2)}\n`;
  const receipt = await storeOf(ctx).writeNew(bucket, key, text);
  return { written: receipt !== null, url: s3Url(bucket, key), requestId: receipt?.requestId };
}

/** `plan --out`: the sealed bytes as stored, so the file names the plan exactly; never through a link. */
export function writePlanFile(path: string, bytes: Buffer): string {
  const target = resolve(path);
  try {
    checkPlanOut(target);
    replaceFile(target, bytes.toString("utf8"));
    return target;
  } catch (err) {
    if (err instanceof ByodkimError) throw err;
    if (err instanceof NotRegularFileError) throw byodkimError("input", "plan.outNotRegular", { path, kind: err.kind });
    throw byodkimError("input", "plan.outUnwritable", { path: target, reason: (err as NodeJS.ErrnoException).code ?? "unknown" });
  }
}

/**
 * `plan --out` replaces an earlier plan (the same --out planned again), never another kind of file:
 * checked before anything is planned, and again as the file is written.
 */
export function checkPlanOut(path: string): void {
  const target = resolve(path);
  try {
    if (entryAt(target) !== null && !isPlanFile(readOwnFile(target, SMALL_OBJECT_LIMITS.campaignRecord.maxBytes))) {
      throw byodkimError("input", "plan.outNotAPlan", { path: target });
    }
  } catch (err) {
    if (err instanceof NotRegularFileError) throw byodkimError("input", "plan.outNotRegular", { path, kind: err.kind });
    throw err;
  }
}

/** A file `plan --out` wrote: a plan, even one since expired, changed or of another version; not a file of some other kind. */
function isPlanFile(text: string): boolean {
  const opened = openPlan(text);
  return opened.ok || opened.code === "tampered" || opened.code === "otherPlan" || opened.code === "unknownVersion";
}

/** What approve and apply judge of a plan read from its stored bytes (openPlan has checked they hash to its id). */
export const storedPlanFacts = (id: string, plan: CampaignPlan): PlanFacts => ({
  id,
  plannedBy: plan.plannedBy,
  createdAt: plan.createdAt,
  expiresAt: plan.expiresAt,
  storedHashOk: true,
});

/**
 * approve's and apply's question: the plan id's first characters typed back. True when they were;
 * a closed stdin or Ctrl-D is no answer, and no answer is not a yes. Ctrl-C ends the command as everywhere.
 */
export async function typedPlanPrefix(ctx: CommandContext, question: (prefix: string) => Msg, id: string): Promise<boolean> {
  const prefix = id.slice(0, PLAN_ID_PREFIX_LENGTH);
  const answer = await ctx.prompt.ask(question(prefix)).catch((err: unknown) => asByodkimError(err));
  if (answer instanceof ByodkimError && answer.kind !== "declined") throw answer;
  return !(answer instanceof ByodkimError) && answer.trim().toLowerCase() === prefix;
}

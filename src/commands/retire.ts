import { accountIdIn } from "../engine/fleet.js";
import { privateKeyObjectKey, stateSecretId } from "../config/config.js";
import { DKIM_REVOCATION_VALUE, type DnsHandoff, dkimHandoff } from "../dkim/handoff.js";
import type { DnsPublisher } from "../dns/types.js";
import { byodkimError } from "../errors.js";
import { fetchFact } from "../gates/fetched.js";
import { checkIdentity } from "../gates/identityGate.js";
import { checkNotSigning, checkRetireGrace } from "../gates/retireGates.js";
import { checkReportsForRetire, type ReportsEvidence } from "../gates/reportsGate.js";
import { describeSource, readReportSource } from "../dmarc/sources.js";
import { selectorPassingAfter } from "../dmarc/summary.js";
import { parseReportSource } from "../config/dmarcConfig.js";
import { checkSesIdentityExists } from "../gates/sesGate.js";
import type { GateResult } from "../gates/types.js";
import { failFromError } from "../gates/verdicts.js";
import { msg } from "../messages/msg.js";
import { KEY_HISTORY_FIELD, readKeyHistory, stoppedSigningAt, withRetired } from "../state/keyHistory.js";
import { readStateObject } from "../state/stateSecret.js";
import type { ChangeCheck } from "../engine/change/changePlan.js";
import type { ChangeResult } from "../engine/change/changeTypes.js";
import { type ObjectIntent, plannedObjectCall, type SesChange } from "../engine/change/dkimSettings.js";
import { runChange } from "../engine/change/pipeline.js";
import type { CommandContext } from "../engine/context.js";
import { checkCommandPermissions } from "../engine/permissionsCheck.js";
import { notChecked } from "../engine/gateRunner.js";
import { resolveGateTarget } from "../engine/gateTarget.js";
import { checkPublishTarget, orHandoffRow, publishPlanRows } from "../engine/dnsPublish.js";

export interface RetireInput {
  readonly selector: string;
  readonly domain: string | undefined;
  readonly deleteKey: boolean;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly forceUnlock?: boolean;
}

/** `publisher`: dns.publish's provider when byodkim publishes the revocation itself; null: the DNS team, from the hand-off. */
export type RetireResult = ChangeResult & { readonly handoff: DnsHandoff | null; readonly publisher: DnsPublisher["provider"] | null };

/** `etag`: the key object's version as checked (--delete-key), which the delete names so that only it goes. */
type RetireCheck = ChangeCheck & {
  readonly tags: Record<string, string> | null;
  readonly etag: string | undefined;
  /** Receivers' DMARC reports still show the selector passing after the rotation: only the typed selector goes on. */
  readonly stillSigning: boolean;
};

const STATUS_TAG = "byodkim:status";
const YES = /^(y|yes|はい)$/i;

/** The end of a key's life: refused while it signs or within the grace period; then its record is revoked and its object marked. */
export async function retire(ctx: CommandContext, input: RetireInput): Promise<RetireResult> {
  const { domain, selector } = resolveGateTarget(ctx, { domain: input.domain, selector: input.selector });
  if (selector === undefined) throw byodkimError("usage", "retire.noSelector");
  const { config } = ctx;
  const bucket = config.keys.bucket;
  const objectKey = privateKeyObjectKey(config.keys.key, domain, selector);
  const location = `s3://${bucket}/${objectKey}`;
  const handoff = dkimHandoff(`${selector}._domainkey.${domain}`, DKIM_REVOCATION_VALUE);
  const tagIntent: ObjectIntent = { kind: "tagKeyObject", location, selector, status: "retired" };
  const deleteIntent: ObjectIntent = { kind: "deleteKeyObject", location, selector };

  const result = await runChange<RetireCheck>(
    ctx,
    {
      command: "retire",
      domain,
      // Typing the selector at the question is the only way past reports that still show it signing: --yes is not.
      check: () => checkRetire(ctx, domain, selector, bucket, objectKey, input.deleteKey, !input.yes),
      describe: ({ tags }) => ({
        title: msg("retire.plan.title", { domain, selector }),
        intents: [],
        objectCalls: [
          plannedObjectCall(tagIntent, tags !== null && tags[STATUS_TAG] !== "retired"),
          ...(input.deleteKey ? [plannedObjectCall(deleteIntent, tags !== null)] : []),
        ],
        rows: [
          ...orHandoffRow(publishPlanRows(ctx, domain, msg("dnsPublish.plan.revocation", { name: handoff.name })), {
            label: msg("retire.plan.record"),
            value: msg("retire.plan.recordValue", { name: handoff.name }),
          }),
          { label: msg("retire.plan.history"), value: msg("retire.plan.historyValue", { selector }) },
        ],
        details: { selector, location, deleteKey: input.deleteKey, revocationRecord: handoff.value },
      }),
      signingKey: () => undefined,
      sameChange: (first, second) => JSON.stringify(first.tags) === JSON.stringify(second.tags) && first.etag === second.etag,
      isRecorded: ({ state }) => {
        const entry = readKeyHistory(state)[selector];
        return entry?.status === "retired" && (!input.deleteKey || entry.deleted_at !== undefined);
      },
      // Deleting a private key cannot be undone: the selector is typed, even with --yes.
      confirmQuestion: ({ stillSigning }) =>
        input.deleteKey
          ? msg("retire.confirmDelete", { selector })
          : stillSigning
            ? msg("retire.confirmDespiteReports", { selector })
            : msg("retire.confirm", { selector }),
      acceptsAnswer: (answer, { stillSigning }) => (input.deleteKey || stillSigning ? answer.trim() === selector : YES.test(answer.trim())),
      async objectCall(intent, check) {
        // Tagging changes no ETag: the version checked is the version deleted, and the operator policy allows no other delete.
        if (intent.kind === "deleteKeyObject") return ctx.aws.keys.deleteKey(bucket, objectKey, check.etag);
        const tags = (await ctx.aws.keys.getKeyTags(bucket, objectKey)) ?? {};
        return ctx.aws.keys.putKeyTags(bucket, objectKey, {
          ...tags,
          [STATUS_TAG]: "retired",
          "byodkim:retired-at": ctx.clock.now().toISOString().slice(0, 10),
        });
      },
      async settleObjectCall(intent): Promise<SesChange> {
        const tags = await ctx.aws.keys.getKeyTags(bucket, objectKey);
        if (intent.kind === "deleteKeyObject") return tags === null ? "target" : "none";
        return tags?.[STATUS_TAG] === "retired" ? "target" : "none";
      },
      changesSes: false,
      snapshot: "journal",
      lock: { ttlMs: 600_000, optional: false, force: input.forceUnlock === true },
      afterCalls: async () => ({ warnings: [], dnsRecordsNeeded: ctx.dnsPublisher ? [] : [handoff.bindLine] }),
      // Before the record: a run whose publish failed stays unrecorded, so running retire again publishes the revocation again.
      dnsRecords: () => ({ selectors: [selector], records: [{ name: handoff.name, type: "TXT", strings: handoff.strings }] }),
      publishBeforeRecord: true,
      record: (_operator, now, state) => ({ [KEY_HISTORY_FIELD]: withRetired(readKeyHistory(state), selector, now, input.deleteKey) }),
      // The object's tag is the change; the history only describes it.
      recordOptional: true,
      recordNotWritten: msg("retire.historyNotRecorded", { secretId: stateSecretId(config, domain) }),
      // Retiring only goes forward: a run left part-way is finished, never undone.
      finishCommand: () => `byodkim retire ${selector} ${domain}${input.deleteKey ? " --delete-key" : ""}`,
      summaries: {
        completed: ctx.dnsPublisher ? "retire.summary.retiredPublished" : "retire.summary.retired",
        upToDate: "retire.summary.upToDate",
        declined: input.deleteKey ? "retire.summary.declinedDelete" : "retire.summary.declined",
      },
      summaryParams: () => ({ selector }),
    },
    { yes: input.yes && !input.deleteKey, dryRun: input.dryRun },
  );
  // The revocation record is handed over only once the key is retired (or would be, for a dry run): never after a no.
  const handOver = result.outcome === "completed" || result.outcome === "upToDate" || result.outcome === "dryRun";
  const published = result.dnsPublication?.answering === true;
  return {
    ...result,
    selector,
    handoff: handOver ? handoff : null,
    dnsRecordsNeeded: handOver && !published ? [handoff.bindLine] : [],
    publisher: ctx.dnsPublisher?.provider ?? null,
  };
}

async function checkRetire(
  ctx: CommandContext,
  domain: string,
  selector: string,
  bucket: string,
  objectKey: string,
  deleteKey: boolean,
  willAsk: boolean,
): Promise<RetireCheck> {
  const { aws, config, region } = ctx;
  const [caller, identity, secret, tags, object] = await Promise.all([
    fetchFact(() => aws.sts.getCallerIdentity()),
    fetchFact(() => aws.ses.getEmailIdentity(domain)),
    fetchFact(() => aws.state.readStateSecret(stateSecretId(config, domain))),
    fetchFact(() => aws.keys.getKeyTags(bucket, objectKey)),
    fetchFact(async () => (deleteKey ? aws.keys.describeKeyObject(bucket, objectKey) : null)),
  ]);
  const identityGate = checkIdentity({ caller, expectedAccountId: accountIdIn(ctx), region });
  const state = secret.ok && secret.value ? readStateObject(secret.value.text) : undefined;
  const exists = checkSesIdentityExists({ domain, region, identity });
  const sesGate = exists.status === "fail" || !identity.ok || !identity.value ? exists : checkNotSigning(identity.value, selector);
  const graceGate: GateResult = secret.ok
    ? checkRetireGrace({
        selector,
        entry: readKeyHistory(state)[selector],
        stoppedAt: stoppedSigningAt(state, selector),
        // keygen's own tag: a key whose history entry could not be written is still known to be new.
        createdTag: tags.ok && tags.value?.[STATUS_TAG] === "created",
        now: ctx.clock.now(),
        graceDays: config.rotation.graceDays,
      })
    : failFromError("grace", secret.error);
  const location = `s3://${bucket}/${objectKey}`;
  const keyGate: GateResult = !tags.ok
    ? failFromError("key", tags.error)
    : !object.ok
      ? failFromError("key", object.error)
      : tags.value === null
        ? { id: "key", status: "warn", detail: msg("gate.key.retireGone", { location }) }
        : { id: "key", status: "pass", detail: msg("gate.key.retireObject", { location, status: tags.value[STATUS_TAG] ?? "-" }), data: { tags: tags.value } };
  const reportsGate = checkReportsForRetire(selector, await reportsEvidence(ctx, domain, selector, stoppedSigningAt(state, selector)), willAsk);
  const gates =
    identityGate.status === "fail" || !caller.ok
      ? [identityGate, ...(["permissions", "ses", "grace", "key", "reports"] as const).map((id) => notChecked(id, "gate.notChecked.identity"))]
      : [
          identityGate,
          await checkCommandPermissions(ctx, caller.value, {
            command: deleteKey ? "retire-delete-key" : "retire",
            domain,
            selectors: [selector],
            secretArn: secret.ok ? secret.value?.arn : undefined,
          }),
          sesGate,
          graceGate,
          keyGate,
          reportsGate,
          ...(await checkPublishTarget(ctx, domain)),
        ];
  return {
    gates,
    ok: gates.every((gate) => gate.status !== "fail"),
    selector,
    caller: caller.ok ? caller.value : undefined,
    sesIdentity: identity.ok ? identity.value : undefined,
    state,
    tags: tags.ok ? tags.value : null,
    etag: object.ok ? object.value?.etag : undefined,
    stillSigning: reportsGate.detail.key === "gate.reports.stillSigning",
  };
}

/** What the configured DMARC reports say of the selector since SES stopped signing with it; never throws (a report source that cannot be read is a warning). */
async function reportsEvidence(ctx: CommandContext, domain: string, selector: string, stoppedAt: string | undefined): Promise<ReportsEvidence> {
  const configured = ctx.config.dmarc?.reports === undefined ? undefined : parseReportSource(ctx.config.dmarc.reports);
  if (!configured) return { kind: "notConfigured" };
  const source = describeSource(configured);
  const read = await fetchFact(() => readReportSource(configured, ctx.aws.reports));
  if (!read.ok) return { kind: "unreadable", source, reason: read.error.what };
  const { reports } = read.value;
  if (stoppedAt === undefined || Number.isNaN(Date.parse(stoppedAt)))
    return {
      kind: "read",
      source,
      since: null,
      reports: reports.length,
      reportsAfter: 0,
      messagesAfter: 0,
      passingAfter: 0,
      passingLatest: 0,
      latestEnd: null,
      lastPassingAt: null,
      passingOrgs: [],
    };
  const after = selectorPassingAfter(reports, domain, selector, new Date(stoppedAt));
  return {
    kind: "read",
    source,
    since: stoppedAt,
    reports: reports.length,
    reportsAfter: after.reportsAfter,
    messagesAfter: after.seen,
    passingAfter: after.messages,
    passingLatest: after.latestMessages,
    latestEnd: after.latestEnd,
    lastPassingAt: after.reports.at(-1)?.end ?? null,
    passingOrgs: after.orgs,
  };
}

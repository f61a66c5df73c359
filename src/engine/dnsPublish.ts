import type { DnsPublisher, PublishedRecord } from "../dns/types.js";
import { ByodkimError, byodkimError } from "../errors.js";
import { failFromError } from "../gates/verdicts.js";
import type { GateResult } from "../gates/types.js";
import { judgePublishedAnswers, refusedPublishNames, selectorRecordName } from "../gates/dnsPublishGates.js";
import { type Msg, msg } from "../messages/msg.js";
import type { JournalWriter } from "../state/journal.js";
import type { DnsPublicationResult, PlanRow } from "./change/changeTypes.js";
import type { CommandContext } from "./context.js";

export interface PublishRequest {
  readonly domain: string;
  /** The selectors (or Easy DKIM tokens) whose `<selector>._domainkey.<domain>` records this change may touch, and no other name. */
  readonly selectors: readonly string[];
  readonly records: readonly PublishedRecord[];
}

/** How long byodkim waits for every authoritative nameserver once the provider says the change is applied; Route 53's own servers take seconds. */
export const DNS_ANSWER_TIMEOUT_MS = 10 * 60_000;
const DNS_ANSWER_POLL_MS = 10_000;

/**
 * Publishes one identity's selector records and waits until the zone's nameservers serve them:
 * the name gate, the provider's change (journaled with its id), the provider's own "applied", then
 * every authoritative nameserver read back as the DNS gate reads it. A refusal or a provider
 * failure throws with nothing published; a limit reached, or a stop signal (`stopped`), returns `answering: false`.
 */
export async function publishDnsRecords(
  ctx: CommandContext,
  publisher: DnsPublisher,
  request: PublishRequest,
  journal: JournalWriter,
  answerTimeoutMs = DNS_ANSWER_TIMEOUT_MS,
): Promise<{ readonly publication: DnsPublicationResult; readonly stopped: boolean }> {
  const names = request.records.map((record) => record.name);
  const refused = refusedPublishNames(request);
  if (refused.length > 0) {
    journal.append("dns-publish-refused", { provider: publisher.provider, names: refused });
    const allowed = request.selectors.map((selector) => selectorRecordName(selector, request.domain)).join(", ") || "-";
    throw byodkimError("refused", "dnsPublish.nameRefused", { name: refused[0]!, allowed }, "dnsPublish.nameRefused.hint");
  }
  const failed = (stage: string) => (err: unknown) => {
    journal.append("dns-publish-failed", { provider: publisher.provider, stage, names, reason: err instanceof ByodkimError ? err.what : String(err) });
    throw err;
  };
  const publication = await publisher.publish(request.domain, request.records).catch(failed("publish"));
  // Names, types and the change's id only: a TXT's strings are a public key, kept in the plan and the record, not here twice.
  journal.append("dns-publish", {
    provider: publisher.provider,
    zone: publication.zone,
    changeId: publication.changeId,
    target: publication.target,
    names,
    types: request.records.map((record) => record.type),
  });
  const shown = { names: names.join(", "), target: publication.target, changeId: publication.changeId };
  ctx.events.emit({ type: "step", message: msg("dnsPublish.published", shown) });
  const started = ctx.clock.now().getTime();
  const seconds = () => Math.round((ctx.clock.now().getTime() - started) / 1000);
  try {
    await publisher
      .waitInSync(publication, () => ctx.events.emit({ type: "progress", message: msg("dnsPublish.waitingInSync", { ...shown, seconds: seconds() }) }))
      .catch(failed("inSync"));
    journal.append("dns-in-sync", { provider: publisher.provider, changeId: publication.changeId, elapsedMs: ctx.clock.now().getTime() - started });
    const answering = await waitForAnswers(ctx, request.records, answerTimeoutMs, shown.names);
    journal.append(answering.ok ? "dns-answering" : "dns-not-answering", {
      provider: publisher.provider,
      changeId: publication.changeId,
      names: answering.verdicts.map(({ name, answering: served, total }) => ({ name, answering: served, total })),
      elapsedMs: ctx.clock.now().getTime() - started,
    });
    return {
      publication: {
        provider: publisher.provider,
        zone: publication.zone,
        changeId: publication.changeId,
        target: publication.target,
        names,
        answering: answering.ok,
      },
      stopped: answering.stopped,
    };
  } finally {
    ctx.events.emit({ type: "progress", message: null });
  }
}

/** Every record read back from every nameserver, again every few seconds on the run's clock, until all serve it or the limit passes. */
async function waitForAnswers(ctx: CommandContext, records: readonly PublishedRecord[], timeoutMs: number, names: string) {
  const deadline = ctx.clock.now().getTime() + timeoutMs;
  for (;;) {
    const lookups = await Promise.all(records.map((record) => ctx.dns.lookupTxtEverywhere(record.name)));
    const verdicts = records.map((record, index) => judgePublishedAnswers(record, lookups[index]!));
    const ok = verdicts.every((verdict) => verdict.ok);
    const left = deadline - ctx.clock.now().getTime();
    // A stop signal ends the wait, not the change: what was published stays, and is said.
    const stopped = !ok && ctx.interrupt.requested();
    if (ok || left <= 0 || stopped) return { ok, verdicts, stopped };
    const answering = Math.min(...verdicts.map((verdict) => verdict.answering));
    const total = Math.max(...verdicts.map((verdict) => verdict.total));
    ctx.events.emit({ type: "progress", message: msg("dnsPublish.waitingAnswers", { names, answering, total, left: minutesSeconds(left) }) });
    await ctx.clock.sleep(Math.min(DNS_ANSWER_POLL_MS, left));
  }
}

const minutesSeconds = (ms: number): string => {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
};

/** The plan's row saying where byodkim will publish, so the confirmation covers it; none when the records go to the DNS team. */
export function publishPlanRows(ctx: CommandContext, domain: string, names: Msg): PlanRow[] {
  const publish = ctx.config.dns.publish;
  if (!ctx.dnsPublisher || !publish || publish.provider === "handoff") return [];
  const value =
    publish.provider === "route53"
      ? publish.hostedZoneId
        ? msg("dnsPublish.plan.route53Zone", { id: publish.hostedZoneId })
        : msg("dnsPublish.plan.route53ByName", { domain })
      : msg("dnsPublish.plan.rfc2136", { server: publish.server, zone: publish.zone ?? domain, keyName: publish.tsig.keyName });
  return [{ label: msg("dnsPublish.plan.label"), value, more: [{ text: names, depth: 0 }] }];
}

/** The publish rows when byodkim publishes, else the command's own row for the DNS team's hand-off: never both. */
export const orHandoffRow = (publishRows: PlanRow[], handoffRow: PlanRow): PlanRow[] => (publishRows.length > 0 ? publishRows : [handoffRow]);

/**
 * The publish gate: dns.publish's provider can publish the domain's records (Route 53: a public
 * zone encloses it, and it may be listed), judged before the change so a change it would leave
 * half-done (a key with no record) never starts. None when byodkim does not publish.
 */
export async function checkPublishTarget(ctx: Pick<CommandContext, "dnsPublisher">, domain: string): Promise<GateResult[]> {
  const locate = ctx.dnsPublisher?.locate;
  if (!locate) return [];
  try {
    const target = await locate.call(ctx.dnsPublisher, domain);
    return [{ id: "dnsPublish", status: "pass", detail: msg("gate.dnsPublish.found", { target, domain }), data: { target } }];
  } catch (err) {
    if (!(err instanceof ByodkimError)) throw err;
    return [failFromError("dnsPublish", err)];
  }
}

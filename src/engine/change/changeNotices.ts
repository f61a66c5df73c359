import type { ChangePlan, ChangeResult } from "./changeTypes.js";
import type { JournalWriter } from "../../state/journal.js";
import type { Contact } from "../../config/contacts.js";
import type { Clock } from "../context.js";
import type { CommandEvents } from "../events.js";
import { type NoticeEvent, type NoticeFacts, planLine, sesLine } from "../../notify/notice.js";
import { createNotifier, type NoticeChannel } from "../../notify/notifier.js";

/** What the change pipeline tells the people involved, and when. */
export interface ChangeNotices {
  /** After the confirmation and the re-check, before the first mutating call. */
  confirmed(plan: ChangePlan, selector: string | null, journal: JournalWriter): void;
  /** The change's calls are made (the incident path tells of itself only now). */
  callsMade(): void;
  /** The change has ended: the last notice goes, every notice is awaited, and failures join the result's warnings. */
  ended(result: ChangeResult): Promise<ChangeResult>;
  /** A run that threw: no last notice, but the ones under way are awaited. */
  ended(result: null): Promise<null>;
}

/**
 * Rollback is an incident: nothing may stand between the operator and its SES calls, so it says it
 * has started once those calls are made, then that it has finished. The other changes say they are
 * starting before they touch anything, then how they ended.
 */
export function changeNotices(
  ctx: {
    readonly notices?: readonly NoticeChannel[];
    readonly clock: Clock;
    readonly events: CommandEvents;
    readonly changeId?: string;
    readonly config?: { readonly contacts?: readonly Contact[] | undefined };
  },
  command: string,
): ChangeNotices {
  const { notices: channels, clock, events } = ctx;
  if (!channels || channels.length === 0)
    return { confirmed: () => {}, callsMade: () => {}, ended: (async (result: ChangeResult | null) => result) as ChangeNotices["ended"] };
  const notifier = createNotifier(channels);
  const incident = command === "rollback";
  let confirmedWith: { plan: ChangePlan; selector: string | null; journal: JournalWriter } | null = null;
  let startedSent = false;

  const facts = (event: NoticeEvent, result: ChangeResult | null): NoticeFacts => {
    const { plan, selector } = confirmedWith!;
    return {
      event,
      command,
      domain: plan.domain,
      changeId: ctx.changeId ?? null,
      selector: result?.selector ?? selector,
      region: plan.region,
      account: plan.account,
      operator: plan.callerArn,
      outcome: result?.outcome ?? null,
      plan: planLine(plan.calls, plan.target),
      summary: result?.summary ?? null,
      sesNow: result && !result.ok ? sesLine(result.sesNow) : null,
      rollbackCommand: result?.rollbackCommand ?? null,
      dnsRecordsNeeded: result?.dnsRecordsNeeded ?? [],
      at: clock.now().toISOString(),
      contacts: ctx.config?.contacts ?? [],
    };
  };
  const started = () => {
    if (startedSent || !confirmedWith) return;
    startedSent = true;
    notifier.send(facts("rollback-started", null), confirmedWith.journal);
  };

  return {
    confirmed(plan, selector, journal) {
      confirmedWith = { plan, selector, journal };
      if (!incident) notifier.send(facts("change-confirmed", null), journal);
    },
    callsMade() {
      if (incident) started();
    },
    ended: (async (result: ChangeResult | null) => {
      if (confirmedWith && result) {
        if (incident) started();
        const event: NoticeEvent = incident ? "rollback-finished" : result.ok ? "change-succeeded" : "change-failed";
        notifier.send(facts(event, result), confirmedWith.journal);
      }
      const failed = (await notifier.settle()).flatMap((sent) => (sent.ok ? [] : [sent.warning]));
      // Said on stderr too: with --json the document's warnings are the only other place.
      for (const warning of failed) events.emit({ type: "step", message: warning });
      return failed.length === 0 || !result ? result : { ...result, warnings: [...result.warnings, ...failed] };
    }) as ChangeNotices["ended"],
  };
}

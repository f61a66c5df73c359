import type { KeyHistory, KeyHistoryEntry } from "../state/keyHistory.js";

/**
 * `byodkim tick`'s judgement: from what was read of one identity in one region, at most one step
 * of the rotation cycle (keygen → published → rotate → retire after the grace period), nothing,
 * or a person. Pure: the command reads, this decides, the command does.
 *
 * No unsigned window, by construction: SES only ever moves to a created key whose record answers
 * on every nameserver, and only a retiring key past its grace period is retired (never the one
 * SES signs with), so the old record stays until retire.
 */

/** SES as read for the identity (GetEmailIdentity): null when SES has no such identity. */
export interface TickSesFacts {
  readonly origin: string | undefined;
  readonly status: string | undefined;
  /** The selector SES signs with (BYODKIM's one token). */
  readonly selector: string | undefined;
  readonly signingEnabled: boolean;
}

/** Whether the newest created key's record answers with that key on every nameserver asked. */
export type RecordAnswer = "everywhere" | "notEverywhere";

/** Where the identity stands with a required approval for the step held. */
export type ApprovalFacts =
  | { readonly state: "none" }
  | { readonly state: "pending"; readonly planId: string }
  | { readonly state: "approved"; readonly planId: string }
  /** Expired, tampered with, or planned for another key: a new plan is written. */
  | { readonly state: "stale"; readonly planId: string };

export interface TickRotation {
  readonly maxAgeDays: number;
  readonly warnDays: number;
  readonly graceDays: number;
  readonly auto: boolean;
  readonly dnsTimeoutDays: number;
}

export interface TickFacts {
  readonly domain: string;
  /** The region, when it is not the one in force: the commands printed for a person then name it. */
  readonly regionFlag: string | undefined;
  readonly now: Date;
  readonly rotation: TickRotation;
  /** `read: false`: SES could not be asked or did not answer. */
  readonly ses: { readonly read: true; readonly identity: TickSesFacts | null } | { readonly read: false };
  /**
   * When the key SES signs with was made, by status's rule (status/keyBirth.ts: the earliest credible
   * of its history, its selector's date, its activation); undefined when nothing dates it.
   */
  readonly signingBorn: string | undefined;
  /** This identity's entries of the key history; null when the state secret could not be read. */
  readonly history: KeyHistory | null;
  /** Undefined: not looked up yet (the decision asks for it only when it needs it). */
  readonly newestRecord?: RecordAnswer | undefined;
  /** `publishing`: dns.publish route53 or rfc2136 (byodkim publishes); `handoff`: a DNS team does. */
  readonly publisher: "handoff" | "publishing";
  readonly approvalsRequired: number;
  /** Undefined: not looked up yet. */
  readonly approval?: ApprovalFacts | undefined;
}

export type TickStep =
  | { readonly kind: "keygen" }
  /** Publish the created key's record again (a failed or lost publish). */
  | { readonly kind: "publish"; readonly selector: string }
  | { readonly kind: "rotate"; readonly selector: string }
  | { readonly kind: "retire"; readonly selector: string }
  /** Approvals required: the rotation planned for a second person's word. */
  | { readonly kind: "plan"; readonly selector: string }
  | { readonly kind: "apply"; readonly planId: string; readonly selector: string };

export type TickReasonCode =
  // a step's reason
  | "keyDue"
  | "recordMissing"
  | "recordAnswers"
  | "graceOver"
  | "approvalNeeded"
  | "planApproved"
  // nothing to do
  | "notDue"
  | "waitingForDns"
  // a person
  | "sesUnreadable"
  | "notInSes"
  | "notByodkim"
  | "sesState"
  | "signingOff"
  | "historyUnreadable"
  | "historyDisagrees"
  | "ageUnknown"
  | "dnsTimeout"
  | "approvalPending"
  | "autoOff"
  | "retireHeld"
  // said by the command, once a step was tried or could not be
  | "stepFailed"
  | "publishUnavailable"
  | "planUnavailable"
  | "planNotReady";

export interface TickReason {
  readonly code: TickReasonCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export type TickDecision =
  | { readonly kind: "lookup"; readonly need: "record"; readonly selector: string }
  | { readonly kind: "lookup"; readonly need: "approval"; readonly selector: string }
  | { readonly kind: "step"; readonly step: TickStep; readonly reason: TickReason }
  | { readonly kind: "nothing"; readonly reason: TickReason }
  /** `command`: what the person types, exactly; null when there is nothing to type (look first). */
  | { readonly kind: "needsPerson"; readonly reason: TickReason; readonly command: string | null };

const DAY_MS = 86_400_000;

export function decideTick(facts: TickFacts): TickDecision {
  const { domain, now, rotation } = facts;
  const person = (code: TickReasonCode, params: TickReason["params"], command: string | null = null): TickDecision => ({
    kind: "needsPerson",
    reason: { code, params: { domain, ...params } },
    command,
  });
  const reason = (code: TickReasonCode, params: TickReason["params"]): TickReason => ({ code, params: { domain, ...params } });
  const typed = (words: string) => `byodkim ${words}${facts.regionFlag ? ` --region ${facts.regionFlag}` : ""}`;

  if (!facts.ses.read) return person("sesUnreadable", {}, typed(`status ${domain}`));
  const ses = facts.ses.identity;
  if (ses === null) return person("notInSes", {});
  if (ses.origin !== "EXTERNAL" || ses.selector === undefined) return person("notByodkim", { origin: ses.origin ?? "-" }, typed(`enable ${domain}`));
  // PENDING, FAILED, TEMPORARY_FAILURE, NOT_STARTED: a change under way or broken, which tick leaves to a person.
  if (ses.status !== "SUCCESS") return person("sesState", { status: ses.status ?? "-", selector: ses.selector }, typed(`verify ${domain}`));
  if (!ses.signingEnabled) return person("signingOff", { selector: ses.selector }, typed(`status ${domain}`));
  if (facts.history === null) return person("historyUnreadable", {}, typed(`status ${domain}`));

  const signing = ses.selector;
  const entries = Object.entries(facts.history);
  const recordedActive = entries.find(([, entry]) => entry.status === "active")?.[0];
  const signingEntry = facts.history[signing];
  // SES signs with a key the history does not call active (a rotation not recorded, a change by hand): rotate --to records it.
  if ((signingEntry !== undefined && signingEntry.status !== "active") || (recordedActive !== undefined && recordedActive !== signing)) {
    return person("historyDisagrees", { selector: signing, recorded: recordedActive ?? "-" }, typed(`rotate ${domain} --to ${signing}`));
  }

  // The oldest record leaves the zone first: a rotation due at the same time waits one tick, and keeps at most three selectors published.
  const retiring = entries
    .filter(([selector, entry]) => entry.status === "retiring" && selector !== signing)
    .map(([selector, entry]) => ({ selector, after: retireAfter(entry, rotation.graceDays) }))
    .filter((entry) => entry.after !== undefined && entry.after <= now.getTime())
    .sort((a, b) => a.after! - b.after!)[0];
  if (retiring) {
    const since = new Date(retiring.after!).toISOString();
    // retire runs only under an approved plan (--plan), and plan writes none for a retire: no command tick could print would run as printed.
    if (facts.approvalsRequired > 0) return person("retireHeld", { selector: retiring.selector, since }, null);
    if (!rotation.auto) return person("autoOff", { selector: retiring.selector, step: "retire" }, typed(`retire ${retiring.selector} ${domain}`));
    return { kind: "step", step: { kind: "retire", selector: retiring.selector }, reason: reason("graceOver", { selector: retiring.selector, since }) };
  }

  const born = facts.signingBorn === undefined ? undefined : isoTime(facts.signingBorn);
  // A created key older than the one signing was passed over by an earlier rotation: moving to it would be a step back.
  const created = newestCreated(entries, signing, born);
  if (created) {
    if (facts.newestRecord === undefined) return { kind: "lookup", need: "record", selector: created.selector };
    if (facts.newestRecord === "everywhere") return rotation_(created.selector);
    const timeoutAt = created.at + rotation.dnsTimeoutDays * DAY_MS;
    const since = new Date(created.at).toISOString();
    if (now.getTime() >= timeoutAt) {
      return person(
        "dnsTimeout",
        { selector: created.selector, since, days: rotation.dnsTimeoutDays },
        typed(`verify ${domain} --selector ${created.selector}`),
      );
    }
    if (facts.publisher === "handoff") {
      return { kind: "nothing", reason: reason("waitingForDns", { selector: created.selector, since, until: new Date(timeoutAt).toISOString() }) };
    }
    return { kind: "step", step: { kind: "publish", selector: created.selector }, reason: reason("recordMissing", { selector: created.selector, since }) };
  }

  if (born === undefined) return person("ageUnknown", { selector: signing }, typed(`status ${domain}`));
  const dueAt = born + (rotation.maxAgeDays - rotation.warnDays) * DAY_MS;
  const ageDays = Math.floor((now.getTime() - born) / DAY_MS);
  if (now.getTime() < dueAt) return { kind: "nothing", reason: reason("notDue", { selector: signing, ageDays, dueAt: new Date(dueAt).toISOString() }) };
  if (!rotation.auto) return person("autoOff", { selector: signing, step: "keygen" }, typed(`keygen ${domain}`));
  return { kind: "step", step: { kind: "keygen" }, reason: reason("keyDue", { selector: signing, ageDays, maxAgeDays: rotation.maxAgeDays }) };

  function rotation_(selector: string): TickDecision {
    if (facts.approvalsRequired > 0) {
      const approval = facts.approval;
      if (approval === undefined) return { kind: "lookup", need: "approval", selector };
      if (approval.state === "pending") return person("approvalPending", { selector, planId: approval.planId }, `byodkim approve ${approval.planId}`);
      if (approval.state === "approved") {
        if (!rotation.auto) return person("autoOff", { selector, step: "apply", planId: approval.planId }, `byodkim apply ${approval.planId}`);
        return {
          kind: "step",
          step: { kind: "apply", planId: approval.planId, selector },
          reason: reason("planApproved", { selector, planId: approval.planId }),
        };
      }
      // Writing a plan changes nothing in SES or DNS and asks nobody: it needs no rotation.auto.
      return { kind: "step", step: { kind: "plan", selector }, reason: reason("approvalNeeded", { selector }) };
    }
    if (!rotation.auto) return person("autoOff", { selector, step: "rotate" }, typed(`rotate ${domain} --to ${selector}`));
    return { kind: "step", step: { kind: "rotate", selector }, reason: reason("recordAnswers", { selector }) };
  }
}

/** When the grace period of a retiring key ends: its recorded end, else its start plus graceDays; undefined when neither is recorded. */
function retireAfter(entry: KeyHistoryEntry, graceDays: number): number | undefined {
  const recorded = isoTime(entry.retire_after);
  if (recorded !== undefined) return recorded;
  const since = isoTime(entry.retiring_since);
  return since === undefined ? undefined : since + graceDays * DAY_MS;
}

/** The newest key made and not yet signing: the one a rotation moves to. Undated created keys are left out: they are nobody's plan. */
function newestCreated(
  entries: readonly (readonly [string, KeyHistoryEntry])[],
  signing: string,
  signingBorn: number | undefined,
): { selector: string; at: number } | undefined {
  return entries
    .filter(([selector, entry]) => entry.status === "created" && selector !== signing)
    .flatMap(([selector, entry]) => {
      const at = isoTime(entry.created_at);
      return at === undefined || (signingBorn !== undefined && at < signingBorn) ? [] : [{ selector, at }];
    })
    .sort((a, b) => b.at - a.at)[0];
}

function isoTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * The entries of a shared key history that are this identity's: named by their key object, else by
 * the identity's selector prefix (as status reads them).
 */
export function identityHistory(
  history: KeyHistory,
  identity: { domain: string; selectorPrefix: string; objectUrl: (selector: string) => string },
): KeyHistory {
  return Object.fromEntries(
    Object.entries(history).filter(([selector, entry]) =>
      entry.location !== undefined ? entry.location === identity.objectUrl(selector) : selector.startsWith(`${identity.selectorPrefix}-`),
    ),
  );
}

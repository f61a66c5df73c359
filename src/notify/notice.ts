import type { Contact } from "../config/contacts.js";
import type { Msg } from "../messages/msg.js";

/** What a notice is about. `test` is notify-test's; the others are the change pipeline's. */
/** `approval-requested`: tick wrote a plan for a rotation, which now waits for a second person's approve. */
export type NoticeEvent = "change-confirmed" | "change-succeeded" | "change-failed" | "rollback-started" | "rollback-finished" | "approval-requested" | "test";

/** Everything a notice says, as data: who, what, where, how it went. Never a key, never a webhook URL. */
export interface NoticeFacts {
  readonly event: NoticeEvent;
  readonly command: string;
  readonly domain: string;
  /** The change ticket the run belongs to (--change-id); absent or null: none named. */
  readonly changeId?: string | null;
  readonly selector: string | null;
  readonly region: string;
  readonly account: string;
  /** The operator's ARN, as STS named it. */
  readonly operator: string;
  /** The pipeline's outcome (completed, failedDuringChange, …); null before the change has ended. */
  readonly outcome: string | null;
  /** The plan in one line: the calls to make, and the DKIM settings they lead to. */
  readonly plan: string;
  /** The result's own sentence, in the notice's language when it is rendered. */
  readonly summary: Msg | null;
  /** SES's DKIM settings as a failed change left them, in one line. */
  readonly sesNow: string | null;
  readonly rollbackCommand: string | null;
  readonly dnsRecordsNeeded: readonly string[];
  /** ISO 8601, when the event happened. */
  readonly at: string;
  /** Who is involved (config contacts:); the notice names those its readers may need to reach. */
  readonly contacts?: readonly Contact[];
}

/**
 * Where a notice goes, redacted: `sns:<topic ARN>` (not secret) or `webhook:<host>` (the URL's path
 * and query hold its token), after the target's configured name when it has one:
 * `ops-channel (webhook:hooks.slack.com)`.
 */
export function noticeTarget(target: ({ readonly sns: string } | { readonly webhook: string }) & { readonly name?: string | undefined }): string {
  const where = "sns" in target ? `sns:${target.sns}` : webhookHost(target.webhook);
  return target.name ? `${target.name} (${where})` : where;
}

function webhookHost(url: string): string {
  try {
    return `webhook:${new URL(url).host}`;
  } catch {
    return "webhook:?";
  }
}

/** A plan's calls and target in one line, language-free: call names and SES's own words. */
export function planLine(
  calls: readonly { readonly name: string; readonly needed: boolean }[],
  target: { origin: string | null; selector: string | null; signingEnabled: boolean },
): string {
  const made = calls.filter((call) => call.needed).map((call) => call.name);
  const to = [target.origin ?? "no DKIM", ...(target.selector ? [target.selector] : []), target.signingEnabled ? "signing on" : "signing off"].join(", ");
  return `${made.length > 0 ? made.join(" → ") : "no calls"} ⇒ ${to}`;
}

/** SES's DKIM settings in one line. */
export function sesLine(now: { origin: string | null; tokens: readonly string[]; signingEnabled: boolean; status: string | null } | null): string | null {
  if (!now) return null;
  const selector = now.origin === "EXTERNAL" ? (now.tokens[0] ?? "-") : null;
  return [now.origin ?? "no DKIM", ...(selector ? [selector] : []), now.signingEnabled ? "signing on" : "signing off", now.status ?? "-"].join(", ");
}

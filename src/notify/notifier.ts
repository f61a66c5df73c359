import { ByodkimError } from "../errors.js";
import { type Msg, msg, msgFromBag } from "../messages/msg.js";
import type { JournalWriter } from "../state/journal.js";
import type { NoticeEvent, NoticeFacts } from "./notice.js";

/** One configured target: its redacted name, and how a notice reaches it. */
export interface NoticeChannel {
  readonly target: string;
  send(facts: NoticeFacts, signal: AbortSignal): Promise<void>;
}

export type NoticeResult =
  | { readonly event: NoticeEvent; readonly target: string; readonly ok: true; readonly ms: number }
  | { readonly event: NoticeEvent; readonly target: string; readonly ok: false; readonly ms: number; readonly reason: Msg; readonly warning: Msg };

export interface Notifier {
  /** Sends to every channel in the background and returns at once: a notice never holds a change back. */
  send(facts: NoticeFacts, journal: JournalWriter | null): void;
  /** Every notice sent so far, once each has been answered or timed out. */
  settle(): Promise<NoticeResult[]>;
}

/** A webhook that answered, but not with 2xx. */
export class WebhookStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** A channel that has nothing to send with (an AWS environment without SNS). */
export class NoChannelClient extends Error {}

/** How long one notice may take: a slow receiver costs the change this much at the end, never more. */
export const NOTICE_TIMEOUT_MS = 3000;

class NoticeTimeout extends Error {}

/** Why a notice failed, as the journal keeps it (`reason`) and as the operator is warned (`warning`). */
export function noticeFailure(err: unknown, timeoutMs: number, event: NoticeEvent, target: string): { reason: Msg; warning: Msg } {
  const about = { event, target };
  if (err instanceof NoticeTimeout || (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"))) {
    return { reason: msg("notice.reason.timeout", { ms: timeoutMs }), warning: msg("notice.failed.timeout", { ...about, ms: timeoutMs }) };
  }
  if (err instanceof SilentTarget) return { reason: msg("notice.reason.silentEarlier"), warning: msg("notice.failed.silentEarlier", about) };
  if (err instanceof WebhookStatusError) {
    return { reason: msg("notice.reason.httpStatus", { status: err.status }), warning: msg("notice.failed.httpStatus", { ...about, status: err.status }) };
  }
  if (err instanceof NoChannelClient) return { reason: msg("notice.reason.noSns"), warning: msg("notice.failed.noSns", about) };
  if (err instanceof ByodkimError) {
    const { action = "sns:Publish", requestId = "-" } = (err.what.params ?? {}) as Record<string, string>;
    return { reason: err.what, warning: msg("notice.failed.aws", { ...about, action, requestId, problem: err.what.key }) };
  }
  const { kind, code } = networkFailure(err);
  return { reason: msgFromBag(`notice.reason.${kind}`, { code }), warning: msgFromBag(`notice.failed.${kind}`, { ...about, code }) };
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME"]);
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/;

/**
 * What went wrong under fetch's "fetch failed" (a TypeError, whose name says nothing): the system's
 * code is in its cause, sometimes a level deeper, or in each address tried (an AggregateError).
 * Without any code it is fetch's own refusal (a blocked port, a redirect), said in fetch's short
 * words; none of these carries the URL's path.
 */
export function networkFailure(err: unknown): { kind: "refused" | "dns" | "tls" | "network"; code: string } {
  const code = systemCode(err, 0) ?? innermostWords(err) ?? "unknown";
  if (code === "ECONNREFUSED") return { kind: "refused", code };
  if (DNS_CODES.has(code)) return { kind: "dns", code };
  if (TLS_CODE.test(code)) return { kind: "tls", code };
  return { kind: "network", code };
}

function systemCode(err: unknown, depth: number): string | undefined {
  if (depth > 5 || err === null || typeof err !== "object") return undefined;
  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && code !== "") return code;
  const inner = systemCode(cause, depth + 1);
  if (inner !== undefined) return inner;
  return Array.isArray(errors) ? errors.map((each) => systemCode(each, depth + 1)).find((each) => each !== undefined) : undefined;
}

function innermostWords(err: unknown): string | undefined {
  let at: unknown = err;
  for (let depth = 0; depth < 5 && at instanceof Error && at.cause instanceof Error; depth++) at = at.cause;
  if (at === err || !(at instanceof Error)) return undefined;
  // Only a short phrase of plain words ("bad port", "unexpected redirect"): never anything that could hold a URL.
  return /^[a-z][a-z -]{0,39}$/i.test(at.message) ? at.message : undefined;
}

class SilentTarget extends Error {}

/**
 * Notices to one target go one after another, so a receiver hears them in the order they happened.
 * A target that let one notice time out is not asked again in this run: a hung receiver costs one
 * timeout, not one for each event.
 */
export function createNotifier(channels: readonly NoticeChannel[], options: { timeoutMs?: number; now?: () => number } = {}): Notifier {
  const timeoutMs = options.timeoutMs ?? NOTICE_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  // Keyed by the channel, not its label: two unnamed webhooks on one host share a label, not a receiver.
  const queues = new Map<NoticeChannel, Promise<unknown>>();
  const silent = new Set<NoticeChannel>();
  const pending: Promise<NoticeResult>[] = [];

  const attempt = async (channel: NoticeChannel, facts: NoticeFacts): Promise<void> => {
    if (silent.has(channel)) throw new SilentTarget();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let expired = false;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        silent.add(channel);
        reject(new NoticeTimeout());
        controller.abort();
      }, timeoutMs);
    });
    try {
      await Promise.race([channel.send(facts, controller.signal), timedOut]);
    } catch (err) {
      // The abort makes the request fail in its own words; the reason is still the time.
      throw expired ? new NoticeTimeout() : err;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    send(facts, journal) {
      for (const channel of channels) {
        const before = queues.get(channel) ?? Promise.resolve();
        const result = before.then(async (): Promise<NoticeResult> => {
          const started = now();
          try {
            await attempt(channel, facts);
            const ms = now() - started;
            // `notice`, not `event`: a journal line's `event` is its own kind (notice-sent).
            journal?.append("notice-sent", { notice: facts.event, target: channel.target, ms });
            return { event: facts.event, target: channel.target, ok: true, ms };
          } catch (err) {
            const { reason, warning } = noticeFailure(err, timeoutMs, facts.event, channel.target);
            journal?.append("notice-failed", { notice: facts.event, target: channel.target, reason });
            return { event: facts.event, target: channel.target, ok: false, ms: now() - started, reason, warning };
          }
        });
        queues.set(channel, result);
        pending.push(result);
      }
    },
    settle: () => Promise.all(pending),
  };
}

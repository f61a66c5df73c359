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
  // fetch says "fetch failed" and keeps the system's code in its cause; neither carries the URL's path.
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === "string" ? cause.code : err instanceof Error ? err.name : "unknown";
  return { reason: msgFromBag("notice.reason.network", { code }), warning: msg("notice.failed.network", { ...about, code }) };
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
  const queues = new Map<string, Promise<unknown>>();
  const silent = new Set<string>();
  const pending: Promise<NoticeResult>[] = [];

  const attempt = async (channel: NoticeChannel, facts: NoticeFacts): Promise<void> => {
    if (silent.has(channel.target)) throw new SilentTarget();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let expired = false;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        silent.add(channel.target);
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
        const before = queues.get(channel.target) ?? Promise.resolve();
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
        queues.set(channel.target, result);
        pending.push(result);
      }
    },
    settle: () => Promise.all(pending),
  };
}

import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";

export interface IncidentRetryOptions {
  readonly maxAttempts: number;
  /**
   * When SES will take byodkim's next call, by byodkim's own earlier calls (one a second): a
   * throttled change tried at once is tried again then, not at a random point of a wider backoff.
   */
  readonly notBefore: () => number;
  readonly now: () => number;
  readonly random?: () => number;
}

/** The backoff's base: the first retry waits up to this, each later one up to twice the last. */
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 20_000;
/** Spreads retries that wait for the same slot, as jitter does. */
const SLOT_JITTER_MS = 60;

interface Token extends RetryToken {
  readonly delayMs: number;
}

const token = (count: number, delayMs: number): Token => ({ delayMs, getRetryCount: () => count, getRetryDelay: () => delayMs });

/**
 * The incident path's retries for SES: the change goes out at once and, when SES throttles it, is
 * retried as soon as SES's one-request-a-second window reopens after byodkim's own last call, then
 * with exponential backoff and full jitter (for throttling from elsewhere in the account). The
 * SDK's standard throttling backoff picks up to 1, 2, 4 s at random: against a window that opens
 * one second after the read, its first retry almost always comes too early, its second often a
 * second late. Transient faults (timeouts, dropped connections) are retried the same way; other
 * errors are not retried.
 */
export function incidentRetryStrategy(options: IncidentRetryOptions): RetryStrategyV2 {
  const random = options.random ?? Math.random;
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
      const retries = previous.getRetryCount();
      if (retries + 1 >= options.maxAttempts || (info.errorType !== "THROTTLING" && info.errorType !== "TRANSIENT")) {
        throw new Error("no retry left");
      }
      const backoff = Math.floor(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retries));
      const untilSlot = info.errorType === "THROTTLING" ? options.notBefore() - options.now() : 0;
      const delay = untilSlot > 0 ? untilSlot + Math.floor(random() * SLOT_JITTER_MS) : backoff;
      return token(retries + 1, Math.max(delay, retries === 0 ? 0 : backoff));
    },
    recordSuccess: () => {},
  };
}

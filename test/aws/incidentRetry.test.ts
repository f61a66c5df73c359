import type { RetryErrorInfo, RetryToken } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { incidentRetryStrategy } from "../../src/aws/incidentRetry.js";

const throttled = { errorType: "THROTTLING" } as RetryErrorInfo;

/** The delays the strategy asks for over consecutive failures, and whether it gave up. */
async function delays(options: { notBefore: number; now: number; random: number; maxAttempts?: number }, failures: readonly RetryErrorInfo[]) {
  const strategy = incidentRetryStrategy({
    maxAttempts: options.maxAttempts ?? 6,
    notBefore: () => options.notBefore,
    now: () => options.now,
    random: () => options.random,
  });
  let token: RetryToken = await strategy.acquireInitialRetryToken("");
  const asked: number[] = [];
  for (const failure of failures) {
    try {
      token = await strategy.refreshRetryTokenForRetry(token, failure);
    } catch {
      return { asked, gaveUp: true };
    }
    asked.push(token.getRetryDelay());
  }
  return { asked, gaveUp: false };
}

describe("the incident path's SES retries", () => {
  it.each([
    ["retries a throttled change when SES's window reopens after the last read", { notBefore: 10_900, now: 10_100, random: 0 }, [throttled], [800]],
    ["adds a little jitter to the reopening", { notBefore: 10_900, now: 10_100, random: 0.5 }, [throttled], [830]],
    [
      "backs off at random when byodkim's own calls leave SES free (throttled from elsewhere)",
      { notBefore: 9_000, now: 10_100, random: 0.5 },
      [throttled],
      [125],
    ],
    [
      "doubles the backoff's range after the first retry",
      { notBefore: 9_000, now: 10_100, random: 1 },
      [throttled, throttled, throttled, throttled],
      [250, 500, 1000, 2000],
    ],
    [
      "retries a transient fault by backoff, not at SES's slot",
      { notBefore: 10_900, now: 10_100, random: 0 },
      [{ errorType: "TRANSIENT" } as RetryErrorInfo],
      [0],
    ],
  ] as const)("%s", async (_name, options, failures, expected) => {
    expect(await delays(options, failures)).toEqual({ asked: expected, gaveUp: false });
  });

  it("does not retry what retrying cannot fix (access denied, validation)", async () => {
    expect(await delays({ notBefore: 0, now: 0, random: 0 }, [{ errorType: "CLIENT_ERROR" } as RetryErrorInfo])).toEqual({ asked: [], gaveUp: true });
  });

  it("gives up after its attempts: the first try and maxAttempts - 1 retries", async () => {
    const result = await delays({ notBefore: 0, now: 0, random: 0, maxAttempts: 3 }, [throttled, throttled, throttled]);
    expect(result).toEqual({ asked: [0, 0], gaveUp: true });
  });
});

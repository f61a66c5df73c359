import { describe, expect, it } from "vitest";
import type { SesIdentityFacts, SesPort } from "../../src/aws/types.js";
import { waitForDkimSuccess } from "../../src/engine/waitForDkim.js";
import { byodkimError } from "../../src/errors.js";
import { sesIdentity } from "../gates/facts.js";

describe("waiting for SES to verify", () => {
  const statuses = (list: string[], polledAt: number[] = [], now = () => 0): SesPort => {
    let i = 0;
    return {
      getEmailIdentity: async (): Promise<SesIdentityFacts> => {
        polledAt.push(now());
        return sesIdentity({ dkim: { status: list[Math.min(i++, list.length - 1)] } });
      },
      putExternalSigning: async () => ({ requestId: undefined, status: undefined }),
      putEasyDkimSigning: async () => ({ requestId: undefined, status: undefined, tokens: [] }),
      putSigningEnabled: async () => ({ requestId: undefined }),
      sendTestEmail: async () => ({ requestId: undefined, messageId: undefined }),
      listEmailIdentities: async () => [],
    };
  };
  const fakeClock = () => {
    let t = 0;
    const sleeps: number[] = [];
    return {
      sleeps,
      clock: {
        now: () => new Date(t),
        sleep: async (ms: number) => {
          sleeps.push(ms);
          t += ms;
        },
      },
    };
  };

  it("polls with a growing pause until SUCCESS", async () => {
    const { clock } = fakeClock();
    const polledAt: number[] = [];
    const ses = statuses(["PENDING", "PENDING", "PENDING", "SUCCESS"], polledAt, () => clock.now().getTime());
    const outcome = await waitForDkimSuccess(ses, "goo.ne.jp", clock, { timeoutMs: 60_000, interrupted: () => false, onStatus: () => {} });
    expect(outcome.kind).toBe("success");
    expect(polledAt).toEqual([0, 1000, 2500, 4750]);
  });

  it("stops within a second when a stop signal comes during a long pause", async () => {
    const { clock } = fakeClock();
    // The signal comes at 100 s, in the middle of a 30 s pause between two polls.
    const signalAt = 100_000;
    const outcome = await waitForDkimSuccess(statuses(["PENDING"]), "goo.ne.jp", clock, {
      timeoutMs: 600_000,
      interrupted: () => clock.now().getTime() >= signalAt,
      onStatus: () => {},
    });
    expect(outcome.kind).toBe("interrupted");
    expect(clock.now().getTime() - signalAt).toBeLessThanOrEqual(1000);
  });

  it("stops at FAILED", async () => {
    const { clock } = fakeClock();
    expect(
      (await waitForDkimSuccess(statuses(["PENDING", "FAILED"]), "goo.ne.jp", clock, { timeoutMs: 60_000, interrupted: () => false, onStatus: () => {} })).kind,
    ).toBe("failed");
  });

  it("gives up when the wait runs out, never sleeping past it", async () => {
    const { clock, sleeps } = fakeClock();
    const outcome = await waitForDkimSuccess(statuses(["PENDING"]), "goo.ne.jp", clock, { timeoutMs: 3000, interrupted: () => false, onStatus: () => {} });
    expect(outcome.kind).toBe("timeout");
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(3000);
  });

  it("stops at the poll that finds another run took over, before judging a SUCCESS that is not its own", async () => {
    const { clock } = fakeClock();
    const taken = byodkimError("lock", "lock.gone", { location: "s3://keys/dkim/locks/goo.ne.jp.json" });
    let asked = 0;
    const outcome = await waitForDkimSuccess(statuses(["PENDING", "PENDING", "SUCCESS"]), "goo.ne.jp", clock, {
      timeoutMs: 1_800_000,
      interrupted: () => false,
      onStatus: () => {},
      overtaken: async () => (++asked >= 3 ? taken : null),
    });
    expect(outcome).toMatchObject({ kind: "overtaken", error: taken });
    expect(asked).toBe(3);
  });

  it("stops when the operator pressed Ctrl-C", async () => {
    const { clock } = fakeClock();
    expect((await waitForDkimSuccess(statuses(["PENDING"]), "goo.ne.jp", clock, { timeoutMs: 60_000, interrupted: () => true, onStatus: () => {} })).kind).toBe(
      "interrupted",
    );
  });

  it("tells each status read with how long the wait has lasted by the injected clock", async () => {
    const { clock } = fakeClock();
    const seen: [string | undefined, number][] = [];
    await waitForDkimSuccess(statuses(["PENDING", "PENDING", "SUCCESS"]), "goo.ne.jp", clock, {
      timeoutMs: 1_800_000,
      interrupted: () => false,
      onStatus: (identity, elapsedMs) => seen.push([identity.dkim?.status, elapsedMs]),
    });
    expect(seen).toEqual([
      ["PENDING", 0],
      ["PENDING", 1000],
      ["SUCCESS", 2500],
    ]);
  });
});

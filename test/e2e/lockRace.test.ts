import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";

const PAIRS = 20;
// Pairs run a few at a time: each enable spends most of its ~5 s in SES's one-request-a-second
// pacing, so overlapping pairs keeps the file within a minute or two on CI's 2 cores.
const AT_ONCE = 5;

/**
 * Two `enable --yes` started together against a fresh sandbox whose first lock write is slowed by a
 * random delay, so either run may land first. The lock write is S3's PutObject; PutSecretValue is
 * slowed the same way because that was the lock write of the read-back lock in the state secret,
 * which this test must be able to catch (a delayed write landing after the other run's read-back).
 */
async function racePair(pair: number) {
  const latencyMs = Math.floor(Math.random() * 300);
  const slow = { kind: "latency", ms: latencyMs, remaining: 1 } as const;
  const r = await rehearsal({
    faults: [
      ["PutObject", slow],
      ["PutSecretValue", slow],
    ],
  });
  const runs = await Promise.all([r.byodkim(["enable", "--yes", "--json"]), r.byodkim(["enable", "--yes", "--json"])]);
  const outcomes = runs.map((run) => (JSON.parse(run.stdout) as { outcome: string }).outcome);
  return { pair, latencyMs, runs, outcomes, sesPuts: r.sesMutations(), state: r.state(), lock: r.lock() };
}

describe("two enables racing for the lock (spawned, against the sandbox)", () => {
  it(`lets exactly one of each of ${PAIRS} concurrent pairs change SES`, async () => {
    const results: Awaited<ReturnType<typeof racePair>>[] = [];
    for (let first = 0; first < PAIRS; first += AT_ONCE) {
      const batch = Array.from({ length: Math.min(AT_ONCE, PAIRS - first) }, (_, i) => racePair(first + i));
      results.push(...(await Promise.all(batch)));
    }
    for (const { pair, latencyMs, runs, outcomes, sesPuts, state, lock } of results) {
      const context = `pair ${pair} (lock write delayed ${latencyMs} ms): ${JSON.stringify(outcomes)}\n${runs.map((run) => run.stdout + run.stderr).join("\n")}`;
      expect(sesPuts, context).toEqual(["PutEmailIdentityDkimSigningAttributes:200"]);
      expect(outcomes, context).toContain("completed");
      // The other run was refused by the lock or at the re-check (SES had moved), or found only the record left to write.
      for (const [i, outcome] of outcomes.entries()) {
        expect(["completed", "lockHeld", "recheckFailed", "upToDate"], context).toContain(outcome);
        expect(runs[i]!.code, context).toBe(outcome === "completed" || outcome === "upToDate" ? 0 : 1);
      }
      expect(state, context).toMatchObject({ current_phase: "7", byodkim_enabled: true });
      expect(lock, context).toBeNull();
    }
  });
});

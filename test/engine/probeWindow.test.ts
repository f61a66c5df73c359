import { describe, expect, it } from "vitest";
import { type ProbeShot, startProbeSeries, unsignedWindow } from "../../src/engine/probeWindow.js";
import type { CommandEvent } from "../../src/engine/events.js";
import { virtualClock } from "../support/virtualClock.js";

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 4, 6, 0, seconds)).toISOString();
const shot = (seconds: number, verdict: ProbeShot["verdict"], selector: string | null = null): ProbeShot => ({ sentAt: at(seconds), verdict, selector });

describe("the unsigned window from the probes", () => {
  it.each([
    {
      name: "unsigned while PENDING, then the new selector",
      shots: [shot(20, "amazonsesOnly"), shot(0, "amazonsesOnly"), shot(10, "unsigned"), shot(30, "pass", "byod202612"), shot(40, "pass", "byod202612")],
      want: { probes: 5, unsigned: 3, firstUnsignedAt: at(0), lastUnsignedAt: at(20), firstNewSelectorAt: at(30) },
    },
    {
      name: "the old selector goes on signing until the switch: nothing unsigned",
      shots: [shot(0, "otherSelector", "byod202611"), shot(10, "pass", "byod202612")],
      want: { probes: 2, unsigned: 0, firstUnsignedAt: null, lastUnsignedAt: null, firstNewSelectorAt: at(10), otherSelector: 1 },
    },
    {
      name: "a pass by another selector is not the new selector's first",
      shots: [shot(0, "pass", "byod202611"), shot(10, "notDelivered"), shot(20, "notSent")],
      want: { probes: 3, unsigned: 0, firstNewSelectorAt: null, notDelivered: 1, notSent: 1 },
    },
    { name: "no probes", shots: [], want: { probes: 0, unsigned: 0, firstUnsignedAt: null, firstNewSelectorAt: null } },
    {
      name: "a failed signature is counted apart from unsigned",
      shots: [shot(0, "failed", "byod202612"), shot(5, "unsigned")],
      want: { probes: 2, unsigned: 1, failed: 1, firstUnsignedAt: at(5) },
    },
  ])("$name", ({ shots, want }) => {
    expect(unsignedWindow(shots, "byod202612")).toMatchObject(want);
  });
});

describe("probes sent beside the wait", () => {
  /** SES says PENDING until `successAt` ms; a probe sent before then arrives with amazonses.com's signature only. */
  function world(successAt: number) {
    const clock = virtualClock(Date.parse(at(0)));
    const start = clock.now().getTime();
    const sentAt: number[] = [];
    const events: CommandEvent[] = [];
    const send = async (): Promise<ProbeShot> => {
      const sent = clock.now().getTime() - start;
      sentAt.push(sent);
      // Delivery and read-back take 7 s of the clock.
      await clock.sleep(7000);
      return sent >= successAt
        ? { sentAt: at(sent / 1000), verdict: "pass", selector: "byod202612" }
        : { sentAt: at(sent / 1000), verdict: "amazonsesOnly", selector: null };
    };
    const waitUntil = async (ms: number) => {
      while (clock.now().getTime() - start < ms) await clock.sleep(1000);
    };
    return { clock, start, sentAt, events, send, waitUntil, ctx: { clock, events: { emit: (event: CommandEvent) => void events.push(event) } } };
  }

  it("measures the window and goes on after SUCCESS until the new selector's first probe is read back", async () => {
    const w = world(35_000);
    const series = startProbeSeries(w.ctx, { everyMs: 10_000, afterSuccessMs: 120_000, selector: "byod202612", interrupted: () => false, send: w.send });
    await w.waitUntil(36_000);
    const window = await series.settle(true);
    // Sent at 0, 10, 20, 30 (PENDING) and 40 (after SUCCESS; read back at 47 s, when sending stops).
    expect(w.sentAt).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(window).toMatchObject({ probes: 5, unsigned: 4, firstUnsignedAt: at(0), lastUnsignedAt: at(30), firstNewSelectorAt: at(40) });
    expect(w.events.filter((event) => event.type === "marked")).toHaveLength(5);
  });

  it("stops sending at once when the wait did not succeed, and still reads back what was sent", async () => {
    const w = world(Number.POSITIVE_INFINITY);
    const series = startProbeSeries(w.ctx, { everyMs: 10_000, afterSuccessMs: 120_000, selector: "byod202612", interrupted: () => false, send: w.send });
    await w.waitUntil(25_000);
    const window = await series.settle(false);
    expect(w.sentAt).toEqual([0, 10_000, 20_000]);
    expect(window).toMatchObject({ probes: 3, unsigned: 3, firstNewSelectorAt: null });
  });

  it("a read-back that throws all the same is a failed shot, not an unhandled rejection", async () => {
    const w = world(Number.POSITIVE_INFINITY);
    const send = async (): Promise<ProbeShot> => {
      await w.clock.sleep(1000);
      throw new Error("connection reset");
    };
    const series = startProbeSeries(w.ctx, { everyMs: 10_000, afterSuccessMs: 120_000, selector: "byod202612", interrupted: () => false, send });
    await w.waitUntil(15_000);
    const window = await series.settle(false);
    expect(window).toMatchObject({ probes: 2, failed: 2, unsigned: 0 });
  });

  it("gives up on the new selector after afterSuccessMs", async () => {
    const w = world(Number.POSITIVE_INFINITY);
    const series = startProbeSeries(w.ctx, { everyMs: 10_000, afterSuccessMs: 30_000, selector: "byod202612", interrupted: () => false, send: w.send });
    await w.waitUntil(5_000);
    const settledAt = w.clock.now().getTime();
    const window = await series.settle(true);
    expect(w.clock.now().getTime() - settledAt).toBeLessThan(30_000 + 10_000);
    expect(window.firstNewSelectorAt).toBeNull();
    expect(window.unsigned).toBe(window.probes);
  });

  it("a stop request ends the sending at the next second", async () => {
    const w = world(Number.POSITIVE_INFINITY);
    let stop = false;
    const series = startProbeSeries(w.ctx, { everyMs: 10_000, afterSuccessMs: 120_000, selector: "byod202612", interrupted: () => stop, send: w.send });
    await w.waitUntil(12_000);
    stop = true;
    const window = await series.settle(true);
    expect(w.sentAt).toEqual([0, 10_000]);
    expect(window.probes).toBe(2);
  });
});

import { describe, expect, it } from "vitest";
import { createPacer } from "../../src/aws/ses.js";

/** A clock that only moves when the pacer sleeps or a call takes time. */
function clock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    pass: (ms: number) => {
      t += ms;
    },
  };
}

describe("the SES pacer", () => {
  it("starts calls made at once one after another, each an interval after the one before ended", async () => {
    const time = clock();
    const pacer = createPacer({ minIntervalMs: 1000, sleep: time.sleep, now: time.now });
    const spans: [number, number][] = [];
    await Promise.all(
      [30, 250, 5, 80].map(async (latency) => {
        const ended = await pacer.pace();
        const start = time.now();
        await Promise.resolve();
        time.pass(latency);
        spans.push([start, time.now()]);
        ended();
      }),
    );
    expect(spans).toEqual([
      [0, 30],
      [1030, 1280],
      [2280, 2285],
      [3285, 3365],
    ]);
  });

  it("lets the incident path's change go at once, and makes the next read wait for it", async () => {
    const time = clock();
    const pacer = createPacer({ minIntervalMs: 1000, unpacedChanges: true, sleep: time.sleep, now: time.now });
    const readEnded = await pacer.pace("read");
    time.pass(20);
    readEnded();
    const changeEnded = await pacer.pace("change");
    expect(time.now()).toBe(20);
    expect(pacer.notBefore()).toBe(1020);
    time.pass(40);
    changeEnded();
    await pacer.pace("read");
    expect(time.now()).toBe(1060);
  });

  it("queues nothing behind a call that has ended", async () => {
    const time = clock();
    const pacer = createPacer({ minIntervalMs: 1000, sleep: time.sleep, now: time.now });
    (await pacer.pace())();
    time.pass(5000);
    await pacer.pace();
    expect(time.now()).toBe(5000);
  });
});

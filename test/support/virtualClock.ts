/**
 * A clock for code that sleeps in more than one place at once (a wait and its probes): each sleep
 * wakes at its own virtual time, in order, and time moves only once every task has gone idle, so
 * two loops that sleep side by side do not add their sleeps together.
 */
export function virtualClock(start = 0) {
  let t = start;
  const sleepers: { at: number; wake: () => void }[] = [];
  let scheduled = false;
  const advance = () => {
    scheduled = false;
    sleepers.sort((a, b) => a.at - b.at);
    const next = sleepers.shift();
    if (!next) return;
    t = Math.max(t, next.at);
    next.wake();
    if (sleepers.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // After every pending microtask: a task that is about to sleep again gets to say so first.
    setImmediate(advance);
  };
  return {
    now: () => new Date(t),
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        sleepers.push({ at: t + ms, wake: resolve });
        schedule();
      }),
  };
}

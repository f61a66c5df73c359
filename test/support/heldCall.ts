import type { Fault } from "../../src/sandbox/world.js";

/**
 * A sandbox fault that holds every request of its operation, unanswered, until the test calls
 * `release` (and lets them through from then on): the call stays in flight for as long as the test
 * needs, on a machine of any speed.
 */
export function heldCall(): { readonly fault: Fault; release(): void } {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { fault: { kind: "hold", release: released }, release };
}

import type { StopSignal } from "../errors.js";
import type { AbandonedChange, InterruptGuard } from "./context.js";

/**
 * One process's stop signals shared by changes that run at once (a campaign's targets): each arms
 * and disarms its own guard, the process's guard stays armed while any of them is under way, and a
 * forced stop abandons every one of them (the first one's account is what is printed).
 */
export function sharedInterrupt(guard: InterruptGuard): { forTarget(): InterruptGuard } {
  const armed = new Map<symbol, (signal: StopSignal) => Promise<AbandonedChange>>();
  const abandonAll = async (signal: StopSignal): Promise<AbandonedChange> => {
    const accounts = await Promise.all([...armed.values()].map((abandon) => abandon(signal)));
    return accounts[0]!;
  };
  return {
    forTarget(): InterruptGuard {
      const token = Symbol("target");
      return {
        arm(abandon) {
          armed.set(token, abandon);
          guard.arm(abandonAll);
        },
        disarm() {
          armed.delete(token);
          if (armed.size === 0) guard.disarm();
        },
        requested: () => guard.requested(),
        // Between changes the campaign itself hears the signal; a target never takes it over.
        onStopBetweenChanges: () => {},
      };
    },
  };
}

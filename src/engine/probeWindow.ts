import { type ProbeShot, unsignedWindow, type UnsignedWindow } from "../gates/unsignedWindow.js";
import { msg } from "../messages/msg.js";
import type { CommandContext } from "./context.js";

export type { ProbeShot, ProbeShotVerdict, UnsignedWindow } from "../gates/unsignedWindow.js";
export { unsignedWindow } from "../gates/unsignedWindow.js";

/** Sends one probe and reads it back: never throws (a probe that cannot be sent is `notSent`). */
export type SendProbe = (interrupted: () => boolean) => Promise<ProbeShot>;

export interface ProbeSeries {
  /**
   * The wait is over. After SUCCESS, probes go on until one arrives signed by the new selector
   * (or `afterSuccessMs` passes); otherwise they stop now. Resolves once every probe sent has been
   * read back (each read-back has its own timeout) or the run is interrupted.
   */
  settle(succeeded: boolean): Promise<UnsignedWindow>;
}

/**
 * Probes every `everyMs` beside the wait, never in its way: the wait's polls do not wait for a
 * probe, and a probe that fails is a shot that says so, not a failed change.
 */
export function startProbeSeries(
  ctx: Pick<CommandContext, "clock" | "events">,
  options: { everyMs: number; afterSuccessMs: number; selector: string; interrupted: () => boolean; send: SendProbe },
): ProbeSeries {
  const pending: Promise<ProbeShot>[] = [];
  let newSelectorSeen = false;
  let stopSending = false;
  let wake: (() => void) | null = null;

  const fire = () => {
    const index = pending.length + 1;
    const sentAt = ctx.clock.now().toISOString();
    // SendProbe never throws by contract; a read-back that throws all the same is a failed shot, not an unhandled rejection.
    const sent = options.send(options.interrupted).catch((): ProbeShot => ({ sentAt, verdict: "failed", selector: null }));
    const shot = sent.then((read) => {
      if (read.verdict === "pass" && read.selector === options.selector) newSelectorSeen = true;
      ctx.events.emit({
        type: "marked",
        mark: read.verdict === "pass" ? "done" : read.verdict === "otherSelector" ? "warning" : "failed",
        message: msg(`probe.window.shot.${read.verdict}`, { index, sentAt: read.sentAt, selector: read.selector ?? "-" }),
      });
      return read;
    });
    pending.push(shot);
  };

  const loop = (async () => {
    while (!stopSending && !options.interrupted()) {
      fire();
      for (let left = options.everyMs; left > 0 && !stopSending && !options.interrupted(); left -= 1000) {
        await Promise.race([ctx.clock.sleep(Math.min(left, 1000)), new Promise<void>((resolve) => (wake = resolve))]);
      }
    }
  })();

  return {
    async settle(succeeded) {
      if (succeeded) {
        const startedAt = ctx.clock.now().getTime();
        while (!newSelectorSeen && !options.interrupted() && ctx.clock.now().getTime() - startedAt < options.afterSuccessMs) await ctx.clock.sleep(1000);
      }
      stopSending = true;
      wake?.();
      await loop;
      return unsignedWindow(await Promise.all(pending), options.selector);
    },
  };
}

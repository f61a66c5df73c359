import { msg } from "../messages/msg.js";
import type { CommandContext } from "./context.js";

/** How one probe sent during a change was read back (the probe module's verdict, reduced to what the window needs). */
export interface ProbeShot {
  readonly sentAt: string;
  /** `pass`, `otherSelector`, `amazonsesOnly`, `unsigned`, `failed`, `notDelivered`, or `notSent` (SES refused it). */
  readonly verdict: ProbeShotVerdict;
  /** The selector of the domain's own signature, when it carried one. */
  readonly selector: string | null;
}

export type ProbeShotVerdict = "pass" | "otherSelector" | "amazonsesOnly" | "unsigned" | "failed" | "notDelivered" | "notSent";

/**
 * What the probes sent during a change saw: AWS says mail may leave without the domain's DKIM
 * signature while a BYODKIM identity is PENDING, and this is how long that lasted for real.
 */
export interface UnsignedWindow {
  readonly probes: number;
  /** Probes that arrived without the domain's own signature (only amazonses.com's, or none at all). */
  readonly unsigned: number;
  readonly firstUnsignedAt: string | null;
  readonly lastUnsignedAt: string | null;
  /** The first probe (by the time it was sent) that arrived signed by the change's new selector. */
  readonly firstNewSelectorAt: string | null;
  readonly otherSelector: number;
  readonly failed: number;
  readonly notDelivered: number;
  readonly notSent: number;
  readonly selector: string;
  readonly shots: readonly ProbeShot[];
}

/** The window, from the probes in the order they were sent. Pure: the change report computes it again from the journal. */
export function unsignedWindow(shots: readonly ProbeShot[], selector: string): UnsignedWindow {
  const ordered = [...shots].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  const unsigned = ordered.filter((shot) => shot.verdict === "amazonsesOnly" || shot.verdict === "unsigned");
  const count = (verdict: ProbeShotVerdict) => ordered.filter((shot) => shot.verdict === verdict).length;
  return {
    probes: ordered.length,
    unsigned: unsigned.length,
    firstUnsignedAt: unsigned[0]?.sentAt ?? null,
    lastUnsignedAt: unsigned.at(-1)?.sentAt ?? null,
    firstNewSelectorAt: ordered.find((shot) => shot.verdict === "pass" && shot.selector === selector)?.sentAt ?? null,
    otherSelector: count("otherSelector"),
    failed: count("failed"),
    notDelivered: count("notDelivered"),
    notSent: count("notSent"),
    selector,
    shots: ordered,
  };
}

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
    const shot = options.send(options.interrupted).then((read) => {
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

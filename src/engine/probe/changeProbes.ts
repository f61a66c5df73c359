import type { CommandContext } from "../context.js";
import type { ProbeShot, ProbeShotVerdict } from "../probeWindow.js";
import type { WaitProbing } from "../waitForDkim.js";
import { type ProbeOutcome, type ProbeTargetResult, readBackProbes, requireProbeConfig, runProbes, sendProbe } from "./probe.js";

/** `--probe`, `--probe-every`, `--probe-timeout` of a change that switches the signing key (enable, rotate, apply). */
export interface ChangeProbeRequest {
  /** `--probe-every`: seconds between probes during the wait; null: none during the wait. */
  readonly everySeconds: number | null;
  /** `--probe`: once SES says SUCCESS, every probe target is sent a message and must read back signed by the new selector. */
  readonly afterSuccess: boolean;
  readonly timeoutSeconds: number;
}

/** What the wait does about probes, for a change to `selector`; undefined when none were asked for. */
export function changeProbing(ctx: CommandContext, domain: string, selector: string, request: ChangeProbeRequest | undefined): WaitProbing | undefined {
  if (!request || (request.everySeconds === null && !request.afterSuccess)) return undefined;
  const probe = requireProbeConfig(ctx.config);
  // The probes read back side by side with the wait: the spinner keeps saying what SES says, not each mailbox's countdown.
  const quiet: CommandContext = { ...ctx, events: { emit: (event) => (event.type === "progress" ? undefined : ctx.events.emit(event)) } };
  const [first] = probe.targets;
  const expected = { domain, selector };
  return {
    everyMs: request.everySeconds === null || !first ? null : request.everySeconds * 1000,
    afterSuccessMs: request.timeoutSeconds * 1000,
    selector,
    send: async (): Promise<ProbeShot> => {
      const sentAt = ctx.clock.now().toISOString();
      const sent = await sendProbe(quiet, domain, first!, probe);
      if (!("reader" in sent)) return shotOf(sent, sentAt);
      const read = (await readBackProbes(quiet, [sent], expected, request.timeoutSeconds * 1000)).get(sent);
      return read ? shotOf(read, sentAt) : { sentAt, verdict: "notDelivered", selector: null };
    },
    afterSuccess: request.afterSuccess ? () => runProbes(ctx, expected, request.timeoutSeconds, probe) : undefined,
  };
}

const SHOT_OF: Record<ProbeOutcome, ProbeShotVerdict> = {
  pass: "pass",
  otherSelector: "otherSelector",
  amazonsesOnly: "amazonsesOnly",
  unsigned: "unsigned",
  failed: "failed",
  notDelivered: "notDelivered",
  notSent: "notSent",
  // A mailbox that could not be read proves nothing about the message: not delivered, as far as anyone can tell.
  unreadable: "notDelivered",
};

function shotOf(result: ProbeTargetResult, sentAt: string): ProbeShot {
  return { sentAt: result.sentAt ?? sentAt, verdict: SHOT_OF[result.outcome], selector: result.verdict?.signature?.selector ?? null };
}

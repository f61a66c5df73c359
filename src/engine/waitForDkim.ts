import type { SesIdentityFacts, SesPort } from "../aws/types.js";
import type { ByodkimError } from "../errors.js";
import { msg } from "../messages/msg.js";
import type { CommandContext, Clock } from "./context.js";
import type { ProbeTargetResult } from "../gates/probeVerdict.js";
import { type SendProbe, startProbeSeries, type UnsignedWindow } from "./probeWindow.js";

export type WaitOutcome = (
  | { readonly kind: "success"; readonly identity: SesIdentityFacts }
  | { readonly kind: "failed"; readonly identity: SesIdentityFacts }
  | { readonly kind: "timeout"; readonly identity: SesIdentityFacts | null }
  | { readonly kind: "interrupted"; readonly identity: SesIdentityFacts | null }
  /** Another run took the lock or moved SES off the target: what is verified now is not this run's change. */
  | { readonly kind: "overtaken"; readonly identity: SesIdentityFacts | null; readonly error: ByodkimError }
) & {
  /** `--probe-every`: what the probes sent during the wait saw. */
  readonly probeWindow?: UnsignedWindow;
  /** `--probe`: every probe target's message sent after SUCCESS, read back and judged. */
  readonly probes?: readonly ProbeTargetResult[];
};

/** `--probe-every`: probes sent beside the wait, each read back and judged. */
export interface WaitProbing {
  /** Null: no probes during the wait (only `afterSuccess`). */
  readonly everyMs: number | null;
  /** After SUCCESS, how long probes go on at most for one signed by the new selector to arrive. */
  readonly afterSuccessMs: number;
  readonly selector: string;
  readonly send: SendProbe;
  /** `--probe`: once SES says SUCCESS, a probe to every target, read back and judged. */
  readonly afterSuccess: (() => Promise<readonly ProbeTargetResult[]>) | undefined;
}

/** Asked after every poll: has another run taken over (the lock, or SES's settings)? Null while the change is still this run's. */
export type Overtaken = (identity: SesIdentityFacts | null) => Promise<ByodkimError | null>;

/**
 * Polls GetEmailIdentity until DKIM verification settles. Backoff starts at a second (SES allows
 * about one non-sending request per second) and grows to 30 s: SES's own checks take minutes.
 */
export async function waitForDkimSuccess(
  ses: SesPort,
  domain: string,
  clock: Clock,
  options: {
    timeoutMs: number;
    interrupted: () => boolean;
    /** Each status read, with how long the wait has lasted by then. */
    onStatus: (identity: SesIdentityFacts, elapsedMs: number) => void;
    overtaken?: Overtaken;
  },
): Promise<WaitOutcome> {
  const startedAt = clock.now().getTime();
  const deadline = startedAt + options.timeoutMs;
  let delay = 1000;
  let last: SesIdentityFacts | null = null;
  for (;;) {
    last = await ses.getEmailIdentity(domain);
    if (last) options.onStatus(last, clock.now().getTime() - startedAt);
    // Checked before the status: a SUCCESS or FAILED of settings another run made is not this run's verdict.
    const lost = await options.overtaken?.(last);
    if (lost) return { kind: "overtaken", identity: last, error: lost };
    const status = last?.dkim?.status;
    if (last && status === "SUCCESS") return { kind: "success", identity: last };
    if (last && status === "FAILED") return { kind: "failed", identity: last };
    if (options.interrupted()) return { kind: "interrupted", identity: last };
    const remaining = deadline - clock.now().getTime();
    if (remaining <= 0) return { kind: "timeout", identity: last };
    await pause(clock, Math.min(delay, remaining), options.interrupted);
    delay = Math.min(delay * 1.5, 30_000);
  }
}

/** Sleeps in slices of a second: a stop signal must not wait out a 30 s backoff before the run stops. */
async function pause(clock: Clock, ms: number, interrupted: () => boolean): Promise<void> {
  for (let left = ms; left > 0 && !interrupted(); left -= 1000) await clock.sleep(Math.min(left, 1000));
}

/**
 * The wait of a change that switches the signing key (enable, rotate), reporting each status it
 * sees: a ChangeSpec's `wait`, which needs nothing of the confirmed check.
 */
export function waitForSwitch<C>(
  ctx: CommandContext,
  domain: string,
  waitSeconds: number,
  /** The probes for the confirmed change (its selector is known only then). */
  probingFor?: (confirmed: C) => WaitProbing | undefined,
) {
  return async (confirmed: C, interrupted: () => boolean, overtaken?: Overtaken): Promise<WaitOutcome> => {
    const probing = probingFor?.(confirmed);
    const everyMs = probing?.everyMs ?? null;
    const series = probing && everyMs !== null ? startProbeSeries(ctx, { ...probing, everyMs, interrupted }) : undefined;
    let outcome: Awaited<ReturnType<typeof waitFor>>;
    try {
      outcome = await waitFor(interrupted, overtaken);
    } catch (err) {
      // A wait that fails (SES refused, the network gone) stops the probes too: none is sent after the change has ended.
      await series?.settle(false).catch(() => undefined);
      throw err;
    }
    const succeeded = outcome.kind === "success";
    if (series) ctx.events.emit({ type: "step", message: msg("probe.window.settling") });
    const [probeWindow, probes] = await Promise.all([
      series?.settle(succeeded),
      succeeded && probing?.afterSuccess && !interrupted() ? probing.afterSuccess() : undefined,
    ]);
    return { ...outcome, ...(probeWindow ? { probeWindow } : {}), ...(probes ? { probes } : {}) };
  };

  function waitFor(interrupted: () => boolean, overtaken?: Overtaken) {
    return waitForDkimSuccess(ctx.aws.ses, domain, ctx.clock, {
      timeoutMs: waitSeconds * 1000,
      interrupted,
      overtaken,
      onStatus: (identity, elapsedMs) =>
        ctx.events.emit({
          type: "dkimStatus",
          // SES leaves the status out until it has looked at the record at all.
          status: identity.dkim?.status ?? "NOT_STARTED",
          errorType: identity.verificationInfo?.errorType ?? null,
          elapsedMs,
          waitMs: waitSeconds * 1000,
        }),
    });
  }
}

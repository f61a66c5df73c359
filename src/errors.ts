import type { MessageKey, MessageParams, Msg, ParamsArg } from "./messages/msg.js";

/** Exit codes are a contract (README "Exit codes"): scripts and the runbook walk rely on them. */
export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  declined: 3,
  awsFailureDuringChange: 4,
  /** Every call succeeded, so SES is changed, but SES did not confirm the result (FAILED, or the wait ran out). */
  unconfirmed: 5,
  /** 128 + the signal's number, as a shell reports a process the signal killed: scripts that test `$? -gt 128` keep working. */
  hangup: 129,
  interrupted: 130,
  terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The signals byodkim treats as "stop": Ctrl-C, a closed terminal or ssh session, a supervisor's stop. */
export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

export const signalExitCode = (signal: StopSignal): ExitCode =>
  ({ SIGINT: ExitCode.interrupted, SIGTERM: ExitCode.terminated, SIGHUP: ExitCode.hangup })[signal];

/** `refused`: byodkim will not act on what it was given (a tampered or expired plan, an approval it cannot count): exit 1. */
export type ErrorKind = "usage" | "config" | "input" | "aws" | "dns" | "lock" | "declined" | "interrupted" | "change" | "refused";

const exitCodeByKind: Record<ErrorKind, ExitCode> = {
  usage: ExitCode.usage,
  config: ExitCode.usage,
  input: ExitCode.usage,
  aws: ExitCode.checkFailed,
  dns: ExitCode.checkFailed,
  lock: ExitCode.checkFailed,
  refused: ExitCode.checkFailed,
  change: ExitCode.awsFailureDuringChange,
  declined: ExitCode.declined,
  interrupted: ExitCode.interrupted,
};

/**
 * An expected failure with an operator sentence. `message` and `hint` are catalogue keys, so the
 * text is rendered in the operator's language; the JS `message` holds the key only, never data
 * that could carry key material.
 */
export class ByodkimError extends Error {
  readonly kind: ErrorKind;
  readonly what: Msg;
  readonly hint: Msg | undefined;
  /** What the library underneath said (the AWS SDK's own message), shown only with --verbose: it was written for developers. */
  readonly detail: string | undefined;

  constructor(kind: ErrorKind, what: Msg, hint?: Msg, detail?: string) {
    super(what.key);
    this.name = "ByodkimError";
    this.kind = kind;
    this.what = what;
    this.hint = hint;
    this.detail = detail;
  }

  get exitCode(): ExitCode {
    return exitCodeByKind[this.kind];
  }
}

/** `throw byodkimError(kind, key, params?, hintKey?, hintParams?)`: each key and its params are checked as for `msg`. */
export function byodkimError<K extends MessageKey>(kind: ErrorKind, key: K, ...params: ParamsArg<K>): ByodkimError;
export function byodkimError<K extends MessageKey, H extends MessageKey>(
  kind: ErrorKind,
  key: K,
  params: ParamsArg<K>[0],
  hintKey: H,
  ...hintParams: ParamsArg<H>
): ByodkimError;
export function byodkimError(kind: ErrorKind, key: MessageKey, params?: MessageParams, hintKey?: MessageKey, hintParams?: MessageParams): ByodkimError {
  // The overloads above have checked each key against its params; this only builds what msg() builds.
  const message = (k: MessageKey, p: MessageParams | undefined): Msg => (p ? { key: k, params: p } : { key: k });
  return new ByodkimError(kind, message(key, params), hintKey ? message(hintKey, hintParams) : undefined);
}

import type { Msg, MessageParams } from "./messages/msg.js";
import { msg } from "./messages/msg.js";

/** Exit codes are a contract (README "Exit codes"): scripts and the runbook walk rely on them. */
export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  declined: 3,
  awsFailureDuringChange: 4,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorKind = "usage" | "config" | "input" | "aws" | "dns" | "lock" | "declined" | "interrupted" | "change";

const exitCodeByKind: Record<ErrorKind, ExitCode> = {
  usage: ExitCode.usage,
  config: ExitCode.usage,
  input: ExitCode.usage,
  aws: ExitCode.checkFailed,
  dns: ExitCode.checkFailed,
  lock: ExitCode.checkFailed,
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

  constructor(kind: ErrorKind, what: Msg, hint?: Msg) {
    super(what.key);
    this.name = "ByodkimError";
    this.kind = kind;
    this.what = what;
    this.hint = hint;
  }

  get exitCode(): ExitCode {
    return exitCodeByKind[this.kind];
  }
}

export const byodkimError = (kind: ErrorKind, key: string, params?: MessageParams, hintKey?: string, hintParams?: MessageParams): ByodkimError =>
  new ByodkimError(kind, msg(key, params), hintKey ? msg(hintKey, hintParams) : undefined);

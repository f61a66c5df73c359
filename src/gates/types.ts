import type { Msg } from "../messages/msg.js";

export type GateId =
  | "identity"
  | "permissions"
  | "selector"
  | "key"
  | "dns"
  | "ses"
  | "alarms"
  | "state"
  | "current"
  | "rotation"
  | "grace"
  | "revocation"
  | "sendTest"
  | "eml"
  | "probe"
  | "approval"
  | "window"
  | "reports"
  | "dnsPublish";
export type GateStatus = "pass" | "fail" | "warn";

/** A gate's verdict. Gates are pure: facts in, verdict out; text is rendered by src/ui. */
export interface GateResult {
  readonly id: GateId;
  readonly status: GateStatus;
  /** One line saying what was found (and, on fail/warn, what to do). */
  readonly detail: Msg;
  /** Further lines worth showing under the gate (one per nameserver, alarm, …). */
  readonly lines?: readonly Msg[];
  /** Lines for --verbose only (the AWS SDK's own message behind a failure). */
  readonly verboseLines?: readonly Msg[];
  /** Machine-readable facts for `--json`; never secret. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Set when the gate was not judged because an earlier one failed first: its own team is not needed yet. */
  readonly notChecked?: true;
}

import type { AwsPorts } from "../aws/types.js";
import type { ByodkimConfig, MemberAccount } from "../config/config.js";
import type { DkimDns, DnsPublisher } from "../dns/types.js";
import type { StopSignal } from "../errors.js";
import type { Msg } from "../messages/msg.js";
import type { JournalStore } from "../state/journal.js";
import type { CommandEvents } from "./events.js";
import type { NoticeChannel } from "../notify/notifier.js";

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

/** The one question byodkim asks before a change; injected so tests and the runbook can answer it. */
export interface Prompter {
  /** Resolves to what the operator typed; rejects with an "interrupted" error on Ctrl-C. */
  ask(question: Msg): Promise<string>;
  /** Lets go of stdin so the process can end. */
  close(): void;
}

/** What a change stopped by force leaves behind, said to the operator once the lock is let go. */
export interface AbandonedChange {
  readonly summary: Msg;
  readonly journalPath: string;
  readonly rollbackCommand: string | null;
}

/** A stop signal during a change (Ctrl-C, SIGTERM, SIGHUP): noted, so the command finishes the call in flight and stops cleanly. */
export interface InterruptGuard {
  /**
   * From now on a stop signal only sets the flag; before this it ends the process (nothing to undo
   * yet). A second one forces: `abandon` journals the call in flight as abandoned and lets go of the lock.
   */
  arm(abandon: (signal: StopSignal) => Promise<AbandonedChange>): void;
  disarm(): void;
  requested(): boolean;
  /**
   * Between changes a stop signal ends the process; with a handler it is handed to the handler
   * instead, once (a runbook walk stops where it is and says what it changed). Undefined removes it.
   */
  onStopBetweenChanges?(handler: ((signal: StopSignal) => void) | undefined): void;
}

/** Everything a command may touch, handed over by the composition root (src/cli/compositionRoot.ts). */
export interface CommandContext {
  readonly config: ByodkimConfig;
  /** The region in force: --region, then the config, then the SDK's own chain. */
  readonly region: string;
  readonly aws: AwsPorts;
  /** The same account's ports in another region, each region with its own SES pace (SES limits per account and region); absent: `aws` only. */
  readonly awsIn?: (region: string) => AwsPorts;
  /**
   * The member account (config `accounts:`) whose SES `aws` reaches, through its role; absent: the
   * operations account's own. Only SES and STS's GetCallerIdentity go there: every other port of
   * `aws` (keys, state, locks, journals, IAM, CloudWatch, SNS) is still the operations account's.
   */
  readonly account?: MemberAccount;
  /** The ports for an account (undefined: the operations account) in a region, each pair with its own SES pace; absent: the operations account only. */
  readonly awsFor?: (account: MemberAccount | undefined, region: string) => AwsPorts;
  /** With `account`: the operations account's own ports in `region` (the operator's own identity, IAM's simulation of the operator's role). */
  readonly operations?: AwsPorts;
  readonly dns: DkimDns;
  /** `dns.publish` route53 or rfc2136: byodkim publishes the selector records itself; absent: handoff (files for the DNS team). */
  readonly dnsPublisher?: DnsPublisher;
  readonly events: CommandEvents;
  readonly clock: Clock;
  readonly prompt: Prompter;
  readonly interrupt: InterruptGuard;
  readonly journal: JournalStore;
  readonly host: string;
  readonly pid: number;
  /** Whether a process of this host exists: a lock held by a dead run here is taken over. Absent: every holder counts as alive. */
  readonly processAlive?: (pid: number, lockedAt: Date) => boolean;
  /** The boot and pid namespace of this run's pid, written into the lock: only a lock naming it is judged by processAlive. */
  readonly machine?: string;
  readonly newRunId: () => string;
  /** The change ticket the operator named (--change-id): journaled, reported, sent with the notices and recorded in the state. */
  readonly changeId?: string;
  /** The approved plan a change runs under (`--plan`, or apply for each of its targets). */
  readonly planId?: string;
  /** The zone people's times are shown in (config timeZone:, else TZ, else Asia/Tokyo under --lang ja, else UTC); absent: UTC. */
  readonly timeZone?: string;
  /** Who hears of a change (config notify:); absent or empty: nobody. */
  readonly notices?: readonly NoticeChannel[];
}

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { machineIdentity, processAlive } from "./thisMachine.js";
import { clientConfig, createAwsPorts, lazy, retryingLazy } from "../aws/clients.js";
import { assumedRoleCredentials, roleSessionName } from "../aws/assumeRole.js";
import { memberAccountPorts } from "../aws/memberAccount.js";
import type { AwsPorts, CallerIdentity } from "../aws/types.js";
import type { CommandContext, InterruptGuard } from "../engine/context.js";
import { loadConfig } from "../config/loadConfig.js";
import { createDkimDns } from "../dns/dkimDns.js";
import { createJournalStore, type JournalStore } from "../state/journal.js";
import type { MirroredJournalStore } from "../state/journalMirror.js";
import type { CommandEvents } from "../engine/events.js";
import type { ByodkimConfig, MemberAccount } from "../config/config.js";
import { checkJournalDirectory, journalDirectory } from "../state/journalDirectory.js";
import type { Output } from "../ui/output.js";
import { createPrompter } from "../ui/prompts.js";
import { createEventRenderer } from "../ui/renderEvents.js";
import { checkProfile, chooseRegion } from "./awsSettings.js";
import { type GlobalOptions, logFormatOf } from "./options.js";
import type { LogScope } from "../ui/logLine.js";
import { noticeChannels, postWithFetch } from "../notify/channels.js";
import { resolveTimeZone } from "../messages/peopleTime.js";
import { createDnsPublisher } from "./dnsPublisherWiring.js";

export interface CliEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly interrupt: InterruptGuard;
  /** The command being run (`rollback`, `runbook walk`): it decides how SES calls are paced. */
  readonly command?: string;
}

/** Commands that read every domain's journals before they run: a scheduler's container starts with an empty folder. */
const RECALLING_COMMANDS: ReadonlySet<string> = new Set(["tick"]);

/** How long a finished run waits for its journal's last copy to S3, and a reader for the mirrored journals. */
export const JOURNAL_MIRROR_BOUNDS = { settleMs: 5_000, recallMs: 10_000 } as const;

/** A wait that never holds the process open by itself. */
const unrefWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * The journal store: local, or mirrored to S3 when the config has journal.s3. The mirror's module
 * loads only then; its warnings are said as they happen, like any other.
 */
export async function journalStoreFor(
  config: Pick<ByodkimConfig, "journal">,
  directory: string,
  aws: Pick<AwsPorts, "journalMirror">,
  events: CommandEvents,
  now: () => Date,
): Promise<JournalStore & Partial<Pick<MirroredJournalStore, "settle">>> {
  const local = createJournalStore(directory, now);
  const location = config.journal.s3;
  if (!location || !aws.journalMirror) return local;
  const { mirrorJournals } = await import("../state/journalMirror.js");
  return mirrorJournals(local, {
    port: aws.journalMirror,
    location,
    directory,
    warn: (warnings) => {
      for (const message of warnings) events.emit({ type: "marked", mark: "warning", message });
    },
    recallBound: () => unrefWait(JOURNAL_MIRROR_BOUNDS.recallMs),
  });
}

/**
 * `report` runs without a context (no AWS unless it must): with journal.s3 it still reads the
 * mirrored journals, copied into the folder first; the bucket's trouble is a warning on stderr.
 */
export async function recallForReport(
  config: Pick<ByodkimConfig, "journal" | "region">,
  directory: string,
  domain: string | undefined,
  options: GlobalOptions,
  out: Output,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  if (!config.journal.s3) return;
  const region = chooseRegion(options.region, config.region, env);
  checkProfile(options.profile, env);
  const events = createEventRenderer(out, env);
  try {
    const journal = await journalStoreFor(config, directory, createAwsPorts({ region, profile: options.profile }), events, () => new Date());
    for (const message of (await journal.recall?.(domain)) ?? []) events.emit({ type: "marked", mark: "warning", message });
  } finally {
    events.stop();
  }
}

/**
 * The ports for an account and region: the operations account's own, or a member account's through
 * its role. Each member account assumes its role once for the run (every region shares it, and it
 * is assumed again before it expires); each account × region keeps its own SES pace.
 */
export function memberAccountWiring(settings: {
  readonly region: string;
  readonly profile: string | undefined;
  readonly pacing: "steady" | "incident";
  readonly awsIn: (region: string) => AwsPorts;
  /** Who the operator is, in the operations account: the role session is named after them, and a member account is reached only from `operationsAccount`. */
  readonly operator: () => Promise<CallerIdentity>;
  readonly operationsAccount: string;
  /** How far the run's clock is ahead of this machine's (a rehearsal's sandbox calendar): the role's expiry is stamped on it. */
  readonly clockAheadMs?: number;
  readonly events: CommandEvents;
}): (account: MemberAccount | undefined, region: string) => AwsPorts {
  const ports = new Map<string, AwsPorts>();
  const credentials = new Map<string, ReturnType<typeof assumedRoleCredentials>>();
  const operationsSts = lazy(
    async () => new (await import("@aws-sdk/client-sts")).STSClient(clientConfig({ region: settings.region, profile: settings.profile })),
  );
  // Asked once for the run, again after a failure (a throttled or dropped call must not shut every member account out).
  const operator = retryingLazy(settings.operator);
  const sessionName = async () => roleSessionName((await operator()).arn);
  return (account, region) => {
    if (account === undefined) return settings.awsIn(region);
    const key = `${account.id} ${region}`;
    const known = ports.get(key);
    if (known) return known;
    const assumed =
      credentials.get(account.id) ??
      assumedRoleCredentials(
        { account: account.id, roleArn: account.roleArn, externalId: account.externalId },
        { sts: operationsSts, sessionName, now: Date.now, serviceAheadMs: settings.clockAheadMs ?? 0 },
      );
    credentials.set(account.id, assumed);
    const member = createAwsPorts({ region, profile: undefined, credentials: assumed, pacing: settings.pacing });
    member.throttling?.listen((retry) => settings.events.emit({ type: "throttled", retry }));
    const made = memberAccountPorts(settings.awsIn(region), member, assumed, { operator, operationsAccount: settings.operationsAccount });
    ports.set(key, made);
    return made;
  };
}

/** Commands that never reach a member account's SES: they do not look the organization's accounts up (nor need the roles). */
const ORGANIZATION_BLIND_COMMANDS: ReadonlySet<string> = new Set(["approve", "notify-test"]);

/** The incident path: its first change must not wait behind a read (SES throttling is retried instead). */
const INCIDENT_COMMANDS: ReadonlySet<string> = new Set(["rollback"]);

/**
 * The composition root: the one place where real AWS clients, the real resolver, the terminal,
 * the clock and the journal folder are chosen. Commands receive them through CommandContext.
 */
export async function createCommandContext(
  options: GlobalOptions,
  out: Output,
  environment: CliEnvironment,
): Promise<CommandContext & { close(): void; settleJournals(): Promise<void>; logScope(): LogScope }> {
  const loaded = await loadConfig(options.config);
  out.useConfig(loaded);
  const region = chooseRegion(options.region, loaded.region, environment.env);
  checkProfile(options.profile, environment.env);
  // A rehearsal's shell names its sandbox's clock; read once, so a run's times all come from one calendar.
  const clockUrl = environment.env["BYODKIM_SANDBOX_CLOCK"];
  const offsetMs = clockUrl ? await (await import("./sandboxClock.js")).sandboxClockOffsetMs(clockUrl, environment.env) : 0;
  const now = offsetMs === 0 ? () => new Date() : () => new Date(Date.now() + offsetMs);
  const clock = { now, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
  const logScope: { command: string; domain: string | null; runId: string | null } = { command: environment.command ?? "byodkim", domain: null, runId: null };
  const events =
    logFormatOf(options.logFormat) === "json"
      ? (await import("../ui/logLines.js")).createJsonLog(out, () => logScope, now)
      : createEventRenderer(out, environment.env);
  const prompt = createPrompter(out.t);
  // The one check of the journal folder: before any command plans a change it could not journal.
  const journalDir = journalDirectory(environment.env, loaded.journal.dir);
  checkJournalDirectory(journalDir);
  const pacing = environment.command !== undefined && INCIDENT_COMMANDS.has(environment.command) ? "incident" : "steady";
  const aws = createAwsPorts({ region, profile: options.profile, pacing });
  const dnsPublisher = createDnsPublisher(loaded, {
    profile: options.profile,
    clock,
    readSecret: async (secretId) => (await aws.state.readStateSecret(secretId))?.text ?? null,
  });
  // Said while it happens, whatever the command: the pause that follows is the SDK's backoff.
  aws.throttling?.listen((retry) => events.emit({ type: "throttled", retry }));
  const regional = new Map<string, AwsPorts>([[region, aws]]);
  const awsIn = (other: string): AwsPorts => {
    let ports = regional.get(other);
    if (!ports) {
      // SES allows its requests a second per account and region: each region keeps its own pace.
      ports = createAwsPorts({ region: other, profile: options.profile, pacing });
      ports.throttling?.listen((retry) => events.emit({ type: "throttled", retry }));
      regional.set(other, ports);
    }
    return ports;
  };
  const awsFor = memberAccountWiring({
    region,
    profile: options.profile,
    pacing,
    awsIn,
    operator: () => aws.sts.getCallerIdentity(),
    operationsAccount: loaded.accountId,
    clockAheadMs: offsetMs,
    events,
  });
  // The organization's member accounts and their identities, found before any command asks which account holds a domain.
  // A refused listing ends the run before the command gets its context (and its close()): the renderer and prompt are closed here.
  const config =
    loaded.organization === undefined || (environment.command !== undefined && ORGANIZATION_BLIND_COMMANDS.has(environment.command))
      ? loaded
      : await (await import("./organizationWiring.js"))
          .discoverOrganization(loaded, { region, profile: options.profile, awsFor, events })
          .catch((err: unknown) => {
            events.stop();
            prompt.close();
            throw err;
          });
  const store = await journalStoreFor(config, journalDir, aws, events, now);
  // The run's domain and id, for every log line once its journal is open.
  const journal: typeof store = {
    ...store,
    open: (command, domain, runId) => {
      logScope.domain = domain;
      logScope.runId = runId;
      return store.open(command, domain, runId);
    },
  };
  if (environment.command !== undefined && RECALLING_COMMANDS.has(environment.command) && journal.recall) {
    for (const message of await journal.recall(undefined)) events.emit({ type: "marked", mark: "warning", message });
  }
  return {
    config,
    region,
    aws,
    awsIn,
    awsFor,
    dns: createDkimDns(
      options.dnsServer.length > 0
        ? { servers: options.dnsServer, setting: { kind: "flag" } }
        : { servers: config.dns.servers, setting: { kind: "config", path: options.config } },
    ),
    events,
    ...(dnsPublisher === undefined ? {} : { dnsPublisher }),
    clock,
    prompt,
    interrupt: environment.interrupt,
    journal,
    host: hostname(),
    pid: process.pid,
    machine: machineIdentity(),
    processAlive,
    newRunId: () => randomUUID().slice(0, 8),
    ...(options.changeId === undefined ? {} : { changeId: options.changeId }),
    timeZone: resolveTimeZone(config.timeZone, environment.env, out.lang),
    notices: noticeChannels(
      config.notify,
      { sns: aws.sns, post: postWithFetch },
      { zone: resolveTimeZone(config.timeZone, environment.env, config.notify.lang), now },
    ),
    logScope: () => logScope,
    settleJournals: async () => {
      await journal.settle?.(unrefWait(JOURNAL_MIRROR_BOUNDS.settleMs));
    },
    close: () => {
      events.stop();
      prompt.close();
    },
  };
}

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { machineIdentity, processAlive } from "./thisMachine.js";
import { createAwsPorts } from "../aws/clients.js";
import type { AwsPorts } from "../aws/types.js";
import type { CommandContext, InterruptGuard } from "../engine/context.js";
import { loadConfig } from "../config/loadConfig.js";
import { createDkimDns } from "../dns/dkimDns.js";
import { createJournalStore } from "../state/journal.js";
import { checkJournalDirectory, journalDirectory } from "../state/journalDirectory.js";
import type { Output } from "../ui/output.js";
import { createPrompter } from "../ui/prompts.js";
import { createEventRenderer } from "../ui/renderEvents.js";
import { checkProfile, chooseRegion } from "./awsSettings.js";
import type { GlobalOptions } from "./options.js";
import { noticeChannels, postWithFetch } from "../notify/channels.js";
import { resolveTimeZone } from "../messages/peopleTime.js";
import { createDnsPublisher } from "./dnsPublisherWiring.js";

export interface CliEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly interrupt: InterruptGuard;
  /** The command being run (`rollback`, `runbook walk`): it decides how SES calls are paced. */
  readonly command?: string;
}

/** The incident path: its first change must not wait behind a read (SES throttling is retried instead). */
const INCIDENT_COMMANDS: ReadonlySet<string> = new Set(["rollback"]);

/**
 * The composition root: the one place where real AWS clients, the real resolver, the terminal,
 * the clock and the journal folder are chosen. Commands receive them through CommandContext.
 */
export async function createCommandContext(options: GlobalOptions, out: Output, environment: CliEnvironment): Promise<CommandContext & { close(): void }> {
  const config = await loadConfig(options.config);
  out.useConfig(config);
  const region = chooseRegion(options.region, config.region, environment.env);
  checkProfile(options.profile, environment.env);
  const events = createEventRenderer(out, environment.env);
  const prompt = createPrompter(out.t);
  // A rehearsal's shell names its sandbox's clock; read once, so a run's times all come from one calendar.
  const clockUrl = environment.env["BYODKIM_SANDBOX_CLOCK"];
  const offsetMs = clockUrl ? await (await import("./sandboxClock.js")).sandboxClockOffsetMs(clockUrl, environment.env) : 0;
  const now = offsetMs === 0 ? () => new Date() : () => new Date(Date.now() + offsetMs);
  const clock = { now, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
  const dnsPublisher = createDnsPublisher(config, { profile: options.profile, clock });
  // The one check of the journal folder: before any command plans a change it could not journal.
  const journalDir = journalDirectory(environment.env, config.journal.dir);
  checkJournalDirectory(journalDir);
  const pacing = environment.command !== undefined && INCIDENT_COMMANDS.has(environment.command) ? "incident" : "steady";
  const aws = createAwsPorts({ region, profile: options.profile, pacing });
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
  return {
    config,
    region,
    aws,
    awsIn,
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
    journal: createJournalStore(journalDir, now),
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
    close: () => {
      events.stop();
      prompt.close();
    },
  };
}

import { type Command, Option } from "commander";
import { isChangeId } from "../config/names.js";
import type { ChangeProbeRequest } from "../engine/probe/changeProbes.js";
import { byodkimError } from "../errors.js";
import type { HelpKey } from "../messages/helpMessages.js";
import type { CarriedOption } from "../ui/carriedOptions.js";

export interface GlobalOptions {
  readonly config: string;
  readonly region: string | undefined;
  readonly profile: string | undefined;
  readonly dnsServer: readonly string[];
  readonly json: boolean;
  readonly yes: boolean;
  readonly lang: string | undefined;
  /** `--log-format`: `text` (the default) or `json`, one line a step on stderr; checked by logFormatOf. */
  readonly logFormat: string | undefined;
  readonly color: boolean;
  readonly verbose: boolean;
  /** The change ticket this run belongs to (--change-id on a changing command or a walk); validated by changeIdOf. */
  readonly changeId: string | undefined;
}

export type LogFormat = "text" | "json";

/** The --log-format given (text when none); anything else stops the run before anything is read. */
export function logFormatOf(value: string | undefined): LogFormat {
  if (value === undefined || value === "text") return "text";
  if (value === "json") return "json";
  throw byodkimError("usage", "cli.badLogFormat", { value: JSON.stringify(value.slice(0, 40)) });
}

/** For a repeatable option: each value given, in order. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * `--config`'s default: BYODKIM_CONFIG, which `eval "$(byodkim sandbox --env)"` sets so that no
 * rehearsal command needs `--config`, else `fallback`. A default, not a given flag: the commands a
 * run prints do not carry it, since the shell that runs them has the same variable.
 */
export function defaultConfigPath(
  env: NodeJS.ProcessEnv,
  fallback: string,
  says: { readonly fromEnv: (path: string) => string; readonly elseFallback: (path: string) => string } = {
    fromEnv: (path) => `BYODKIM_CONFIG: ${path}`,
    elseFallback: (path) => `$BYODKIM_CONFIG, else ${path}`,
  },
): { readonly path: string; readonly from: string } {
  const fromEnv = env["BYODKIM_CONFIG"];
  return fromEnv ? { path: fromEnv, from: says.fromEnv(fromEnv) } : { path: fallback, from: says.elseFallback(fallback) };
}

export function addGlobalOptions(program: Command, defaultConfig: { readonly path: string; readonly from: string }, help: (key: HelpKey) => string): Command {
  return program
    .addOption(new Option("--config <file>", help("help.option.config")).default(defaultConfig.path, defaultConfig.from))
    .option("--region <region>", help("help.option.region"))
    .option("--profile <name>", help("help.option.profile"))
    .option("--dns-server <host[:port]>", help("help.option.dnsServer"), collect)
    .option("--json", help("help.option.json"))
    .option("--yes", help("help.option.yes"))
    .option("--lang <lang>", help("help.option.lang"))
    .option("--log-format <format>", help("help.option.logFormat"))
    .option("--no-color", help("help.option.noColor"))
    .option("--verbose", help("help.option.verbose"));
}

export function readGlobalOptions(command: Command): GlobalOptions {
  const options = command.optsWithGlobals();
  return {
    config: String(options["config"]),
    region: options["region"] as string | undefined,
    profile: options["profile"] as string | undefined,
    dnsServer: (options["dnsServer"] as string[] | undefined) ?? [],
    json: options["json"] === true,
    yes: options["yes"] === true,
    lang: options["lang"] as string | undefined,
    logFormat: options["logFormat"] as string | undefined,
    color: options["color"] !== false,
    verbose: options["verbose"] === true,
    changeId: options["changeId"] as string | undefined,
  };
}

/**
 * The options the operator gave on the command line that decide which identity a command acts on:
 * every byodkim command this run prints carries them, so that it acts on the same one when run as printed.
 */
export function carriedOptions(command: Command): CarriedOption[] {
  const options = readGlobalOptions(command);
  const given = (name: string) => command.getOptionValueSourceWithGlobals(name) === "cli";
  return [
    ...(given("config") ? [{ flag: "--config" as const, value: options.config }] : []),
    ...(given("region") && options.region ? [{ flag: "--region" as const, value: options.region }] : []),
    ...(given("profile") && options.profile ? [{ flag: "--profile" as const, value: options.profile }] : []),
    ...(given("dnsServer") ? options.dnsServer.map((value) => ({ flag: "--dns-server" as const, value })) : []),
    ...(given("changeId") && options.changeId && isChangeId(options.changeId)
      ? [{ flag: "--change-id" as const, value: options.changeId, onlyFor: CHANGE_ID_COMMANDS }]
      : []),
    ...planCarried(command),
  ];
}

/**
 * The commands a plan given with --plan covers, by the command it was given to: a finish runs the
 * same change, and a rotation's plan covers its retire. Never a rollback: it waits for no approval.
 */
const PLAN_COVERS: Readonly<Record<string, readonly string[]>> = { enable: ["enable"], rotate: ["rotate", "retire"], retire: ["retire"] };

function planCarried(command: Command): CarriedOption[] {
  const plan: unknown = command.opts()["plan"];
  const onlyFor = PLAN_COVERS[command.name()];
  if (onlyFor === undefined || typeof plan !== "string" || command.getOptionValueSource("plan") !== "cli") return [];
  return [{ flag: "--plan", value: plan, onlyFor }];
}

/** `--plan <id>` on enable, rotate and retire: the approved plan the change runs under (approvals.required above 0). */
export const planOption = (description: string) => new Option("--plan <id>", description);

/** The context a change runs in, under the plan given with --plan (if any). */
export const underPlan = <T extends object>(ctx: T, plan: string | undefined): T & { readonly planId?: string } =>
  plan === undefined ? ctx : { ...ctx, planId: plan };

/** The longest --wait: a day is longer than any change window, and far below what a Date can hold. */
export const MAX_WAIT_SECONDS = 86_400;

/** Parses a whole number of seconds given to a flag, before anything runs. */
export function wholeSeconds(value: string | undefined): number {
  // Number() reads "" as 0 and "0x10" as 16: only plain decimal digits are seconds.
  if (value === undefined || !/^\d{1,6}$/.test(value) || Number(value) > MAX_WAIT_SECONDS) {
    throw byodkimError("usage", "enable.badWait", { value: value ?? "", max: MAX_WAIT_SECONDS });
  }
  return Number(value);
}

/** The longest --probe-timeout: a probe not delivered in an hour is not coming. */
export const MAX_PROBE_TIMEOUT_SECONDS = 3600;

/** --probe-timeout: whole seconds from 1 to an hour; absent, the default (120 s). */
export function probeTimeoutSeconds(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > MAX_PROBE_TIMEOUT_SECONDS)
    throw byodkimError("usage", "verify.badProbeTimeout", { value, max: MAX_PROBE_TIMEOUT_SECONDS });
  return Number(value);
}

/** keygen's --bits: the two RSA sizes SES takes for BYODKIM. */
export function keyBits(value: string | undefined): 1024 | 2048 {
  if (value === "2048" || value === undefined) return 2048;
  if (value === "1024") return 1024;
  throw byodkimError("usage", "keygen.badBits", { value });
}

/** The commands that take --change-id: those that change something, and the walk that runs them. */
const CHANGE_ID_COMMANDS: readonly string[] = ["enable", "rotate", "rollback", "keygen", "retire", "run"];

/** `--change-id <ticket>`, the same on every command that changes something (and on `run`), added with `.addOption(changeIdOption(runtime.help("help.option.changeId")))`. */
export const changeIdOption = (description: string) => new Option("--change-id <ticket>", description);

/** The --change-id given, or undefined; a malformed one stops the run before anything is read. */
export function changeIdOf(value: string | undefined): string | undefined {
  if (value === undefined || isChangeId(value)) return value;
  // Shown escaped and clipped: a control character typed into the flag must not reach the terminal raw.
  const shown = JSON.stringify(value.length > 70 ? `${value.slice(0, 70)}…` : value);
  throw byodkimError("usage", "cli.badChangeId", { value: shown }, "cli.badChangeId.hint");
}

/** The longest --probe-every: a probe an hour apart measures no window. */
const MAX_PROBE_EVERY_SECONDS = 3600;

/** --probe-every: whole seconds from 1 to an hour. */
function probeEverySeconds(value: string): number {
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > MAX_PROBE_EVERY_SECONDS)
    throw byodkimError("usage", "probe.badEvery", { value, max: MAX_PROBE_EVERY_SECONDS });
  return Number(value);
}

/** --probe-timeout's default, here so `--help` loads no probe module: config/probeConfig's PROBE_TIMEOUT_DEFAULT_SECONDS (a test keeps them equal). */
export const PROBE_TIMEOUT_DEFAULT_SECONDS = 120;

export interface ProbeFlags {
  probe?: boolean;
  probeEvery?: string;
  probeTimeout?: string;
}

/** `--probe`, `--probe-every <seconds>`, `--probe-timeout <seconds>` of a change that switches the key (enable, rotate, apply). */
export function addChangeProbeOptions(
  command: Command,
  help: (key: "help.option.probe" | "help.option.probeEvery" | "help.verify.probeTimeout") => string,
): Command {
  return command
    .option("--probe", help("help.option.probe"))
    .option("--probe-every <seconds>", help("help.option.probeEvery"))
    .option("--probe-timeout <seconds>", help("help.verify.probeTimeout"));
}

/** The probes a change was asked for; undefined when none. Read before anything is asked of AWS. */
export function changeProbeRequest(flags: ProbeFlags): ChangeProbeRequest | undefined {
  const timeoutSeconds = probeTimeoutSeconds(flags.probeTimeout, PROBE_TIMEOUT_DEFAULT_SECONDS);
  const everySeconds = flags.probeEvery === undefined ? null : probeEverySeconds(flags.probeEvery);
  if (everySeconds === null && flags.probe !== true) return undefined;
  return { everySeconds, afterSuccess: flags.probe === true, timeoutSeconds };
}

/** What enable and rotate take alike from their flags: read (and refused) before anything is loaded or asked of AWS. */
export function switchFlags(flags: ProbeFlags & { dryRun?: boolean; wait?: string; forceUnlock?: boolean }, yes: boolean) {
  const waitSeconds = wholeSeconds(flags.wait);
  const probe = changeProbeRequest(flags);
  return { yes, dryRun: flags.dryRun === true, waitSeconds, forceUnlock: flags.forceUnlock === true, ...(probe ? { probe } : {}) };
}

import type { Command } from "commander";
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
  readonly color: boolean;
  readonly verbose: boolean;
}

/** For a repeatable option: each value given, in order. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function addGlobalOptions(program: Command, defaultConfigPath: string, help: (key: HelpKey) => string): Command {
  return program
    .option("--config <file>", help("help.option.config"), defaultConfigPath)
    .option("--region <region>", help("help.option.region"))
    .option("--profile <name>", help("help.option.profile"))
    .option("--dns-server <host[:port]>", help("help.option.dnsServer"), collect)
    .option("--json", help("help.option.json"))
    .option("--yes", help("help.option.yes"))
    .option("--lang <lang>", help("help.option.lang"))
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
    color: options["color"] !== false,
    verbose: options["verbose"] === true,
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
  ];
}

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

/** keygen's --bits: the two RSA sizes SES takes for BYODKIM. */
export function keyBits(value: string | undefined): 1024 | 2048 {
  if (value === "2048" || value === undefined) return 2048;
  if (value === "1024") return 1024;
  throw byodkimError("usage", "keygen.badBits", { value });
}

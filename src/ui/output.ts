import { Chalk, type ChalkInstance } from "chalk";
import type { Contact } from "../config/contacts.js";
import type { Lang, Translate } from "../messages/catalogue.js";
import { createTranslator } from "../messages/catalogue.js";
import { formatPeopleTime, type PeopleTimeOptions, resolveTimeZone } from "../messages/peopleTime.js";

export interface WritableText {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** A terminal's width, as Node keeps it up to date on each resize. */
  readonly columns?: number;
}

/**
 * The width tables are fitted to: the terminal's, read when the table is drawn. Piped or
 * redirected output is not cut at all: a file or a grep keeps every column whole.
 */
export function terminalWidth(out: Pick<Output, "stdout">): number | undefined {
  const columns = out.stdout.columns;
  return out.stdout.isTTY && columns !== undefined && columns > 0 ? columns : undefined;
}

/** Where and how a command's result is shown; built once at the composition root. */
export interface Output {
  readonly stdout: WritableText;
  readonly stderr: WritableText;
  readonly json: boolean;
  readonly lang: Lang;
  readonly t: Translate;
  /** Colour for stdout text (human mode only). */
  readonly color: ChalkInstance;
  /** Colour for stderr text: decided separately, since stdout may be piped while stderr is a terminal. */
  readonly errorColor: ChalkInstance;
  readonly verbose: boolean;
  /** The zone people's times are shown in; null with --json, where every time stays UTC ISO. */
  timeZone(): string | null;
  /** Who to reach for what (config `contacts:`); empty until a config naming them is read. */
  contacts(): readonly Contact[];
  /** Once the config is read: its `timeZone:` wins over TZ and the language's default, and its contacts are shown. */
  useConfig(config: { readonly timeZone?: string | undefined; readonly contacts?: readonly Contact[] | undefined }): void;
  /** A time as people read it (`2026-12-11 05:53 JST`), or as it is with --json. */
  time(at: string | Date, options?: PeopleTimeOptions): string;
}

export interface OutputOptions {
  readonly stdout: WritableText;
  readonly stderr: WritableText;
  readonly env: NodeJS.ProcessEnv;
  readonly json: boolean;
  readonly lang: Lang;
  /** false when --no-color was given. */
  readonly colorFlag: boolean;
  readonly verbose: boolean;
  /** For deadlines' "in 7 days"; the wall clock unless a test holds one. */
  readonly now?: () => Date;
}

/** https://no-color.org: any non-empty NO_COLOR disables colour; so does a non-terminal stream. */
export function colourLevel(stream: WritableText, env: NodeJS.ProcessEnv, colorFlag: boolean): 0 | 1 {
  if (!colorFlag || (env["NO_COLOR"] ?? "") !== "" || env["TERM"] === "dumb") return 0;
  if ((env["FORCE_COLOR"] ?? "") !== "" && env["FORCE_COLOR"] !== "0") return 1;
  return stream.isTTY ? 1 : 0;
}

export function createOutput(options: OutputOptions): Output {
  const now = options.now ?? (() => new Date());
  let zone: string | null = options.json ? null : resolveTimeZone(undefined, options.env, options.lang);
  let contacts: readonly Contact[] = [];
  return {
    stdout: options.stdout,
    stderr: options.stderr,
    json: options.json,
    lang: options.lang,
    t: createTranslator(options.lang, undefined, { zone: () => zone, now }),
    color: new Chalk({ level: colourLevel(options.stdout, options.env, options.colorFlag) }),
    errorColor: new Chalk({ level: colourLevel(options.stderr, options.env, options.colorFlag) }),
    verbose: options.verbose,
    timeZone: () => zone,
    contacts: () => contacts,
    useConfig: (config) => {
      if (!options.json && config.timeZone !== undefined) zone = config.timeZone;
      contacts = config.contacts ?? [];
    },
    time: (at, timeOptions) => {
      if (zone === null) return at instanceof Date ? at.toISOString() : at;
      return formatPeopleTime(at, zone, options.lang, now(), timeOptions);
    },
  };
}

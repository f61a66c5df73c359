import { SECTIONS } from "./sections.js";
import type { Catalogue, MessageSection, Msg } from "./msg.js";
import { DEADLINE_PARAMS, formatPeopleTime, isIsoTime } from "./peopleTime.js";

export type Lang = "en" | "ja";
export const LANGS: readonly Lang[] = ["en", "ja"];

// Each section's keys are typed in Catalogue; the merge of the list it is made from is that type.
export const catalogue = Object.assign({}, ...SECTIONS) as Catalogue;

export type Translate = (message: Msg) => string;

/**
 * How a translator shows the ISO times in a message's params: in `zone()` (null keeps them ISO, as
 * `--json` does), deadlines relative to `now()`. Asked at each translation, so the zone the config
 * names applies from the moment the config is read.
 */
export interface PeopleTimeSetting {
  zone(): string | null;
  now(): Date;
}

export function createTranslator(lang: Lang, messages: MessageSection = catalogue, time?: PeopleTimeSetting): Translate {
  const shown = (name: string, value: string | number | boolean): string => {
    const zone = time?.zone() ?? null;
    if (zone === null || !isIsoTime(value)) return String(value);
    const deadline = DEADLINE_PARAMS.has(name);
    return formatPeopleTime(value, zone, lang, time!.now(), { relative: deadline, roundUp: deadline });
  };
  return (message) => {
    const template = messages[message.key]?.[lang];
    // An unknown key still says something an operator can report; the catalogue test keeps this rare.
    if (template === undefined) return message.key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = message.params?.[name];
      return value === undefined ? whole : shown(name, value);
    });
  };
}

/** --lang wins; otherwise a Japanese locale (LC_ALL, then LANG) selects Japanese. */
export function chooseLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): Lang | undefined {
  if (flag !== undefined) return LANGS.includes(flag as Lang) ? (flag as Lang) : undefined;
  const locale = env["LC_ALL"] || env["LANG"] || "";
  return locale.toLowerCase().startsWith("ja") ? "ja" : "en";
}

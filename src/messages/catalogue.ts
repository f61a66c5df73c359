import { SECTIONS } from "./sections.js";
import type { Lang } from "./language.js";
import type { Catalogue, MessageSection, Msg } from "./msg.js";
import { DEADLINE_PARAMS, formatPeopleTime, isIsoTime, SECONDS_PARAMS } from "./peopleTime.js";

export { chooseLanguage, type Lang, LANGS } from "./language.js";

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

// A yes/no setting reads as a word of the sentence's language ("signing on", 「署名有効」), not as true/false.
const SWITCH_WORDS: Readonly<Record<Lang, readonly [off: string, on: string]>> = { en: ["off", "on"], ja: ["無効", "有効"] };

export function createTranslator(lang: Lang, messages: MessageSection = catalogue, time?: PeopleTimeSetting): Translate {
  const shown = (name: string, value: string | number | boolean): string => {
    const zone = time?.zone() ?? null;
    if (typeof value === "boolean") return SWITCH_WORDS[lang][value ? 1 : 0];
    if (zone === null || !isIsoTime(value)) return String(value);
    const deadline = DEADLINE_PARAMS.has(name);
    return formatPeopleTime(value, zone, lang, time!.now(), { relative: deadline, roundUp: deadline, seconds: SECONDS_PARAMS.has(name) });
  };
  return (message) => {
    const template = messages[message.key]?.[lang];
    // An unknown key still says something an operator can report; the catalogue test keeps this rare.
    if (template === undefined) return message.key;
    return template.replace(/\{(\w+)\}( ?)/g, (whole, name: string, space: string) => {
      const value = message.params?.[name];
      if (value === undefined) return whole;
      const text = shown(name, value);
      // Japanese sets no space after a full-width bracket: a deadline's （6 日後） meets the word after it.
      return lang === "ja" && text.endsWith("）") ? text : text + space;
    });
  };
}

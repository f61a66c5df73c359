import { SECTIONS } from "./sections.js";
import type { Catalogue, MessageSection, Msg } from "./msg.js";

export type Lang = "en" | "ja";
export const LANGS: readonly Lang[] = ["en", "ja"];

// Each section's keys are typed in Catalogue; the merge of the list it is made from is that type.
export const catalogue = Object.assign({}, ...SECTIONS) as Catalogue;

export type Translate = (message: Msg) => string;

export function createTranslator(lang: Lang, messages: MessageSection = catalogue): Translate {
  return (message) => {
    const template = messages[message.key]?.[lang];
    // An unknown key still says something an operator can report; the catalogue test keeps this rare.
    if (template === undefined) return message.key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = message.params?.[name];
      return value === undefined ? whole : String(value);
    });
  };
}

/** --lang wins; otherwise a Japanese locale (LC_ALL, then LANG) selects Japanese. */
export function chooseLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): Lang | undefined {
  if (flag !== undefined) return LANGS.includes(flag as Lang) ? (flag as Lang) : undefined;
  const locale = env["LC_ALL"] || env["LANG"] || "";
  return locale.toLowerCase().startsWith("ja") ? "ja" : "en";
}

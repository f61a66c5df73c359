import { SECTIONS } from "./sections.js";
import type { Lang } from "./language.js";
import type { Catalogue, MessageSection, Msg } from "./msg.js";

export { chooseLanguage, type Lang, LANGS } from "./language.js";

// Each section's keys are typed in Catalogue; the merge of the list it is made from is that type.
export const catalogue = Object.assign({}, ...SECTIONS) as Catalogue;

export type Translate = (message: Msg) => string;

// A yes/no setting reads as a word of the sentence's language ("signing on", 「署名有効」), not as true/false.
const SWITCH_WORDS: Readonly<Record<Lang, readonly [off: string, on: string]>> = { en: ["off", "on"], ja: ["無効", "有効"] };

export function createTranslator(lang: Lang, messages: MessageSection = catalogue): Translate {
  return (message) => {
    const template = messages[message.key]?.[lang];
    // An unknown key still says something an operator can report; the catalogue test keeps this rare.
    if (template === undefined) return message.key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = message.params?.[name];
      if (value === undefined) return whole;
      return typeof value === "boolean" ? SWITCH_WORDS[lang][value ? 1 : 0] : String(value);
    });
  };
}

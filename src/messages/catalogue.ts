import { awsMessages } from "./awsMessages.js";
import { changeMessages } from "./changeMessages.js";
import { cliMessages } from "./cliMessages.js";
import { configMessages } from "./configMessages.js";
import { dnsMessages } from "./dnsMessages.js";
import { enableMessages } from "./enableMessages.js";
import { gateMessages } from "./gateMessages.js";
import { handoffMessages } from "./handoffMessages.js";
import { journalMessages } from "./journalMessages.js";
import { keyMessages } from "./keyMessages.js";
import { keyLifecycleMessages } from "./keyLifecycleMessages.js";
import { lifecycleGateMessages } from "./lifecycleGateMessages.js";
import { reportMessages } from "./reportMessages.js";
import { rollbackMessages } from "./rollbackMessages.js";
import { runbookMessages } from "./runbookMessages.js";
import { permissionMessages } from "./permissionMessages.js";
import { sandboxMessages } from "./sandboxMessages.js";
import { statusMessages } from "./statusMessages.js";
import { verifyMessages } from "./verifyMessages.js";
import { noticeMessages } from "./noticeMessages.js";
import type { Catalogue, MessageSection, Msg } from "./msg.js";

export type Lang = "en" | "ja";
export const LANGS: readonly Lang[] = ["en", "ja"];

export const catalogue: Catalogue = {
  ...cliMessages,
  ...configMessages,
  ...gateMessages,
  ...handoffMessages,
  ...keyMessages,
  ...dnsMessages,
  ...awsMessages,
  ...journalMessages,
  ...sandboxMessages,
  ...permissionMessages,
  ...changeMessages,
  ...enableMessages,
  ...verifyMessages,
  ...rollbackMessages,
  ...lifecycleGateMessages,
  ...keyLifecycleMessages,
  ...runbookMessages,
  ...statusMessages,
  ...reportMessages,
  ...noticeMessages,
};

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

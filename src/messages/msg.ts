import type { awsMessages } from "./awsMessages.js";
import type { changeMessages } from "./changeMessages.js";
import type { cliMessages } from "./cliMessages.js";
import type { configMessages } from "./configMessages.js";
import type { dnsMessages } from "./dnsMessages.js";
import type { enableMessages } from "./enableMessages.js";
import type { gateMessages } from "./gateMessages.js";
import type { handoffMessages } from "./handoffMessages.js";
import type { journalMessages } from "./journalMessages.js";
import type { keyMessages } from "./keyMessages.js";
import type { keyLifecycleMessages } from "./keyLifecycleMessages.js";
import type { lifecycleGateMessages } from "./lifecycleGateMessages.js";
import type { reportMessages } from "./reportMessages.js";
import type { rollbackMessages } from "./rollbackMessages.js";
import type { runbookMessages } from "./runbookMessages.js";
import type { permissionMessages } from "./permissionMessages.js";
import type { sandboxMessages } from "./sandboxMessages.js";
import type { statusMessages } from "./statusMessages.js";
import type { verifyMessages } from "./verifyMessages.js";
import type { noticeMessages } from "./noticeMessages.js";
import type { Placeholders } from "./section.js";

export type { MessageSection, Translations } from "./section.js";

/**
 * The catalogue's type, every section with its literal keys and texts (catalogue.ts must satisfy it).
 * Typing keys and params from it makes an unknown key, a missing param or a misspelt one a compile
 * error rather than a raw key on the operator's screen.
 */
export type Catalogue = typeof cliMessages &
  typeof configMessages &
  typeof gateMessages &
  typeof handoffMessages &
  typeof keyMessages &
  typeof dnsMessages &
  typeof awsMessages &
  typeof journalMessages &
  typeof sandboxMessages &
  typeof permissionMessages &
  typeof changeMessages &
  typeof enableMessages &
  typeof verifyMessages &
  typeof rollbackMessages &
  typeof lifecycleGateMessages &
  typeof keyLifecycleMessages &
  typeof runbookMessages &
  typeof statusMessages &
  typeof reportMessages &
  typeof noticeMessages;

export type MessageKey = keyof Catalogue;

export type MessageParams = Readonly<Record<string, string | number | boolean>>;

type PlaceholdersOf<K extends MessageKey> = Placeholders<Catalogue[K]["en"]>;

/** The params a key's English text names; for a union of keys, every param any of them names. */
export type ParamsFor<K extends MessageKey> = { readonly [Name in PlaceholdersOf<K>]: string | number | boolean };

/** Params are required when the text has placeholders, and may be left out (or be `{}`) when it has none. */
export type ParamsArg<K extends MessageKey> = [PlaceholdersOf<K>] extends [never] ? [params?: { readonly [name: string]: never }] : [params: ParamsFor<K>];

/** The keys whose text has no placeholders, so `msg(key)` alone says it all. */
export type PlainKey = { [K in MessageKey]: [PlaceholdersOf<K>] extends [never] ? K : never }[MessageKey];

/** A sentence not yet rendered: code and data travel, the language is chosen at the edge. */
export interface Msg {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export function msg<K extends MessageKey>(key: K, ...params: ParamsArg<K>): Msg;
export function msg(key: MessageKey, params?: MessageParams): Msg {
  return params ? { key, params } : { key };
}

/**
 * For a key chosen at run time from several that share one bag of params (a change summary by
 * outcome, an AWS failure by error name): the key is still checked, but which params the bag must
 * fill depends on the key it is used with, so the params are not.
 */
export const msgFromBag = (key: MessageKey, params: MessageParams): Msg => ({ key, params });

import type { SECTIONS } from "./sections.js";
import type { Placeholders } from "./section.js";

export type { MessageSection, Translations } from "./section.js";

/**
 * The catalogue's type, every section with its literal keys and texts (catalogue.ts must satisfy it).
 * Typing keys and params from it makes an unknown key, a missing param or a misspelt one a compile
 * error rather than a raw key on the operator's screen.
 */
type Intersection<Union> = (Union extends unknown ? (whole: Union) => void : never) extends (whole: infer Each) => void ? Each : never;

export type Catalogue = Intersection<(typeof SECTIONS)[number]>;

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

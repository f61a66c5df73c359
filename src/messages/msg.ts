/** One operator-facing sentence in every language we serve. `{name}` marks a parameter. */
export interface Translations {
  readonly en: string;
  readonly ja: string;
}

export type MessageSection = Readonly<Record<string, Translations>>;

export type MessageParams = Readonly<Record<string, string | number | boolean>>;

/** A sentence not yet rendered: code and data travel, the language is chosen at the edge. */
export interface Msg {
  readonly key: string;
  readonly params?: MessageParams;
}

export const msg = (key: string, params?: MessageParams): Msg => (params ? { key, params } : { key });

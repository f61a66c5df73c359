/** One operator-facing sentence in every language we serve. `{name}` marks a parameter. */
export interface Translations {
  readonly en: string;
  readonly ja: string;
}

export type MessageSection = Readonly<Record<string, Translations>>;

/** The `{name}` placeholders of a literal text, as a union of names (never when there are none). */
export type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Each entry's Japanese text must use exactly the placeholders of its English text. An entry that
 * does not is asked for a property it cannot have, so the error names the entry and the rule.
 */
export type CheckPlaceholders<T extends MessageSection> = {
  readonly [K in keyof T]: SameSet<Placeholders<T[K]["en"]>, Placeholders<T[K]["ja"]>> extends true
    ? Translations
    : { readonly "ja must use the same {placeholders} as en": Placeholders<T[K]["en"]> };
};

/**
 * Declares a catalogue section. It returns the section unchanged, but keeps its literal keys and
 * texts (so `msg` can check keys and params) and makes a ja/en placeholder mismatch a type error
 * at the entry itself.
 */
export const defineMessages = <const T extends MessageSection>(section: T & CheckPlaceholders<T>): T => section;

import type { Lang } from "../messages/catalogue.js";

// Japanese text takes full-width brackets and colons; a line that joins translated words with
// punctuation of its own picks the language's, so ja never mixes "(…)" with "（…）".
/** " (text)" in English, "（text）" in Japanese, which takes no space before the bracket. */
export const afterInParentheses = (lang: Lang, text: string): string => (lang === "ja" ? `（${text}）` : ` (${text})`);

export const labelled = (lang: Lang, label: string, value: string): string => (lang === "ja" ? `${label}：${value}` : `${label}: ${value}`);

import { describe, expect, it } from "vitest";
import { catalogue } from "../../src/messages/catalogue.js";

/**
 * What a reviewer reading the ja catalogue end to end checks first, held for every entry: Japanese
 * punctuation around Japanese words, one spelling per term, and none of the words that gave a
 * translation away. Commands, flags and AWS names stay ASCII; only text outside them is checked.
 */
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー]/u;

// ASCII that is code, not prose: `…` spans, a config key named with its colon (notify:, identities:)
// and the one HTTP header a plan line names.
const withoutCode = (text: string) =>
  text
    .replace(/`[^`]*`/g, "`…`")
    .replace(/If-None-Match: \*/g, "If-None-Match")
    .replace(/\b([a-z][\w.]*):(?=\s|）)/g, "$1");

const entries = Object.entries(catalogue).map(([key, { ja }]) => ({ key, ja, prose: withoutCode(ja) }));
const offending = (rule: (prose: string) => boolean) => entries.filter(({ prose }) => rule(prose)).map(({ key, ja }) => `${key}: ${ja}`);

describe("the Japanese catalogue reads as written in Japanese", () => {
  it("puts Japanese text in full-width brackets （…）, never in ASCII ( )", () => {
    expect(offending((prose) => [...prose.matchAll(/\(([^()]*)\)/g)].some(([, inside]) => JAPANESE.test(inside ?? "")))).toEqual([]);
  });

  it("closes each bracket with its own kind, never （…) or (…）", () => {
    expect(offending((prose) => /（[^（）()]*\)|\([^（）()]*）/.test(prose))).toEqual([]);
    expect(offending((prose) => (prose.match(/（/g) ?? []).length !== (prose.match(/）/g) ?? []).length)).toEqual([]);
  });

  it("uses the full-width colon ： in sentences, not ': '", () => {
    expect(offending((prose) => /: /.test(prose) || new RegExp(`${JAPANESE.source}:`, "u").test(prose) || /）:/.test(prose))).toEqual([]);
  });

  it("says OK / NG for a gate's verdict, as the operators' checklist does, not 合格 / 不合格", () => {
    expect(offending((prose) => /合格/.test(prose))).toEqual([]);
  });

  it("says 有効 / 無効 for a setting, not on / off in the middle of Japanese", () => {
    expect(offending((prose) => /(^|[^\w-])(on|off)([^\w-]|$)/.test(prose))).toEqual([]);
  });

  it("spells each term one way: サーバ, ネームサーバ, セレクタ, and the SES identity as ID of a domain", () => {
    expect(offending((prose) => /サーバー|セレクター/.test(prose))).toEqual([]);
    expect(offending((prose) => /アイデンティティ/.test(prose))).toEqual([]);
    expect(offending((prose) => /SES ID/.test(prose))).toEqual([]);
  });

  it("names the key's age in days, not a bare 鍵の経過", () => {
    expect(offending((prose) => /鍵の経過(?!日数)/.test(prose))).toEqual([]);
  });

  it("keeps the punctuation around a bracket Japanese: no space before （ after Japanese text", () => {
    expect(offending((prose) => new RegExp(`${JAPANESE.source} （`, "u").test(prose))).toEqual([]);
  });
});

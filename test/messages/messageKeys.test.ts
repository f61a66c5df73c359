import { describe, expect, it } from "vitest";
import { byodkimError } from "../../src/errors.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { msg } from "../../src/messages/msg.js";
import { defineMessages } from "../../src/messages/section.js";

// `npm run typecheck` checks this file too: each @ts-expect-error fails the typecheck if its line compiles.
describe("message keys and params are checked by the compiler", () => {
  it("builds a message from a known key and its params", () => {
    expect(msg("gate.key.missing", { location: "s3://b/k.pem" })).toEqual({ key: "gate.key.missing", params: { location: "s3://b/k.pem" } });
    expect(msg("gate.key.title")).toEqual({ key: "gate.key.title" });
    expect(createTranslator("en")(msg("gate.key.missing", { location: "s3://b/k.pem" }))).toBe("no private key at s3://b/k.pem");
  });

  it("refuses an unknown key, a missing param and a misspelt one", () => {
    const wrong = [
      // @ts-expect-error: no such key in the catalogue
      msg("gate.key.missign", { location: "s3://b/k.pem" }),
      // @ts-expect-error: the text names {location}
      msg("gate.key.missing"),
      // @ts-expect-error: {location}, not {path}
      msg("gate.key.missing", { path: "s3://b/k.pem" }),
      // @ts-expect-error: the text has no placeholders
      msg("gate.key.title", { location: "s3://b/k.pem" }),
      // @ts-expect-error: byodkimError checks the same way: key.severalKeys names {count}
      byodkimError("input", "key.severalKeys", undefined, "key.severalKeys.hint").what,
    ];
    expect(wrong).toHaveLength(5);
  });

  it("refuses a Japanese text whose placeholders differ from the English", () => {
    const section = defineMessages({
      "demo.ok": { en: "no key at {location}", ja: "{location} に鍵がありません" },
      // @ts-expect-error: ja must use the same {placeholders} as en
      "demo.bad": { en: "no key at {location}", ja: "{path} に鍵がありません" },
    });
    expect(Object.keys(section)).toEqual(["demo.ok", "demo.bad"]);
  });
});

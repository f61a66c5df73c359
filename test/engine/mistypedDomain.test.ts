import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { mistypedSummary } from "../../src/engine/change/confirm.js";
import { ExitCode } from "../../src/errors.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { DOMAIN, fakeWorld } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

const en = createTranslator("en");
const ja = createTranslator("ja");

describe("a mistyped domain at the typed confirmation", () => {
  it("says what was typed and what was expected, and changes nothing", async () => {
    const world = fakeWorld({ key: generateTestKey(2048) });
    world.answer("goo.ne.j");
    const result = await enable(world.ctx, { domain: DOMAIN, selector: undefined, yes: false, dryRun: false, waitSeconds: 60, forceUnlock: false });
    expect(result).toMatchObject({ outcome: "declined", exitCode: ExitCode.declined });
    expect(en(result.summary)).toBe(`Declined: you typed "goo.ne.j", expected "${DOMAIN}". Nothing was changed.`);
    expect(ja(result.summary)).toBe(`中止しました：「${DOMAIN}」ではなく「goo.ne.j」と入力されました。何も変更していません。`);
    expect(world.mutations()).toEqual([]);
  });

  it.each([
    ["control characters are taken out", "goo.\u001b[31mne.j\u0007", 'you typed "goo.ne.j"'],
    ["a bidi override is taken out", "goo.ne.j\u202e", 'you typed "goo.ne.j"'],
    ["an empty answer says nothing was typed", "  \t", "nothing was typed"],
    ["an answer past 80 characters is counted, not shown", `${"a.".repeat(45)}jp`, "you typed 92 characters (not shown)"],
    ["what looks like pasted key material is not shown", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ", "you typed 50 characters (not shown)"],
    ["a PEM line with its base64 symbols is not shown", "MIIE+/=", "you typed 7 characters (not shown)"],
  ])("%s", (_what, typed, says) => {
    const sentence = en(mistypedSummary(typed, "goo.ne.jp"));
    expect(sentence).toContain(says);
    expect(sentence).toContain('expected "goo.ne.jp"');
    expect(sentence).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });
});

import { describe, expect, it } from "vitest";
import { GATE_ORDER } from "../../src/engine/gateRunner.js";
import { catalogue, createTranslator } from "../../src/messages/catalogue.js";
import { SECTIONS } from "../../src/messages/sections.js";

// Keys and placeholders in the source are checked by the compiler (MessageKey, msg); this checks the texts.
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogue", () => {
  it("has English and Japanese for every key, with the same placeholders", () => {
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(entry.en.trim(), `${key} (en)`).not.toBe("");
      expect(entry.ja.trim(), `${key} (ja)`).not.toBe("");
      expect(placeholders(entry.ja), `${key} placeholders`).toEqual(placeholders(entry.en));
    }
  });

  it("declares each key in one section only (a second would silently win the merge)", () => {
    const keys = SECTIONS.flatMap((section) => Object.keys(section));
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    expect(Object.keys(catalogue)).toHaveLength(keys.length);
  });

  it("has a title for every gate", () => {
    for (const id of GATE_ORDER) expect(catalogue[`gate.${id}.title`], id).toBeDefined();
  });

  it("fills placeholders and says Japanese in Japanese", () => {
    const en = createTranslator("en");
    const ja = createTranslator("ja");
    expect(en({ key: "gate.key.missing", params: { location: "s3://b/k.pem" } })).toBe("no private key at s3://b/k.pem");
    expect(ja({ key: "gate.key.missing", params: { location: "s3://b/k.pem" } })).toContain("秘密鍵");
  });
});

describe("DNS gate wording", () => {
  it("has a sentence for every per-server outcome", async () => {
    const { SERVER_OUTCOMES } = await import("../../src/gates/dnsGate.js");
    for (const outcome of SERVER_OUTCOMES) expect(catalogue[`gate.dns.server.${outcome}`], outcome).toBeDefined();
  });
});

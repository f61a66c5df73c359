import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue, createTranslator } from "../../src/messages/catalogue.js";
import { GATE_ORDER } from "../../src/commands/precheck.js";

const srcRoot = new URL("../../src/", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.includes(`${join("src", "messages")}`) ? [path] : [];
  });
}

// Dotted strings in the source that are config key paths, not catalogue keys.
const CONFIG_PATHS = new Set(["dns.servers", "state.secretId"]);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogue", () => {
  it("has English and Japanese for every key, with the same placeholders", () => {
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(entry.en.trim(), `${key} (en)`).not.toBe("");
      expect(entry.ja.trim(), `${key} (ja)`).not.toBe("");
      expect(placeholders(entry.ja), `${key} placeholders`).toEqual(placeholders(entry.en));
    }
  });

  it("holds every key the source code names", () => {
    const literal =
      /["'`]((?:gate|key|dns|aws|config|cli|input|render|dkimRecord|sandbox|demo|enable|lock|state|confirm|verify|rollback|runbook)\.[A-Za-z0-9.]+)["'`]/g;
    const missing = sourceFiles(srcRoot).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(literal)]
        .map((m) => m[1]!)
        .filter((key) => !(key in catalogue) && !CONFIG_PATHS.has(key))
        .map((key) => `${key} (${file})`),
    );
    expect(missing).toEqual([]);
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

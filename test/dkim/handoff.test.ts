import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DKIM_REVOCATION_VALUE, dkimHandoff, dkimKeyRecordValue, handoffFiles, parseBindTxtLine } from "../../src/dkim/handoff.js";
import { parseDkimKeyRecord } from "../../src/dkim/dkimRecord.js";

const name = "gooid-21-pro-20250917-3._domainkey.goo.ne.jp";
const spki = (bits: number) => generateKeyPairSync("rsa", { modulusLength: bits }).publicKey.export({ type: "spki", format: "der" });
const keys = [
  ["1024-bit", spki(1024)],
  ["2048-bit", spki(2048)],
] as const;

describe("DNS hand-off of a DKIM key record", () => {
  it.each(keys)("writes a %s key's record as p= base64 SPKI that the DKIM parser reads back", (_bits, der) => {
    const value = dkimKeyRecordValue(der);
    expect(value).toBe(`v=DKIM1; k=rsa; p=${der.toString("base64")}`);
    const parsed = parseDkimKeyRecord(value);
    expect(parsed.ok && parsed.record.publicKeyBase64).toBe(der.toString("base64"));
  });

  it.each(keys)("splits a %s key's value into strings of at most 255 bytes that join back to it", (_bits, der) => {
    const handoff = dkimHandoff(name, dkimKeyRecordValue(der));
    for (const text of handoff.strings) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(255);
    expect(handoff.strings.join("")).toBe(handoff.value);
    expect(handoff.strings.length).toBe(Math.ceil(handoff.value.length / 255));
  });

  it.each(keys)("reads a %s key's BIND line back to the same name, TTL and strings", (_bits, der) => {
    const handoff = dkimHandoff(name, dkimKeyRecordValue(der));
    expect(handoff.bindLine).toMatch(new RegExp(`^${name.replace(/\./g, "\\.")}\\. 3600 IN TXT \\( "[^"]+"( "[^"]+")* \\)$`));
    expect(parseBindTxtLine(handoff.bindLine)).toEqual({ name, ttl: 3600, strings: handoff.strings });
  });

  it("gives Route 53 an UPSERT of the quoted strings at the fully qualified name", () => {
    const handoff = dkimHandoff(`${name}.`, dkimKeyRecordValue(spki(2048)), 300);
    const [first, second] = handoff.strings;
    expect(handoff.route53ChangeBatch).toEqual({
      Comment: expect.any(String),
      Changes: [
        {
          Action: "UPSERT",
          ResourceRecordSet: { Name: `${name}.`, Type: "TXT", TTL: 300, ResourceRecords: [{ Value: `"${first}" "${second}"` }] },
        },
      ],
    });
    expect(handoff.name).toBe(name);
  });

  it("publishes a revocation as an empty p=, which the DKIM parser reads as revoked", () => {
    const handoff = dkimHandoff(name, DKIM_REVOCATION_VALUE);
    expect(handoff.strings).toEqual(["v=DKIM1; k=rsa; p="]);
    expect(handoff.bindLine).toBe(`${name}. 3600 IN TXT ( "v=DKIM1; k=rsa; p=" )`);
    const parsed = parseDkimKeyRecord(handoff.value);
    expect(parsed.ok && parsed.record.revoked).toBe(true);
  });

  it.each([
    ["a quote", 'say "hi"', '"say \\"hi\\""'],
    ["a backslash", "a\\b", '"a\\\\b"'],
    ["a tab, written as \\DDD", "a\tb", '"a\\009b"'],
    ["a non-ASCII character, byte by byte", "é", '"\\195\\169"'],
  ])("escapes %s as BIND reads it, and reads it back", (_what, value, quoted) => {
    const handoff = dkimHandoff("x.example", value);
    expect(handoff.bindLine).toBe(`x.example. 3600 IN TXT ( ${quoted} )`);
    expect(
      (handoff.route53ChangeBatch["Changes"] as { ResourceRecordSet: { ResourceRecords: { Value: string }[] } }[])[0]?.ResourceRecordSet.ResourceRecords[0]
        ?.Value,
    ).toBe(quoted);
    expect(parseBindTxtLine(handoff.bindLine)?.strings).toEqual([value]);
  });

  it("never splits a multi-byte character across two strings", () => {
    const handoff = dkimHandoff("x.example", `${"a".repeat(254)}é${"b".repeat(10)}`);
    expect(handoff.strings.map((text) => Buffer.byteLength(text))).toEqual([254, 12]);
    expect(handoff.strings.join("")).toBe(handoff.value);
  });

  it.each([
    ["no TXT", `${name}. 3600 IN CNAME x.example.`],
    ["an unquoted value", `${name}. 3600 IN TXT v=DKIM1`],
    ["an unterminated string", `${name}. 3600 IN TXT ( "v=DKIM1 )`],
    ["no strings", `${name}. 3600 IN TXT ( )`],
    ["no TTL", `${name}. IN TXT "v=DKIM1"`],
  ])("does not take a line with %s for a BIND TXT line", (_what, line) => {
    expect(parseBindTxtLine(line)).toBeUndefined();
  });

  it("reads a line without parentheses too", () => {
    expect(parseBindTxtLine(`${name}. 60 IN TXT "a" "b"`)).toEqual({ name, ttl: 60, strings: ["a", "b"] });
  });

  it("names the ticket's files after the record; the value file holds the value and nothing else", () => {
    const handoff = dkimHandoff(name, dkimKeyRecordValue(spki(2048)));
    const files = handoffFiles(handoff);
    expect(files.map((file) => file.fileName)).toEqual([`${name}.zone`, `${name}.route53.json`, `${name}.txt`]);
    const zoneLines = files[0]!.content.split("\n");
    expect(zoneLines.filter((line) => !line.startsWith(";"))).toEqual([handoff.bindLine, ""]);
    expect(zoneLines.filter((line) => line.startsWith(";")).join("\n")).toContain(`${name}.txt holds the same value unsplit`);
    expect(JSON.parse(files[1]!.content)).toEqual(handoff.route53ChangeBatch);
    expect(files[2]?.content).toBe(handoff.value);
  });
});

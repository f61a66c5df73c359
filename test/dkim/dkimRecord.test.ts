import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isDkimKeyRecordCandidate, joinTxtStrings, parseDkimKeyRecord, type DkimKeyRecord } from "../../src/dkim/dkimRecord.js";

const p2048 = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
const p1024 = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
// RFC 8463 §4.2: the Ed25519 p= is the bare 32-byte public key.
const ed25519P = Buffer.alloc(32, 7).toString("base64");

function record(text: string): DkimKeyRecord {
  const parsed = parseDkimKeyRecord(text);
  if (!parsed.ok) throw new Error(`expected a record, got ${parsed.problem} (${parsed.detail ?? ""})`);
  return parsed.record;
}

describe("joinTxtStrings", () => {
  it("joins a 2048-bit record split at 255 characters with nothing in between (RFC 6376 §3.6.2.2)", () => {
    const text = `v=DKIM1; k=rsa; p=${p2048}`;
    const strings = text.match(/.{1,255}/g) ?? [];
    expect(strings.length).toBeGreaterThan(1);
    expect(joinTxtStrings(strings)).toBe(text);
    expect(record(joinTxtStrings(strings)).publicKeyBase64).toBe(p2048);
  });

  it("keeps the spaces a publisher put inside a string", () => {
    expect(joinTxtStrings(["v=DKIM1; ", "p=", "MIIB AQAB"])).toBe("v=DKIM1; p=MIIB AQAB");
  });
});

describe("parseDkimKeyRecord", () => {
  it.each([
    ["the usual record", `v=DKIM1; k=rsa; p=${p2048}`, { version: "DKIM1", keyType: "rsa", publicKeyBase64: p2048 }],
    ["no v= and no k= (both optional)", `p=${p1024}`, { keyType: "rsa", publicKeyBase64: p1024 }],
    ["no spaces at all", `v=DKIM1;k=rsa;p=${p1024}`, { version: "DKIM1", publicKeyBase64: p1024 }],
    ["a trailing semicolon", `v=DKIM1; p=${p1024};`, { publicKeyBase64: p1024 }],
    ["a trailing semicolon and whitespace", `v=DKIM1; p=${p1024} ;  `, { publicKeyBase64: p1024 }],
    ["whitespace around tags and =", ` v = DKIM1 ;\tk =rsa;  p= ${p1024} `, { version: "DKIM1", keyType: "rsa", publicKeyBase64: p1024 }],
    ["spaces inside p=", `v=DKIM1; p=${p2048.slice(0, 100)} ${p2048.slice(100, 200)}  ${p2048.slice(200)}`, { publicKeyBase64: p2048 }],
    ["folding whitespace inside p=", `v=DKIM1; p=${p2048.slice(0, 64)}\r\n\t${p2048.slice(64)}`, { publicKeyBase64: p2048 }],
    ["h=sha256", `v=DKIM1; h=sha256; p=${p1024}`, { hashAlgorithms: ["sha256"] }],
    ["h= with two algorithms", `v=DKIM1; h=sha1 : sha256; p=${p1024}`, { hashAlgorithms: ["sha1", "sha256"] }],
    ["t=y:s flags", `v=DKIM1; t=y:s; p=${p1024}`, { flags: ["y", "s"] }],
    ["s=email", `v=DKIM1; s=email; p=${p1024}`, { serviceTypes: ["email"] }],
    ["a revoked key (empty p=)", "v=DKIM1; p=", { publicKeyBase64: "", revoked: true }],
    ["a revoked key with a space after p=", "v=DKIM1; k=rsa; p= ;", { publicKeyBase64: "", revoked: true }],
  ])("reads %s", (_name, text, expected) => {
    expect(record(text)).toMatchObject({ revoked: false, ...expected });
  });

  it("keeps unknown tags and every tag's value as published", () => {
    const parsed = record(`v=DKIM1; n=rotated 2025-09; x_custom=1; p=${p1024}`);
    expect(parsed.tags).toEqual({ v: "DKIM1", n: "rotated 2025-09", x_custom: "1", p: p1024 });
  });

  it("treats tag names as case-sensitive (RFC 6376 §3.2)", () => {
    const parsed = record(`v=DKIM1; P=ignored; p=${p1024}`);
    expect(parsed.publicKeyBase64).toBe(p1024);
    expect(parsed.tags["P"]).toBe("ignored");
  });

  it.each([
    ["an SPF record", "v=spf1 include:amazonses.com ~all", "notDkim", undefined],
    ["an empty record", "", "notDkim", undefined],
    ["v= after another tag", `k=rsa; v=DKIM1; p=${p1024}`, "versionNotFirst", undefined],
    ["another version", `v=DKIM2; p=${p1024}`, "badVersion", "DKIM2"],
    ["a lower-case version", `v=dkim1; p=${p1024}`, "badVersion", "dkim1"],
    ["a duplicate p=", `v=DKIM1; p=${p1024}; p=${p1024}`, "duplicateTag", "p"],
    ["a duplicate k=", `v=DKIM1; k=rsa; k=rsa; p=${p1024}`, "duplicateTag", "k"],
    ["no p= at all", "v=DKIM1; k=rsa", "missingP", undefined],
    ["an Ed25519 key (RFC 8463), which SES BYODKIM does not use", `v=DKIM1; k=ed25519; p=${ed25519P}`, "unsupportedKeyType", "ed25519"],
    ["quotes left inside p=", `v=DKIM1; k=rsa; p="${p1024}"`, "badTagSyntax", "p"],
    ["quotes from a split record inside p=", `v=DKIM1; p=${p2048.slice(0, 200)}" "${p2048.slice(200)}`, "badTagSyntax", "p"],
    ["a whole record still in quotes", `"v=DKIM1; p=${p1024}"`, "badTagSyntax", "#1"],
    ["non-base64 characters in p=", `v=DKIM1; p=${p1024.slice(0, 40)}-_${p1024.slice(40)}`, "badTagSyntax", "p"],
    ["padding in the middle of p=", `v=DKIM1; p=AB==CD`, "badTagSyntax", "p"],
    ["an empty tag between semicolons", `v=DKIM1;; p=${p1024}`, "badTagSyntax", "#2"],
    ["a tag without =", `v=DKIM1; rsa; p=${p1024}`, "badTagSyntax", "#2"],
    ["a tag name starting with a digit", `v=DKIM1; 1x=y; p=${p1024}`, "badTagSyntax", "#2"],
    ["a non-ASCII value", `v=DKIM1; n=鍵; p=${p1024}`, "badTagSyntax", "n"],
  ])("refuses %s", (_name, text, problem, detail) => {
    const parsed = parseDkimKeyRecord(text);
    expect(parsed).toEqual(detail === undefined ? { ok: false, problem } : { ok: false, problem, detail });
  });
});

describe("isDkimKeyRecordCandidate", () => {
  it.each([
    ["v=DKIM1 first", "v=DKIM1; k=rsa", true],
    ["v=DKIM1 with whitespace", "  v = DKIM1;p=", true],
    ["a p= tag without v=", `k=rsa; p=${p1024}`, true],
    ["p= first", `p=${p1024}`, true],
    ["p= inside quotes", `"v=DKIM1; p=${p1024}"`, true],
    ["an SPF record", "v=spf1 include:amazonses.com ~all", false],
    ["a site verification token", "google-site-verification=abcdefghijklmnop", false],
    ["a tag that merely ends in p", "v=spf1 ip=1.2.3.4", false],
    ["an empty record", "", false],
  ])("says %s is %s", (_name, text, expected) => {
    expect(isDkimKeyRecordCandidate(text)).toBe(expected);
  });
});

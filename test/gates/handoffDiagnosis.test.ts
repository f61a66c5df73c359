import { describe, expect, it } from "vitest";
import { dkimHandoff } from "../../src/dkim/handoff.js";
import type { NameserverAnswer, TxtAnswer, TxtLookupResult } from "../../src/dns/types.js";
import { diagnoseHandoff, HANDOFF_MISTAKES, type HandoffFacts, misplacedNames } from "../../src/gates/handoffDiagnosis.js";
import { catalogue, createTranslator } from "../../src/messages/catalogue.js";
import { dkimRecordStrings, generateTestKey } from "../support/keys.js";

const selector = "gooid-21-pro-20250917-3";
const domain = "goo.ne.jp";
const expectedName = `${selector}._domainkey.${domain}`;
const wrong = misplacedNames(selector, domain);
const key = generateTestKey(2048);
const otherKey = generateTestKey(2048);
const expectedValue = `v=DKIM1; k=rsa; p=${key.publicKeyBase64}`;
const [firstString = "", secondString = ""] = dkimHandoff(expectedName, expectedValue).strings;

const at = (label: string, answer: TxtAnswer): NameserverAnswer => ({ server: { label, role: "authoritative", address: `${label}:53` }, answer });
const lookup = (name: string, ...answers: TxtAnswer[]): TxtLookupResult => ({
  name,
  source: { kind: "discovered", zone: domain },
  answers: answers.map((answer, i) => at(`ns${i + 1}`, answer)),
});
const served = (...records: string[][]): TxtAnswer => ({ kind: "records", records });
const nxdomain: TxtAnswer = { kind: "nxdomain" };

/** The world where nothing is published anywhere, changed by one row. */
const facts = (change: { atName?: TxtAnswer; zoneTwice?: TxtAnswer; noDomainkey?: TxtAnswer }): HandoffFacts => ({
  expectedName,
  expectedValue,
  atName: lookup(expectedName, change.atName ?? nxdomain, change.atName ?? nxdomain),
  misplaced: {
    zoneTwice: lookup(wrong.zoneTwice, change.zoneTwice ?? nxdomain, change.zoneTwice ?? nxdomain),
    noDomainkey: lookup(wrong.noDomainkey, change.noDomainkey ?? nxdomain, change.noDomainkey ?? nxdomain),
  },
});

describe("hand-off mistakes named from what DNS serves", () => {
  it("looks for the record where consoles misplace it", () => {
    expect(wrong).toEqual({ zoneTwice: `${expectedName}.${domain}`, noDomainkey: `${selector}.${domain}` });
  });

  it.each([
    ["the console added the zone a second time", { zoneTwice: served(dkimRecordStrings(key.publicKeyBase64)) }, "zoneTwice", wrong.zoneTwice],
    ["the record was created without ._domainkey", { noDomainkey: served(dkimRecordStrings(key.publicKeyBase64)) }, "noDomainkey", wrong.noDomainkey],
    ["the value was pasted with its quotes around it", { atName: served([`"${expectedValue}"`]) }, "quoted", expectedName],
    [
      "the split value was pasted with its quotes, the console keeping the inner ones",
      { atName: served([`${firstString}" "${secondString}`]) },
      "quoted",
      expectedName,
    ],
    [
      "the quoted value was split by the console into strings",
      { atName: served(dkimRecordStrings(key.publicKeyBase64).map((s, i) => (i === 0 ? `"${s}` : `${s}"`))) },
      "quoted",
      expectedName,
    ],
    ["the value was pasted with \\; escapes", { atName: served([expectedValue.replace(/;/g, "\\;")]) }, "escaped", expectedName],
    [
      "the value was pasted with both quotes and \\; escapes",
      { atName: served([`"${expectedValue.replace(/;/g, "\\;")}"`]) },
      "quotedAndEscaped",
      expectedName,
    ],
    ["only the first 255-character string was published", { atName: served([firstString]) }, "cutAt255", expectedName],
    ["a console cut the value at 255 characters", { atName: served([expectedValue.slice(0, 255)]) }, "cutAt255", expectedName],
  ] as const)("names it when %s", (_what, change, mistake, foundAt) => {
    const diagnosis = diagnoseHandoff(facts(change));
    expect(diagnosis?.mistake).toBe(mistake);
    expect(diagnosis?.foundAt).toBe(foundAt);
    expect(diagnosis?.message.key).toBe(`handoff.${mistake}`);
    expect(createTranslator("en")(diagnosis!.message)).toContain(foundAt);
  });

  it("names the doubled zone in one sentence that says where to publish instead", () => {
    const diagnosis = diagnoseHandoff(facts({ zoneTwice: served(dkimRecordStrings(key.publicKeyBase64)) }));
    expect(createTranslator("en")(diagnosis!.message)).toBe(
      `the record is at ${expectedName}.${domain}: the DNS console added the zone a second time; publish it at ${expectedName} (most consoles want only ${selector}._domainkey in the name field)`,
    );
    expect(createTranslator("ja")(diagnosis!.message)).toContain("二重");
  });

  it("finds the misplaced record when only one server serves it", () => {
    const world = facts({});
    const zoneTwice = { ...world.misplaced.zoneTwice, answers: [at("ns1", nxdomain), at("ns2", served(dkimRecordStrings(key.publicKeyBase64)))] };
    expect(diagnoseHandoff({ ...world, misplaced: { ...world.misplaced, zoneTwice } })?.mistake).toBe("zoneTwice");
  });

  it.each([
    ["the record is simply absent everywhere", {}],
    ["another valid key is published at the right name", { atName: served(dkimRecordStrings(otherKey.publicKeyBase64)) }],
    ["another key sits at the doubled name", { zoneTwice: served(dkimRecordStrings(otherKey.publicKeyBase64)) }],
    ["a revoked key sits at the name without ._domainkey", { noDomainkey: served(["v=DKIM1; k=rsa; p="]) }],
    ["the right name holds a different key in quotes", { atName: served([`"v=DKIM1; k=rsa; p=${otherKey.publicKeyBase64}"`]) }],
    ["the right name holds a short prefix of the value", { atName: served([expectedValue.slice(0, 100)]) }],
    ["the servers could not be asked", { atName: { kind: "timeout" }, zoneTwice: { kind: "timeout" }, noDomainkey: { kind: "servfail" } }],
  ] as const)("names no mistake when %s", (_what, change) => {
    expect(diagnoseHandoff(facts(change as Parameters<typeof facts>[0]))).toBeUndefined();
  });

  it("has a sentence in English and Japanese for every mistake", () => {
    for (const mistake of HANDOFF_MISTAKES) {
      expect(catalogue[`handoff.${mistake}`].en, mistake).not.toBe("");
      expect(catalogue[`handoff.${mistake}`].ja, mistake).toMatch(/[ぁ-んァ-ン]/);
    }
  });
});

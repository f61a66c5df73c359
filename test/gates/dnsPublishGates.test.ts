import { describe, expect, it } from "vitest";
import { dkimHandoff } from "../../src/dkim/handoff.js";
import type { NameserverAnswer, PublishedRecord, TxtAnswer, TxtLookupResult } from "../../src/dns/types.js";
import { judgePublishedAnswers, refusedPublishNames } from "../../src/gates/dnsPublishGates.js";
import { generateTestKey } from "../support/keys.js";

const DOMAIN = "goo.ne.jp";
const txt = (name: string, value = "v=DKIM1; k=rsa; p="): PublishedRecord => ({ name, type: "TXT", strings: dkimHandoff(name, value).strings });
const cname = (name: string, target: string): PublishedRecord => ({ name, type: "CNAME", target });

describe("the names byodkim may publish", () => {
  it.each([
    ["the selector's own name", ["gooid-21-pro-20261204-1"], [txt("gooid-21-pro-20261204-1._domainkey.goo.ne.jp")], []],
    ["the name with a trailing dot and in capitals", ["sel1"], [txt("SEL1._domainkey.Goo.ne.jp.")], []],
    [
      "the three Easy DKIM tokens",
      ["tok1", "tok2", "tok3"],
      ["tok1", "tok2", "tok3"].map((t) => cname(`${t}._domainkey.${DOMAIN}`, `${t}.dkim.amazonses.com`)),
      [],
    ],
    ["another selector's name", ["sel1"], [txt("sel2._domainkey.goo.ne.jp")], ["sel2._domainkey.goo.ne.jp"]],
    ["the domain's apex (its SPF or DMARC)", ["sel1"], [txt("goo.ne.jp")], ["goo.ne.jp"]],
    ["the _dmarc name", ["sel1"], [txt("_dmarc.goo.ne.jp")], ["_dmarc.goo.ne.jp"]],
    ["the selector under another domain", ["sel1"], [txt("sel1._domainkey.example.jp")], ["sel1._domainkey.example.jp"]],
    ["the selector under a subdomain", ["sel1"], [txt("sel1._domainkey.mail.goo.ne.jp")], ["sel1._domainkey.mail.goo.ne.jp"]],
    ["a name below the selector's", ["sel1"], [txt("x.sel1._domainkey.goo.ne.jp")], ["x.sel1._domainkey.goo.ne.jp"]],
    ["a selector that is a wildcard", ["*"], [txt("*._domainkey.goo.ne.jp")], ["*._domainkey.goo.ne.jp"]],
    ["one name twice", ["sel1"], [txt("sel1._domainkey.goo.ne.jp"), txt("sel1._domainkey.goo.ne.jp")], ["sel1._domainkey.goo.ne.jp"]],
    ["no selectors at all", [], [txt("sel1._domainkey.goo.ne.jp")], ["sel1._domainkey.goo.ne.jp"]],
  ])("%s", (_what, selectors, records, refused) => {
    expect(refusedPublishNames({ domain: DOMAIN, selectors, records })).toEqual(refused);
  });
});

const server = (label: string, role: "authoritative" | "recursive" | "configured" = "authoritative") => ({ label, role });
const lookup = (name: string, answers: [ReturnType<typeof server>, TxtAnswer][]): TxtLookupResult => ({
  name,
  source: { kind: "discovered", zone: DOMAIN },
  answers: answers.map(([s, answer]): NameserverAnswer => ({ server: s, answer })),
});

describe("whether every authoritative nameserver answers what was published", () => {
  const key = generateTestKey(2048);
  const other = generateTestKey(1024);
  const name = "sel1._domainkey.goo.ne.jp";
  const keyRecord = txt(name, `v=DKIM1; k=rsa; p=${key.publicKeyBase64}`);
  const served = (publicKeyBase64: string): TxtAnswer => ({ kind: "records", records: [dkimHandoff(name, `v=DKIM1; k=rsa; p=${publicKeyBase64}`).strings] });
  const revoked: TxtAnswer = { kind: "records", records: [["v=DKIM1; k=rsa; p="]] };

  it.each([
    [
      "both servers serve the key",
      keyRecord,
      [
        [server("ns1"), served(key.publicKeyBase64)],
        [server("ns2"), served(key.publicKeyBase64)],
      ],
      2,
      2,
      true,
    ],
    [
      "one still serves the old key",
      keyRecord,
      [
        [server("ns1"), served(key.publicKeyBase64)],
        [server("ns2"), served(other.publicKeyBase64)],
      ],
      1,
      2,
      false,
    ],
    [
      "one has nothing yet",
      keyRecord,
      [
        [server("ns1"), served(key.publicKeyBase64)],
        [server("ns2"), { kind: "nxdomain" }],
      ],
      1,
      2,
      false,
    ],
    [
      "one does not answer",
      keyRecord,
      [
        [server("ns1"), served(key.publicKeyBase64)],
        [server("ns2"), { kind: "timeout" }],
      ],
      1,
      2,
      false,
    ],
    [
      "a recursive resolver's cached answer does not hold it back",
      keyRecord,
      [
        [server("ns1"), served(key.publicKeyBase64)],
        [server("system resolver", "recursive"), { kind: "nxdomain" }],
      ],
      1,
      1,
      true,
    ],
    ["only the resolver could be asked, and it serves the key", keyRecord, [[server("system resolver", "recursive"), served(key.publicKeyBase64)]], 1, 1, true],
    [
      "the revocation, served",
      txt(name),
      [
        [server("ns1"), revoked],
        [server("ns2"), revoked],
      ],
      2,
      2,
      true,
    ],
    [
      "the revocation, while one still serves the key",
      txt(name),
      [
        [server("ns1"), revoked],
        [server("ns2"), served(key.publicKeyBase64)],
      ],
      1,
      2,
      false,
    ],
    [
      "the CNAME, served",
      cname("tok1._domainkey.goo.ne.jp", "tok1.dkim.amazonses.com"),
      [[server("ns1"), { kind: "cname", target: "TOK1.dkim.amazonses.com.", records: [] }]],
      1,
      1,
      true,
    ],
    [
      "a CNAME to somewhere else",
      cname("tok1._domainkey.goo.ne.jp", "tok1.dkim.amazonses.com"),
      [[server("ns1"), { kind: "cname", target: "tok9.dkim.amazonses.com", records: [] }]],
      0,
      1,
      false,
    ],
    ["no server at all", keyRecord, [], 0, 0, false],
  ] as const)("%s", (_what, record, answers, answering, total, ok) => {
    const verdict = judgePublishedAnswers(record, lookup(record.name, answers as unknown as [ReturnType<typeof server>, TxtAnswer][]));
    expect(verdict).toEqual({ name: record.name, answering, total, ok });
  });
});

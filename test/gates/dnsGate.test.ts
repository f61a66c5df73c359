import { describe, expect, it } from "vitest";
import { parseBindTxtLine } from "../../src/dkim/handoff.js";
import { checkDkimDns, judgeAnswer } from "../../src/gates/dnsGate.js";
import type { NameserverAnswer, ServerSetting, TxtAnswer, TxtLookupResult } from "../../src/dns/types.js";
import { catalogue } from "../../src/messages/catalogue.js";
import { dkimRecordStrings, generateTestKey } from "../support/keys.js";

const key = generateTestKey(2048);
const otherKey = generateTestKey(2048);
const expectedSpkiDer = Buffer.from(key.publicKeyBase64, "base64");
const name = "gooid-21-pro-20250917-3._domainkey.goo.ne.jp";

const at = (label: string, answer: TxtAnswer): NameserverAnswer => ({ server: { label, role: "authoritative", address: `${label}:53` }, answer });
const records = (...list: string[][]): TxtAnswer => ({ kind: "records", records: list });
const lookup = (...answers: NameserverAnswer[]): TxtLookupResult => ({ name, source: { kind: "discovered", zone: "goo.ne.jp" }, answers });

// The public key as a bare PKCS#1 RSAPublicKey: the SPKI DER minus its 24-byte AlgorithmIdentifier header (2048-bit keys).
const pkcs1PublicKeyBase64 = expectedSpkiDer.subarray(24).toString("base64");

describe("DNS gate: one server's answer", () => {
  it.each([
    ["accepts a record split into 255-byte strings", records(dkimRecordStrings(key.publicKeyBase64)), "match"],
    ["accepts p= as a bare PKCS#1 RSAPublicKey", records([`v=DKIM1; k=rsa; p=${pkcs1PublicKeyBase64}`]), "match"],
    ["accepts spaces inside p=", records([`v=DKIM1; k=rsa; p=${key.publicKeyBase64.slice(0, 100)} ${key.publicKeyBase64.slice(100)}`]), "match"],
    ["ignores an SPF record beside the key", records(["v=spf1 -all"], dkimRecordStrings(key.publicKeyBase64)), "match"],
    ["refuses the TXT record holding another key", records(dkimRecordStrings(otherKey.publicKeyBase64)), "mismatch"],
    ["reports a revoked key", records(["v=DKIM1; k=rsa; p="]), "revoked"],
    [
      "reports two DKIM records at one selector",
      records(dkimRecordStrings(key.publicKeyBase64), dkimRecordStrings(otherKey.publicKeyBase64)),
      "severalDkimRecords",
    ],
    ["reports TXT that is not a DKIM record", records(["v=spf1 -all"]), "noDkimRecord"],
    ["reports a malformed record", records(["k=rsa; v=DKIM1; p=AAAA"]), "badRecord"],
    ["reports p= that is not an RSA public key", records(["v=DKIM1; p=AAAAAAAA"]), "badRecord"],
    ["reports h= that leaves out sha256", records([`v=DKIM1; h=sha1; p=${key.publicKeyBase64}`]), "excludesSha256"],
    ["reports NXDOMAIN", { kind: "nxdomain" }, "nxdomain"],
    ["reports a name without TXT", { kind: "nodata" }, "nodata"],
    ["reports SERVFAIL", { kind: "servfail" }, "servfail"],
    ["reports a timeout", { kind: "timeout" }, "timeout"],
  ] as const)("%s", (_name, answer, outcome) => {
    expect(judgeAnswer(at("ns1", answer as TxtAnswer), expectedSpkiDer).outcome).toBe(outcome);
  });

  it("says when the record comes through a CNAME", () => {
    const verdict = judgeAnswer(at("ns1", { kind: "cname", target: "keys.example.net", records: [dkimRecordStrings(key.publicKeyBase64)] }), expectedSpkiDer);
    expect(verdict).toMatchObject({ outcome: "match", viaCname: "keys.example.net" });
  });
});

describe("DNS gate verdict", () => {
  const good = records(dkimRecordStrings(key.publicKeyBase64));

  it("passes when every server serves the key", () => {
    const result = checkDkimDns({ lookup: lookup(at("ns1", good), at("ns2", good)), expectedSpkiDer });
    expect(result.status).toBe("pass");
    expect(result.lines?.map((line) => line.key)).toEqual(["gate.dns.server.match", "gate.dns.server.match"]);
  });

  it("fails a half-propagated record and says how many servers have it", () => {
    const result = checkDkimDns({ lookup: lookup(at("ns1", good), at("ns2", { kind: "nxdomain" }), at("ns3", good)), expectedSpkiDer });
    expect(result.status).toBe("fail");
    expect(result.detail).toEqual({ key: "gate.dns.disagree", params: { name, matching: 2, total: 3 } });
    expect(result.data?.["expectedRecord"]).toBe(`v=DKIM1; k=rsa; p=${key.publicKeyBase64}`);
  });

  it("fails when no server serves the key", () => {
    const result = checkDkimDns({ lookup: lookup(at("ns1", { kind: "nxdomain" })), expectedSpkiDer });
    expect(result.detail.key).toBe("gate.dns.noMatch");
    expect(result.lines?.map((line) => line.key)).toEqual(["gate.dns.server.nxdomain", "gate.dns.fail.hint", "gate.dns.publish"]);
  });

  it("asks for the record as a BIND line of 255-byte strings, which BIND and the consoles accept, not as one 410-byte string", () => {
    const result = checkDkimDns({ lookup: lookup(at("ns1", { kind: "nxdomain" })), expectedSpkiDer });
    const bindLine = result.data?.["expectedBindLine"] as string;
    expect(result.lines?.find((line) => line.key === "gate.dns.publish")?.params).toEqual({ record: bindLine });
    const parsed = parseBindTxtLine(bindLine);
    expect(parsed?.name).toBe(name);
    expect(parsed?.strings.length).toBe(2);
    expect(parsed?.strings.join("")).toBe(`v=DKIM1; k=rsa; p=${key.publicKeyBase64}`);
    expect(result.data?.["expectedRecord"]).toBe(parsed?.strings.join(""));
  });

  const configured = (setting: ServerSetting, ...answers: NameserverAnswer[]): TxtLookupResult => ({ name, source: { kind: "configured", setting }, answers });
  const flag: ServerSetting = { kind: "flag" };

  it.each([
    ["a server that does not answer", [at("ns1", { kind: "timeout" })], 1],
    ["a server whose own name does not resolve", [at("ns1", { kind: "unresolvable", code: "ENOTFOUND" })], 1],
    ["a server that refuses the query", [at("ns1", { kind: "refused" })], 1],
    ["one server unreachable, the other serving the key", [at("ns1", good), at("ns2", { kind: "timeout" })], 1],
  ] as const)("blames %s on the server, not on the record: no request to publish it", (_what, answers, unanswered) => {
    const result = checkDkimDns({ lookup: configured(flag, ...answers), expectedSpkiDer });
    expect(result.status).toBe("fail");
    expect(result.detail).toEqual({ key: "gate.dns.serversUnanswered", params: { name, unanswered, total: answers.length } });
    const keys = result.lines?.map((line) => line.key) ?? [];
    expect(keys).toContain("gate.dns.serverProblem.flag");
    expect(keys).not.toContain("gate.dns.fail.hint");
    expect(keys).not.toContain("gate.dns.publish");
  });

  it("says both when one server lacks the record and another cannot be reached", () => {
    const result = checkDkimDns({ lookup: configured(flag, at("ns1", { kind: "nxdomain" }), at("ns2", { kind: "timeout" })), expectedSpkiDer });
    expect(result.detail.key).toBe("gate.dns.noMatch");
    expect(result.lines?.map((line) => line.key)).toEqual(expect.arrayContaining(["gate.dns.fail.hint", "gate.dns.publish", "gate.dns.serverProblem.flag"]));
  });

  it.each([
    ["--dns-server", configured(flag, at("ns1", { kind: "timeout" })), { key: "gate.dns.serverProblem.flag" }],
    [
      "dns.servers in the config, with its path",
      configured({ kind: "config", path: "./byodkim.config.yaml" }, at("ns1", { kind: "timeout" })),
      { key: "gate.dns.serverProblem.config", params: { path: "./byodkim.config.yaml" } },
    ],
    ["the network path to the zone's own servers", lookup(at("ns1", { kind: "timeout" })), { key: "gate.dns.serverProblem.zone" }],
  ])("names where to fix an unanswering server: %s", (_where, found, hint) => {
    expect(checkDkimDns({ lookup: found, expectedSpkiDer }).lines?.at(-1)).toEqual(hint);
  });

  it("words an unreachable server and an unresolvable server name as such, never as NXDOMAIN", () => {
    const timeout = judgeAnswer(at("ns1", { kind: "timeout" }), expectedSpkiDer);
    const unresolvable = judgeAnswer(at("ns1", { kind: "unresolvable", code: "ENOTFOUND" }), expectedSpkiDer);
    expect([timeout.outcome, unresolvable.outcome, unresolvable.problem]).toEqual(["timeout", "unresolvable", "ENOTFOUND"]);
    expect(catalogue["gate.dns.server.timeout"].en).toContain("could not be reached");
    expect(catalogue["gate.dns.server.unresolvable"].en).toContain("could not be resolved");
  });

  it("fails when there is no key to compare with, but still shows what DNS holds", () => {
    const result = checkDkimDns({ lookup: lookup(at("ns1", good)), expectedSpkiDer: undefined });
    expect(result.status).toBe("fail");
    expect(result.lines?.[0]?.key).toBe("gate.dns.server.unverifiable");
  });

  it("warns when the key is marked as testing (t=y)", () => {
    const testing = records([`v=DKIM1; k=rsa; t=y; p=${key.publicKeyBase64}`]);
    const result = checkDkimDns({ lookup: lookup(at("ns1", testing)), expectedSpkiDer });
    expect(result.status).toBe("warn");
    expect(result.lines?.map((line) => line.key)).toContain("gate.dns.server.testing");
  });

  it("fails with no server to ask", () => {
    expect(checkDkimDns({ lookup: lookup(), expectedSpkiDer }).detail.key).toBe("gate.dns.noServers");
  });
});

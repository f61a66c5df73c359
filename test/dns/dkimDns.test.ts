import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDkimDns } from "../../src/dns/dkimDns.js";
import { parseDnsServer } from "../../src/dns/dnsServerAddress.js";
import { queryTxtAt } from "../../src/dns/txtLookup.js";
import { ByodkimError } from "../../src/errors.js";
import { startZoneServer, type ZoneServer } from "../support/dnsServer.js";
import { dkimRecordStrings, generateTestKey } from "../support/keys.js";

const key = generateTestKey(2048);
const name = "gooid-21-pro-20250917-3._domainkey.goo.ne.jp";
/** For a server that never answers: the timeout is the answer. */
const fast = { timeoutMs: 300, tries: 1 };
/** For a server that answers: it lives in this process, which a busy machine may keep from answering for a while. */
const answering = { timeoutMs: 10_000, tries: 1 };

let zone: ZoneServer;
let other: ZoneServer;

beforeAll(async () => {
  zone = await startZoneServer(
    [
      { name, type: "TXT", data: dkimRecordStrings(key.publicKeyBase64) },
      { name: "short._domainkey.goo.ne.jp", type: "TXT", data: "v=DKIM1; k=rsa; p=" },
      { name: "two._domainkey.goo.ne.jp", type: "TXT", data: "v=DKIM1; p=AAAA" },
      { name: "two._domainkey.goo.ne.jp", type: "TXT", data: "v=spf1 -all" },
      { name: "alias._domainkey.goo.ne.jp", type: "CNAME", data: name },
      { name: "empty._domainkey.goo.ne.jp", type: "A", data: "192.0.2.1" },
    ],
    { servfail: ["broken._domainkey.goo.ne.jp"], dropQueriesFor: ["slow._domainkey.goo.ne.jp"] },
  );
  other = await startZoneServer([{ name, type: "TXT", data: "v=DKIM1; k=rsa; p=AAAA" }]);
});
afterAll(async () => {
  await zone.close();
  await other.close();
});

const at = (server: ZoneServer) => ({ address: server.address });

describe("TXT lookup at one nameserver (real UDP)", () => {
  it("reports a record split into 255-byte strings without joining it", async () => {
    const answer = await queryTxtAt(at(zone), name, answering);
    expect(answer.kind).toBe("records");
    const records = (answer as unknown as { records: string[][] }).records;
    expect(records).toHaveLength(1);
    expect(records[0]!.length).toBeGreaterThan(1);
    expect(records[0]!.every((part) => part.length <= 255)).toBe(true);
    expect(records[0]!.join("")).toBe(`v=DKIM1; k=rsa; p=${key.publicKeyBase64}`);
  });

  it("reports every TXT record at the name", async () => {
    const answer = await queryTxtAt(at(zone), "two._domainkey.goo.ne.jp", answering);
    expect(answer).toEqual({ kind: "records", records: expect.arrayContaining([["v=DKIM1; p=AAAA"], ["v=spf1 -all"]]) });
  });

  it.each([
    ["NXDOMAIN", "missing._domainkey.goo.ne.jp", { kind: "nxdomain" }],
    ["NODATA", "empty._domainkey.goo.ne.jp", { kind: "nodata" }],
    ["SERVFAIL", "broken._domainkey.goo.ne.jp", { kind: "servfail" }],
    ["a timeout", "slow._domainkey.goo.ne.jp", { kind: "timeout" }],
  ])("reports %s", async (_what, queried, expected) => {
    expect(await queryTxtAt(at(zone), queried, expected.kind === "timeout" ? fast : answering)).toEqual(expected);
  });

  it("notices a CNAME at the selector name", async () => {
    const answer = await queryTxtAt(at(zone), "alias._domainkey.goo.ne.jp", answering);
    expect(answer).toMatchObject({ kind: "cname", target: name });
  });

  it("reports a server nobody runs as not answering", async () => {
    expect((await queryTxtAt({ address: "127.0.0.1:9" }, name, fast)).kind).toBe("timeout");
  });
});

describe("asking a set of servers", () => {
  it("reports each configured server separately, so disagreement shows", async () => {
    const dns = createDkimDns({ servers: [zone.address, other.address], ...answering });
    const result = await dns.lookupTxtEverywhere(name);
    expect(result.source).toEqual({ kind: "configured", setting: { kind: "flag" } });
    expect(result.answers.map((answer) => answer.server.label)).toEqual([zone.address, other.address]);
    expect(result.answers.map((answer) => (answer.answer as unknown as { records: string[][] }).records[0]![0]!.slice(0, 20))).toEqual([
      "v=DKIM1; k=rsa; p=MI",
      "v=DKIM1; k=rsa; p=AA",
    ]);
  });

  it("reports a server whose own name does not resolve as unresolvable, not as NXDOMAIN for the record", async () => {
    // .invalid never resolves (RFC 6761 §6.4), with or without a network.
    const dns = createDkimDns({ servers: ["ns.nosuch.invalid"], setting: { kind: "config", path: "byodkim.config.yaml" }, ...fast });
    const result = await dns.lookupTxtEverywhere(name);
    expect(result.source).toEqual({ kind: "configured", setting: { kind: "config", path: "byodkim.config.yaml" } });
    expect(result.answers).toEqual([
      { server: { label: "ns.nosuch.invalid", role: "configured" }, answer: { kind: "unresolvable", code: expect.any(String) } },
    ]);
  });

  it("finds the zone's nameservers through the recursive resolver and asks each", async () => {
    // The "recursive" server knows the delegation; the authoritative ones are the zone servers above.
    const recursive = await startZoneServer([
      { name: "goo.ne.jp", type: "NS", data: "ns1.goo.ne.jp" },
      { name: "ns1.goo.ne.jp", type: "A", data: "127.0.0.1" },
      { name, type: "TXT", data: dkimRecordStrings(key.publicKeyBase64) },
    ]);
    try {
      const dns = createDkimDns({ servers: [], recursiveServers: [recursive.address], authoritativePort: zone.port, ...answering });
      const result = await dns.lookupTxtEverywhere(name);
      expect(result.source).toEqual({ kind: "discovered", zone: "goo.ne.jp" });
      expect(result.answers.map((answer) => [answer.server.role, answer.server.label])).toEqual([
        ["authoritative", "ns1.goo.ne.jp (127.0.0.1)"],
        ["recursive", "recursive resolver"],
      ]);
      expect(result.answers.every((answer) => answer.answer.kind === "records")).toBe(true);
      expect(zone.queries).toContain(`TXT ${name}`);
    } finally {
      await recursive.close();
    }
  });

  it("finds a separately delegated _domainkey zone first", async () => {
    const recursive = await startZoneServer([
      { name: "goo.ne.jp", type: "NS", data: "ns1.goo.ne.jp" },
      { name: "_domainkey.goo.ne.jp", type: "NS", data: "dkim-ns.example.net" },
      { name: "dkim-ns.example.net", type: "A", data: "127.0.0.1" },
    ]);
    try {
      const dns = createDkimDns({ servers: [], recursiveServers: [recursive.address], authoritativePort: zone.port, ...answering });
      const result = await dns.lookupTxtEverywhere(name);
      expect(result.source).toEqual({ kind: "discovered", zone: "_domainkey.goo.ne.jp" });
      expect(result.answers[0]?.server.label).toBe("dkim-ns.example.net (127.0.0.1)");
    } finally {
      await recursive.close();
    }
  });

  it("says so when no nameserver can be discovered, and still asks the resolver", async () => {
    const recursive = await startZoneServer([{ name, type: "TXT", data: "v=DKIM1; p=AAAA" }]);
    try {
      const dns = createDkimDns({ servers: [], recursiveServers: [recursive.address], ...answering });
      const result = await dns.lookupTxtEverywhere(name);
      expect(result.source.kind).toBe("discoveryFailed");
      expect(result.answers.map((answer) => answer.server.role)).toEqual(["recursive"]);
    } finally {
      await recursive.close();
    }
  });
});

describe("--dns-server values", () => {
  it.each([
    ["127.0.0.1", { host: "127.0.0.1", port: 53 }],
    ["127.0.0.1:5353", { host: "127.0.0.1", port: 5353 }],
    ["[::1]:5353", { host: "::1", port: 5353 }],
    ["::1", { host: "::1", port: 53 }],
    ["ns1.example.net", { host: "ns1.example.net", port: 53 }],
  ])("reads %s", (text, expected) => {
    expect(parseDnsServer(text)).toEqual(expected);
  });

  it.each([["not a server"], [""], ["127.0.0.1:0"], ["127.0.0.1:70000"], ["[127.0.0.1]:53"], ["host:port"]])("refuses %j as a usage error", (text) => {
    expect(() => parseDnsServer(text)).toThrow(ByodkimError);
    expect(() => createDkimDns({ servers: [text] })).toThrow(ByodkimError);
  });
});

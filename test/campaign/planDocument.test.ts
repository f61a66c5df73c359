import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/campaign/canonicalJson.js";
import { type CampaignPlan, isExpired, planExpiry } from "../../src/campaign/planDocument.js";
import { openPlan, planId, sealPlan } from "../../src/campaign/planSeal.js";
import { planExpiredProblem } from "../../src/campaign/planSummary.js";
import { PrivateKeyMaterial } from "../../src/dkim/privateKeyMaterial.js";
import { createHash } from "node:crypto";
import { fixturePlan, NOW, reversedKeys, testKey } from "./planFixture.js";

describe("canonical JSON", () => {
  it.each([
    ["keys sorted at every depth", { b: 1, a: [2, { d: 1, c: 2 }] }, '{"a":[2,{"c":2,"d":1}],"b":1}'],
    ["arrays keep their order", { list: [3, 1, 2] }, '{"list":[3,1,2]}'],
    ["an undefined member is absent", { a: undefined, b: null }, '{"b":null}'],
    ["keys by UTF-16 code unit, numeric-looking ones too", { "9": 0, "10": 0, b: 0, B: 0, é: 0 }, '{"10":0,"9":0,"B":0,"b":0,"é":0}'],
    ["-0 as 0, big and small numbers as ECMAScript writes them", [-0, 1e21, 0.1, 5e-7, 12.5], "[0,1e+21,0.1,5e-7,12.5]"],
    ["Japanese as is, control characters and lone surrogates escaped", ["日本\n", "\ud800", '"\\'], '["日本\\n","\\ud800","\\"\\\\"]'],
    ["an empty object and an empty array", { a: {}, b: [] }, '{"a":{},"b":[]}'],
    ["an object without a prototype", Object.assign(Object.create(null), { z: 1, a: 2 }), '{"a":2,"z":1}'],
  ])("writes %s", (_what, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each([
    ["the same members in any order", { a: 1, b: { c: [1, { e: 2, f: 3 }], d: "x" } }, { b: { d: "x", c: [1, { f: 3, e: 2 }] }, a: 1 }],
    ["the fixture plan and its keys reversed", fixturePlan(), reversedKeys(fixturePlan())],
  ])("gives one text for %s", (_what, one, other) => {
    expect(canonicalJson(other)).toBe(canonicalJson(one));
    expect(JSON.parse(canonicalJson(one))).toEqual(JSON.parse(JSON.stringify(one)));
  });

  it.each([
    ["NaN", Number.NaN, /no JSON form/],
    ["Infinity", { a: Number.POSITIVE_INFINITY }, /no JSON form/],
    ["a PrivateKeyMaterial (its toJSON is not trusted either)", { key: new PrivateKeyMaterial("MIIEvQ") }, /PrivateKeyMaterial is not plain JSON/],
    ["a Date", { at: new Date(0) }, /Date is not plain JSON/],
    ["a Buffer", { bytes: Buffer.from("x") }, /Buffer is not plain JSON/],
    ["undefined in an array", [1, undefined], /array holds undefined/],
    ["a function", { f: () => 1 }, /function is not plain JSON/],
    ["a bigint", { n: 1n }, /bigint is not plain JSON/],
  ])("refuses %s", (_what, value, error) => {
    expect(() => canonicalJson(value)).toThrow(error);
  });
});

describe("a plan's id", () => {
  const plan = fixturePlan();
  const id = planId(plan);

  it("is the hex SHA-256 of the plan's canonical JSON", () => {
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).toBe(createHash("sha256").update(canonicalJson(plan)).digest("hex"));
  });

  it("is the same whatever order the plan's keys were built in, and without any id it claims", () => {
    expect(planId(reversedKeys(plan))).toBe(id);
    expect(planId({ ...plan, id: "0".repeat(64) } as CampaignPlan)).toBe(id);
    expect(sealPlan(reversedKeys(plan)).bytes.equals(sealPlan(plan).bytes)).toBe(true);
  });

  it("is reproducible: the same targets given in another order plan to the same id", () => {
    const again = fixturePlan();
    expect(planId(again)).toBe(id);
  });

  it.each<[string, (plan: CampaignPlan) => CampaignPlan]>([
    ["the command", (p) => ({ ...p, command: "enable" })],
    ["a target's selector", (p) => ({ ...p, targets: p.targets.map((t, i) => (i === 0 ? { ...t, selector: "m01-pro-20261201-2" } : t)) })],
    ["a target's wave", (p) => ({ ...p, targets: p.targets.map((t, i) => (i === 0 && t.state === "ready" ? { ...t, wave: 2 } : t)) })],
    ["the order of the targets", (p) => ({ ...p, targets: [...p.targets].reverse() })],
    ["who planned it", (p) => ({ ...p, plannedBy: "arn:aws:sts::123456789012:assumed-role/MailOps/suzuki" })],
    ["when it expires", (p) => ({ ...p, expiresAt: "2026-12-07T01:00:00.001Z" })],
    ["the change window", (p) => ({ ...p, changeWindow: undefined })],
    ["maxErrors", (p) => ({ ...p, waves: { ...p.waves, maxErrors: 1 } })],
  ])("changes with %s", (_what, change) => {
    expect(planId(change(plan))).not.toBe(id);
  });
});

describe("sealing and opening a plan", () => {
  const plan = fixturePlan();
  const sealed = sealPlan(plan);
  const text = sealed.bytes.toString("utf8");

  it("opens what it sealed: the same plan and id", () => {
    expect(openPlan(sealed.bytes)).toEqual({ ok: true, plan, id: sealed.id });
    expect(openPlan(text, sealed.id)).toEqual({ ok: true, plan, id: sealed.id });
    expect(openPlan(text, sealed.id.toUpperCase())).toMatchObject({ ok: true });
    expect(JSON.parse(text).id).toBe(sealed.id);
  });

  it("refuses to seal a plan the code built out of shape, naming the field", () => {
    expect(() => sealPlan({ ...plan, plannedBy: "tanaka" })).toThrow(/plannedBy/);
    expect(() => sealPlan({ ...plan, targets: [{ ...plan.targets[0]!, publicKeyFingerprint: testKey().pem }] })).toThrow(/publicKeyFingerprint/);
  });

  it("refuses every change of a single byte, whichever byte", () => {
    const opened = [...text].map((char, index) => {
      const changed = `${text.slice(0, index)}${char === "a" ? "b" : "a"}${text.slice(index + 1)}`;
      return openPlan(changed);
    });
    expect(opened.filter((result) => result.ok)).toEqual([]);
    // A change to the word "version" leaves no version: not a plan. Every other is not JSON or fails the hash.
    const codes = new Set(opened.map((result) => (result.ok ? "ok" : result.code)));
    expect([...codes].sort()).toEqual(["notAPlan", "notJson", "tampered"]);
    // Inside strings, keys and the id the change keeps the JSON valid: it is found by the hash.
    expect(opened.filter((result) => !result.ok && result.code === "tampered").length).toBeGreaterThan(text.length * 0.7);
  });

  const resealed = (change: (document: Record<string, unknown>) => void) => {
    const document = JSON.parse(text) as Record<string, unknown>;
    change(document);
    const { id: _old, ...content } = document;
    return canonicalJson({ ...content, id: createHash("sha256").update(canonicalJson(content)).digest("hex") });
  };

  it.each<[string, string, string, Record<string, unknown>?]>([
    ["a space between two members", "tampered", text.replace(",", ", ")],
    ["the plan pretty-printed", "tampered", JSON.stringify(JSON.parse(text), null, 2)],
    ["a trailing newline", "tampered", `${text}\n`],
    ["a selector changed, the id left", "tampered", text.replaceAll("m01-pro-20261201-1", "m01-pro-20261201-9"), { id: sealed.id }],
    ["the id changed, the plan left", "tampered", text.replace(sealed.id, "f".repeat(64)), { id: "f".repeat(64) }],
    ["a number too large for JSON", "tampered", text.replace('"maxErrors":0', '"maxErrors":1e999')],
    ["version 2", "unknownVersion", text.replace('"version":1', '"version":2'), { version: "2", supported: 1 }],
    ['version "1" as text', "unknownVersion", text.replace('"version":1', '"version":"1"'), { version: '"1"', supported: 1 }],
    ["no version at all", "notAPlan", text.replace('"version":1,', ""), { field: "version" }],
    ["no id", "notAPlan", text.replace(`,"id":"${sealed.id}"`, ""), { field: "id" }],
    ["an id that is not a SHA-256", "notAPlan", text.replace(sealed.id, "abc"), { field: "id" }],
    ["empty text", "notJson", ""],
    ["a YAML plan", "notJson", "version: 1\ncommand: rotate\n"],
    ["a JSON list", "notAPlan", "[]"],
    ["JSON null", "notAPlan", "null"],
    ["a private key", "privateKey", testKey().pem],
    ["a plan carrying a private key", "privateKey", text.replace('"command"', `"note":${JSON.stringify(testKey().pem)},"command"`)],
    ["a field no plan has, sealed anew", "notAPlan", resealed((d) => Object.assign(d, { note: "hi" })), { field: "note" }],
    [
      "a private key's base64 as a DNS record's p=, sealed anew",
      "notAPlan",
      resealed((d) => {
        const der = testKey()
          .pem.split("\n")
          .filter((line) => line.length > 0 && !line.startsWith("-----"))
          .join("");
        (d["dnsRecords"] as { records: { value: string }[] }[])[0]!.records[0]!.value = `v=DKIM1; k=rsa; p=${der}`;
      }),
      { field: "dnsRecords[0].records[0].value" },
    ],
    [
      "a target's account not 12 digits, sealed anew",
      "notAPlan",
      resealed((d) => {
        (d["targets"] as { account: string }[])[0]!.account = "1234";
      }),
      { field: "targets[0].account" },
    ],
    [
      "a fingerprint holding a private key, sealed anew",
      "notAPlan",
      resealed((d) => {
        (d["targets"] as { publicKeyFingerprint: string }[])[1]!.publicKeyFingerprint = `SHA256:${testKey().canaries[0]}`;
      }),
      { field: "targets[1].publicKeyFingerprint" },
    ],
  ])("refuses %s as %s", (_what, code, changed, params) => {
    const opened = openPlan(changed);
    expect(opened).toMatchObject({ ok: false, code });
    if (!opened.ok && params !== undefined) expect(opened.problem.params).toEqual(params);
    expect(JSON.stringify(opened)).not.toContain("PRIVATE KEY");
    expect(testKey().canaries.filter((canary) => JSON.stringify(opened).includes(canary))).toEqual([]);
  });

  it("opens bytes of invalid UTF-8 as not JSON, without a throw", () => {
    expect(openPlan(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toMatchObject({ ok: false, code: "notJson" });
  });

  it("refuses another plan than the one asked for, even one sealed properly", () => {
    const other = sealPlan({ ...plan, command: "enable" });
    expect(openPlan(other.bytes, sealed.id)).toMatchObject({
      ok: false,
      code: "otherPlan",
      problem: { key: "campaign.plan.otherPlan", params: { expected: sealed.id, id: other.id } },
    });
  });
});

describe("a plan's expiry", () => {
  const plan = fixturePlan();
  const at = (iso: string) => new Date(iso);

  it("is createdAt plus ttlHours, decimal hours allowed", () => {
    expect(plan.createdAt).toBe("2026-12-04T01:00:00.000Z");
    expect(plan.expiresAt).toBe("2026-12-07T01:00:00.000Z");
    expect(planExpiry(NOW, 0.5)).toBe("2026-12-04T01:30:00.000Z");
    expect(planExpiry(NOW, 1 / 60)).toBe("2026-12-04T01:01:00.000Z");
  });

  it.each([
    ["when planned", "2026-12-04T01:00:00.000Z", false],
    ["before it was planned (a clock behind)", "2026-12-03T23:00:00.000Z", false],
    ["a millisecond before it expires", "2026-12-07T00:59:59.999Z", false],
    ["at the very millisecond it expires", "2026-12-07T01:00:00.000Z", true],
    ["a millisecond after", "2026-12-07T01:00:00.001Z", true],
    ["a month after", "2027-01-07T01:00:00.000Z", true],
  ])("%s: expired %s", (_when, now, expired) => {
    expect(isExpired(plan, at(now))).toBe(expired);
    expect(planExpiredProblem(plan, "abcd", at(now))).toEqual(
      expired
        ? {
            problem: { key: "campaign.plan.expired", params: { id: "abcd", expiresAt: "2026-12-07T01:00:00.000Z" } },
            hint: { key: "campaign.plan.expired.hint" },
          }
        : null,
    );
  });
});

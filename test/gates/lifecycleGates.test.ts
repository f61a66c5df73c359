import { describe, expect, it } from "vitest";
import type { KeyObjectFacts } from "../../src/aws/types.js";
import { nextSelectorFor, parseDatedSelector } from "../../src/config/names.js";
import { checkHandoffNames, checkNewKeyObject, chooseNewSelector } from "../../src/gates/keygenGates.js";
import { checkNotSigning, checkRetireGrace, type GraceFacts } from "../../src/gates/retireGates.js";
import { checkCurrentSelector, checkRotation, checkRotationState, type RotationFacts, rotationSource } from "../../src/gates/rotationGates.js";
import type { GateResult } from "../../src/gates/types.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { msg } from "../../src/messages/msg.js";
import { failedFetch, fetched, sesIdentity } from "./facts.js";

const en = createTranslator("en");
const OLD = "gooid-21-pro-20261025-1";
const NEW = "gooid-21-pro-20261125-1";
const byodkim = (selector = OLD) => sesIdentity({ dkim: { origin: "EXTERNAL", tokens: [selector], signingHostedZone: undefined } });

describe("which selector a rotation moves away from", () => {
  it.each([
    ["normally the one SES signs with", OLD, OLD, null, NEW, OLD],
    ["SES's, whatever the record says", OLD, "gooid-21-pro-20260901-1", null, NEW, OLD],
    ["without a target, SES's", OLD, OLD, null, undefined, OLD],
    ["the recorded one when SES already signs with the target (the record is stale)", NEW, OLD, null, NEW, OLD],
    ["the recorded previous one when SES and the record both say the target", NEW, NEW, OLD, NEW, OLD],
    ["none when SES, the record and nothing before say the target", NEW, NEW, null, NEW, null],
    ["none from Easy DKIM", null, null, null, NEW, null],
  ] as const)("%s", (_what, ses, recorded, previous, target, expected) => {
    expect(rotationSource(ses, recorded, previous, target)).toBe(expected);
  });
});

describe("rotation gate", () => {
  const facts = (overrides: Partial<RotationFacts> = {}): RotationFacts => ({
    identity: byodkim(),
    from: OLD,
    target: NEW,
    targetFingerprint: "SHA256:new",
    fromFingerprint: "SHA256:old",
    alreadyRotated: false,
    ...overrides,
  });

  it.each([
    ["refuses when SES could not be read", facts({ identity: undefined }), "fail", "gate.rotation.sesUnknown"],
    ["refuses to rotate an Easy DKIM identity", facts({ identity: sesIdentity() }), "fail", "gate.rotation.notByodkim"],
    ["refuses to rotate an identity SES does not have", facts({ identity: null }), "fail", "gate.rotation.notByodkim"],
    ["refuses when the current selector is unknown", facts({ from: null }), "fail", "gate.rotation.noSource"],
    ["refuses without a target selector", facts({ target: undefined }), "fail", "gate.rotation.noSource"],
    ["refuses to rotate to the selector SES already signs with", facts({ target: OLD }), "fail", "gate.rotation.sameSelector"],
    ["refuses the same key under a new name", facts({ targetFingerprint: "SHA256:old" }), "fail", "gate.rotation.sameKey"],
    ["passes for another selector with another key", facts(), "pass", "gate.rotation.pass"],
    ["passes when the old key could not be read (the current gate says why)", facts({ fromFingerprint: undefined }), "pass", "gate.rotation.pass"],
    [
      "says it is already rotated when SES and the record say the target",
      facts({ identity: byodkim(NEW), alreadyRotated: true }),
      "pass",
      "gate.rotation.already",
    ],
  ] as const)("%s", (_what, given, status, key) => {
    const result = checkRotation(given);
    expect(result.status).toBe(status);
    expect(result.detail.key).toBe(key);
  });

  it("names enable as the command for an Easy DKIM identity", () => {
    const result = checkRotation(facts({ identity: sesIdentity() }));
    expect(result.detail.params).toEqual({ origin: "AWS_SES" });
    expect(result.lines?.map((line) => line.key)).toEqual(["gate.rotation.notByodkim.hint"]);
    expect(en(result.lines![0]!)).toContain("byodkim enable");
  });

  it("says which two selectors hold the same key, and to generate a new one", () => {
    const result = checkRotation(facts({ targetFingerprint: "SHA256:old" }));
    expect(result.detail.params).toEqual({ from: OLD, to: NEW, fingerprint: "SHA256:old" });
    expect(en(result.lines![0]!)).toContain("byodkim keygen");
  });

  it("carries both selectors and fingerprints for --json", () => {
    expect(checkRotation(facts()).data).toEqual({ from: OLD, to: NEW, fromFingerprint: "SHA256:old", toFingerprint: "SHA256:new" });
  });
});

describe("current selector gate", () => {
  const key = (status: GateResult["status"]): GateResult => ({ id: "key", status, detail: msg("gate.key.retireGone", { location: "s3://keys/x" }) });
  const dns = (status: GateResult["status"], servers: string[] = ["ns1", "ns2"]): GateResult => ({
    id: "dns",
    status,
    detail: msg("gate.current.unknown"),
    lines: [msg("gate.current.unknown")],
    data: { servers },
  });

  it.each([
    ["fails when the current selector is unknown", null, key("pass"), dns("pass"), "fail", "gate.current.unknown"],
    ["fails when the key gate was not run", OLD, undefined, dns("pass"), "fail", "gate.current.unknown"],
    ["fails when the current key is missing in S3", OLD, key("fail"), dns("pass"), "fail", "gate.current.noKey"],
    ["fails when one nameserver no longer serves the current record", OLD, key("pass"), dns("fail"), "fail", "gate.current.dnsGone"],
    ["passes when the key is there and every nameserver serves the record", OLD, key("pass"), dns("pass"), "pass", "gate.current.pass"],
    ["passes a DNS warning through as a warning", OLD, key("pass"), dns("warn"), "warn", "gate.current.pass"],
  ] as const)("%s", (_what, from, keyGate, dnsGate, status, detail) => {
    const result = checkCurrentSelector(from, keyGate, dnsGate);
    expect(result).toMatchObject({ id: "current", status, detail: { key: detail } });
  });

  it("says the current record must be published again and kept through the grace period", () => {
    const result = checkCurrentSelector(OLD, key("pass"), dns("fail", ["ns1"]));
    expect(result.detail.params).toEqual({ selector: OLD });
    expect(result.lines?.at(-1)?.key).toBe("gate.current.dnsGone.hint");
    expect(result.data).toEqual({ selector: OLD, key: "pass", dns: "fail", servers: ["ns1"] });
  });

  it("shows why the key is unusable under the verdict", () => {
    const result = checkCurrentSelector(OLD, key("fail"), dns("pass"));
    expect(result.lines?.[0]?.key).toBe("gate.key.retireGone");
  });
});

describe("state gate for a rotation", () => {
  const passing: GateResult = { id: "state", status: "pass", detail: msg("gate.state.phase6", { secretId: "s" }), data: { versionId: "v1" } };

  it.each([
    ["refuses at Phase-6: enable comes first", { current_phase: "6" }, "fail", "gate.state.rotationNeedsPhase7"],
    ["refuses without current_phase", { other: 1 }, "fail", "gate.state.rotationNeedsPhase7"],
    ["passes at Phase-7", { current_phase: "7", phase_7_completed_at: "2026-10-25T00:00:00Z" }, "pass", "gate.state.rotationReady"],
    ["passes at Phase-7 given as a number", { current_phase: 7 }, "pass", "gate.state.rotationReady"],
    ["refuses a secret that is not JSON", undefined, "fail", "gate.state.notJson"],
  ] as const)("%s", (_what, state, status, key) => {
    const result = checkRotationState("s", state as Record<string, unknown> | undefined, passing);
    expect(result.status).toBe(status);
    expect(result.detail.key).toBe(key);
  });

  it("names enable at Phase-6", () => {
    const result = checkRotationState("s", { current_phase: "6" }, passing);
    expect(result.detail.params).toEqual({ phase: "6" });
    expect(result.lines?.map((line) => line.key)).toEqual(["gate.rotation.notByodkim.hint"]);
  });

  it.each([
    ["the last rotation", { current_phase: "7", rotated_at: "2026-11-01T00:00:00Z", phase_7_completed_at: "2026-10-01T00:00:00Z" }, "2026-11-01T00:00:00Z"],
    ["Phase-7 when never rotated", { current_phase: "7", phase_7_completed_at: "2026-10-01T00:00:00Z" }, "2026-10-01T00:00:00Z"],
    ["? when neither is recorded", { current_phase: "7" }, "?"],
  ])("dates the signing key's last change from %s", (_what, state, since) => {
    expect(checkRotationState("s", state, passing).detail.params).toEqual({ since });
  });

  it("passes the state gate's own failure through", () => {
    const failing: GateResult = { id: "state", status: "fail", detail: msg("gate.state.missing", { secretId: "s" }) };
    expect(checkRotationState("s", { current_phase: "7" }, failing)).toBe(failing);
  });
});

describe("selector for a new key", () => {
  const listing = { prefix: "dkim/goo.ne.jp/", suffix: ".pem" };
  const today = new Date("2026-11-25T10:00:00Z");
  const objects = (...selectors: string[]) => fetched(selectors.map((selector) => `dkim/goo.ne.jp/${selector}.pem`));
  const choose = (objectKeys = objects(), requested?: string, known: Record<string, string> = {}) =>
    chooseNewSelector({ requested, selectorPrefix: "gooid-21-pro", listing, objectKeys, known, today });

  it.each([
    ["-1 on a new day", objects("gooid-21-pro-20261025-1", "gooid-21-pro-20261124-3"), "gooid-21-pro-20261125-1"],
    ["-1 in an empty bucket", objects(), "gooid-21-pro-20261125-1"],
    ["-2 after today's -1", objects("gooid-21-pro-20261125-1"), "gooid-21-pro-20261125-2"],
    ["-10 after -9", objects("gooid-21-pro-20261125-8", "gooid-21-pro-20261125-9"), "gooid-21-pro-20261125-10"],
    ["one above the highest, not the count", objects("gooid-21-pro-20261125-2", "gooid-21-pro-20261125-7"), "gooid-21-pro-20261125-8"],
    [
      "other dates' higher numbers ignored",
      objects("gooid-21-pro-20261124-12", "gooid-21-pro-20261125-3", "gooid-21-pro-20261126-40"),
      "gooid-21-pro-20261125-4",
    ],
    ["other prefixes and odd names ignored", objects("other-20261125-5", "gooid-21-pro-20261125-x", "gooid-21-pro-latest"), "gooid-21-pro-20261125-1"],
  ])("takes the next free selector: %s", (_what, listed, selector) => {
    const chosen = choose(listed);
    expect(chosen.selector).toBe(selector);
    expect(chosen.gate).toMatchObject({ id: "selector", status: "pass", detail: { key: "gate.selector.nextFree" }, data: { selector, source: "next" } });
  });

  it("never reuses a name the key history knows, even when its object was deleted, and says the history knows it, not that it is in S3", () => {
    const retired = { "gooid-21-pro-20261125-1": "retired" };
    expect(choose(objects(), undefined, retired).selector).toBe("gooid-21-pro-20261125-2");
    expect(choose(objects(), "gooid-21-pro-20261125-1", retired).gate).toMatchObject({
      status: "fail",
      detail: { key: "gate.selector.inHistory", params: { selector: "gooid-21-pro-20261125-1", status: "retired" } },
      lines: [{ key: "gate.selector.taken.hint" }],
    });
    // Both: the object in S3 is what stops it, and is said.
    expect(choose(objects("gooid-21-pro-20261125-1"), "gooid-21-pro-20261125-1", retired).gate).toMatchObject({ detail: { key: "gate.selector.taken" } });
  });

  it.each([
    ["passes the selector gate on when no hand-off name is taken", "pass", null, "pass", "gate.selector.fromFlag"],
    ["fails when a hand-off file's name is taken in --out", "pass", "/t/s._domainkey.goo.ne.jp.zone", "fail", "gate.selector.handoffTaken"],
    ["keeps the selector's own failure first", "fail", "/t/s._domainkey.goo.ne.jp.zone", "fail", "gate.selector.taken"],
  ] as const)("hand-off names: %s", (_what, before, taken, status, key) => {
    const gate: GateResult =
      before === "pass" ? choose(objects(), "gooid-21-pro-20261125-7").gate : choose(objects("gooid-21-pro-20261125-7"), "gooid-21-pro-20261125-7").gate;
    expect(checkHandoffNames(gate, taken)).toMatchObject({ id: "selector", status, detail: { key } });
  });

  it("takes a free --selector as given", () => {
    const chosen = choose(objects("gooid-21-pro-20261125-1"), "gooid-21-pro-20261125-7");
    expect(chosen.selector).toBe("gooid-21-pro-20261125-7");
    expect(chosen.gate).toMatchObject({ status: "pass", detail: { key: "gate.selector.fromFlag" }, data: { source: "flag" } });
  });

  it("refuses a --selector whose key is already in S3: keygen never overwrites", () => {
    const chosen = choose(objects("gooid-21-pro-20261125-1"), "gooid-21-pro-20261125-1");
    expect(chosen.selector).toBeUndefined();
    expect(chosen.gate).toMatchObject({ status: "fail", detail: { key: "gate.selector.taken" }, lines: [{ key: "gate.selector.taken.hint" }] });
  });

  it.each(["bad_selector", "-starts-with-hyphen", "", "a".repeat(64)])("refuses --selector %j that SES would reject", (requested) => {
    const chosen = choose(objects(), requested);
    expect(chosen.selector).toBeUndefined();
    expect(chosen.gate).toMatchObject({ status: "fail", detail: { key: "gate.selector.invalid" } });
  });

  it("fails with the S3 error when the listing is denied", () => {
    const chosen = choose(failedFetch());
    expect(chosen.selector).toBeUndefined();
    expect(chosen.gate.detail.key).toBe("aws.accessDenied");
  });
});

describe("the next selector's date", () => {
  it.each([
    ["late evening in New York is the next UTC day", "2026-11-25T23:30:00-05:00", "gooid-21-pro-20261126-1"],
    ["early morning in Tokyo is the previous UTC day", "2026-11-26T08:00:00+09:00", "gooid-21-pro-20261125-1"],
    ["midnight UTC is the new day", "2026-11-26T00:00:00Z", "gooid-21-pro-20261126-1"],
  ])("uses the UTC date: %s", (_what, at, selector) => {
    expect(nextSelectorFor("gooid-21-pro", [], new Date(at))).toBe(selector);
  });

  it("counts only the UTC day's selectors", () => {
    const taken = ["gooid-21-pro-20261125-4", "gooid-21-pro-20261126-2"].map((selector) => parseDatedSelector(selector, "gooid-21-pro")!);
    expect(nextSelectorFor("gooid-21-pro", taken, new Date("2026-11-26T08:00:00+09:00"))).toBe("gooid-21-pro-20261125-5");
  });
});

describe("the new key's object", () => {
  const location = "s3://keys/dkim/goo.ne.jp/gooid-21-pro-20261125-1.pem";
  const existing: KeyObjectFacts = { etag: '"e"', serverSideEncryption: "AES256", kmsKeyId: undefined, lastModified: "2026-11-25T09:00:00Z" };
  const check = (found: Parameters<typeof checkNewKeyObject>[0]["existing"]) =>
    checkNewKeyObject({ location, existing: found, bits: 2048, fingerprint: "SHA256:new", encryption: "SSE-S3" });

  it("refuses when an object is already there, and says nothing was written", () => {
    const result = check(fetched(existing));
    expect(result).toMatchObject({ id: "key", status: "fail", detail: { key: "gate.key.exists", params: { location } } });
    expect(en(result.detail)).toContain("nothing was written");
    expect(result.lines?.map((line) => line.key)).toEqual(["gate.key.exists.hint"]);
  });

  it("passes for a free place and says where and how it is stored", () => {
    const result = check(fetched(null));
    expect(result).toMatchObject({ status: "pass", detail: { key: "gate.key.new", params: { bits: 2048, fingerprint: "SHA256:new" } } });
    expect(result.lines).toEqual([msg("gate.key.newLocation", { location, encryption: "SSE-S3" })]);
    expect(result.data).toEqual({ location, bits: 2048, publicKeyFingerprint: "SHA256:new", encryption: "SSE-S3" });
  });

  it("fails with the S3 error when the object cannot be looked at", () => {
    expect(check(failedFetch()).detail.key).toBe("aws.accessDenied");
  });
});

describe("retire: not while SES signs with it", () => {
  it.each([
    ["refuses to retire the selector SES signs with", byodkim(OLD), "fail", "gate.ses.selectorActive"],
    ["passes for a selector SES no longer signs with", byodkim(NEW), "pass", "gate.ses.selectorInactive"],
    ["passes on Easy DKIM, whatever its tokens", sesIdentity({ dkim: { tokens: [OLD] } }), "pass", "gate.ses.selectorInactive"],
  ] as const)("%s", (_what, identity, status, key) => {
    const result = checkNotSigning(identity, OLD);
    expect(result.status).toBe(status);
    expect(result.detail.key).toBe(key);
  });

  it("says to rotate first", () => {
    expect(checkNotSigning(byodkim(OLD), OLD).lines?.map((line) => line.key)).toEqual(["gate.ses.selectorActive.hint"]);
  });

  it("shows what SES signs with instead", () => {
    expect(checkNotSigning(byodkim(NEW), OLD).detail.params).toEqual({ selector: OLD, origin: "EXTERNAL", tokens: NEW });
  });
});

describe("retire: the grace period", () => {
  const stopped = "2026-11-25T10:00:00.000Z";
  const facts = (overrides: Partial<GraceFacts> = {}): GraceFacts => ({
    selector: OLD,
    entry: { status: "retiring", retiring_since: stopped },
    stoppedAt: stopped,
    now: new Date("2026-11-28T10:00:00Z"),
    graceDays: 7,
    ...overrides,
  });

  it.each([
    ["refuses inside the grace period", facts(), "fail", "gate.grace.tooSoon"],
    ["refuses a millisecond before it ends", facts({ now: new Date("2026-12-02T09:59:59.999Z") }), "fail", "gate.grace.tooSoon"],
    ["passes the moment it ends", facts({ now: new Date("2026-12-02T10:00:00.000Z") }), "pass", "gate.grace.over"],
    ["passes after it", facts({ now: new Date("2026-12-10T00:00:00Z") }), "pass", "gate.grace.over"],
    ["passes at once with graceDays 0", facts({ graceDays: 0, now: new Date(stopped) }), "pass", "gate.grace.over"],
    [
      "passes from the last rotation's record when the history has no entry",
      facts({ entry: undefined, now: new Date("2026-12-10T00:00:00Z") }),
      "pass",
      "gate.grace.over",
    ],
    ["passes for a key keygen made that never signed", facts({ entry: { status: "created" }, stoppedAt: undefined }), "pass", "gate.grace.neverSigned"],
    ["refuses when nothing says when it stopped signing", facts({ entry: undefined, stoppedAt: undefined }), "fail", "gate.grace.unknown"],
    ["refuses an active entry with no stop recorded", facts({ entry: { status: "active" }, stoppedAt: undefined }), "fail", "gate.grace.unknown"],
    ["refuses a stop time that is no date", facts({ stoppedAt: "last tuesday" }), "fail", "gate.grace.unknown"],
    [
      "passes a selector already retired",
      facts({ entry: { status: "retired", retired_at: "2026-12-03T00:00:00Z" }, stoppedAt: undefined }),
      "pass",
      "gate.grace.alreadyRetired",
    ],
  ] as const)("%s", (_what, given, status, key) => {
    const result = checkRetireGrace(given);
    expect(result.status).toBe(status);
    expect(result.detail.key).toBe(key);
  });

  it("says the date the grace period ends", () => {
    const result = checkRetireGrace(facts());
    expect(result.detail.params).toEqual({ selector: OLD, since: stopped, until: "2026-12-02T10:00:00.000Z", days: 7 });
    expect(result.data?.["until"]).toBe("2026-12-02T10:00:00.000Z");
    expect(en(result.detail)).toContain("2026-12-02T10:00:00.000Z");
  });

  it("says how to retire when nothing is recorded", () => {
    expect(checkRetireGrace(facts({ entry: undefined, stoppedAt: undefined })).lines?.map((line) => line.key)).toEqual(["gate.grace.unknown.hint"]);
  });
});

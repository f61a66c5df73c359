import { describe, expect, it } from "vitest";
import {
  type CallIntent,
  classifySesChange,
  type DkimSnapshot,
  planCalls,
  readSnapshot,
  settingsOf,
  snapshotDkim,
} from "../../src/engine/change/dkimSettings.js";
import { sesIdentity } from "../gates/facts.js";

const now = new Date("2025-09-17T02:00:00Z");
const SELECTOR = "gooid-21-pro-20250917-3";

const easy = (signingEnabled = true): DkimSnapshot => ({
  origin: "AWS_SES",
  tokens: ["tok1", "tok2", "tok3"],
  signingEnabled,
  status: "SUCCESS",
  signingHostedZone: "dkim.amazonses.com",
  keyLength: "RSA_2048_BIT",
  takenAt: now.toISOString(),
});
const external = (selector = SELECTOR, signingEnabled = true, status = "SUCCESS"): DkimSnapshot => ({
  ...easy(signingEnabled),
  origin: "EXTERNAL",
  tokens: [selector],
  status,
  signingHostedZone: null,
});

const ENABLE: CallIntent[] = [
  { kind: "signWithExternalKey", selector: SELECTOR },
  { kind: "setSigning", enabled: true },
];
const BACK_TO_EASY: CallIntent[] = [{ kind: "signWithEasyDkim" }, { kind: "setSigning", enabled: true }];

describe("which calls a change still needs", () => {
  it.each([
    ["Easy DKIM with signing on: only the key changes", easy(), ENABLE, [true, false]],
    ["Easy DKIM with signing off: both", easy(false), ENABLE, [true, true]],
    ["the selector already EXTERNAL, signing off (a Step-23 failure): only signing", external(SELECTOR, false), ENABLE, [false, true]],
    ["already there: none", external(), ENABLE, [false, false]],
    ["EXTERNAL with another selector: the key", external("gooid-21-pro-20250801-1"), ENABLE, [true, false]],
    ["the selector EXTERNAL but FAILED: the key again, SES may hold another one", external(SELECTOR, true, "FAILED"), ENABLE, [true, false]],
    ["rollback to Easy DKIM from BYODKIM", external(), BACK_TO_EASY, [true, false]],
    ["rollback to Easy DKIM when SES is Easy DKIM already", easy(), BACK_TO_EASY, [false, false]],
    [
      "the selector stalled in TEMPORARY_FAILURE: the key again (the gate judges whether it has lasted)",
      external(SELECTOR, true, "TEMPORARY_FAILURE"),
      ENABLE,
      [true, false],
    ],
    ["rollback to Easy DKIM when SES's Easy DKIM FAILED: put again, which restarts it", { ...easy(), status: "FAILED" }, BACK_TO_EASY, [true, false]],
    ["rollback to Easy DKIM while SES's Easy DKIM is PENDING: nothing, SES is still looking", { ...easy(), status: "PENDING" }, BACK_TO_EASY, [false, false]],
    ["a regional Easy DKIM origin counts as Easy DKIM", { ...easy(), origin: "AWS_SES_AF_SOUTH_1" }, BACK_TO_EASY, [false, false]],
    ["signing off when it is on", external(), [{ kind: "setSigning", enabled: false }] as CallIntent[], [true]],
    ["signing off when it is off", external(SELECTOR, false), [{ kind: "setSigning", enabled: false }] as CallIntent[], [false]],
  ])("%s", (_what, current, intents, needed) => {
    const { calls } = planCalls(current, intents);
    expect(calls.map((call) => call.needed)).toEqual(needed);
  });

  it("names each call by the SES operation it makes and says where SES ends up", () => {
    const { calls, target } = planCalls(easy(), ENABLE);
    expect(calls.map((call) => call.name)).toEqual(["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimAttributes"]);
    expect(target).toEqual({ origin: "EXTERNAL", selector: SELECTOR, signingEnabled: true });
  });
});

describe("where SES stands after a failed call", () => {
  const target = settingsOf(external());
  it.each([
    ["exactly as before", easy(), easy(), "none"],
    ["the key changed, signing not yet", easy(false), external(SELECTOR, false), "partial"],
    ["at the target although a call failed", easy(), external(), "target"],
    ["new Easy DKIM tokens although the settings read the same", easy(), { ...easy(), tokens: ["new1", "new2", "new3"] }, "partial"],
    ["unreadable", easy(), null, "unknown"],
  ])("%s", (_what, before, now, expected) => {
    expect(classifySesChange(before, now, target)).toBe(expected);
  });
});

describe("snapshots", () => {
  it("of an identity without DKIM attributes", () => {
    expect(snapshotDkim({ ...sesIdentity(), dkim: undefined }, now)).toMatchObject({ origin: null, tokens: [], signingEnabled: false });
  });

  it.each([
    ["a stored snapshot", { ...easy(), runId: "abc" }, true],
    ["no origin", { tokens: [], signingEnabled: true }, false],
    ["not an object", "AWS_SES", false],
    ["null", null, false],
  ])("reads %s back (or refuses it)", (_what, stored, readable) => {
    expect(readSnapshot(stored) !== null).toBe(readable);
  });
});

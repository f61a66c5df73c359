import { describe, expect, it } from "vitest";
import { afterSwitch, KEY_HISTORY_FIELD, type KeyHistory, readKeyHistory, stoppedSigningAt, withCreatedKey, withRetired } from "../../src/state/keyHistory.js";

const OLD = "gooid-21-pro-20261025-1";
const NEW = "gooid-21-pro-20261125-1";
const at = new Date("2026-11-25T10:00:00.000Z");
const later = new Date("2026-12-05T09:30:00.000Z");

describe("a new key in the history", () => {
  it("is created with the facts keygen knows and nothing undefined", () => {
    const history = withCreatedKey({}, NEW, at, { bits: 2048, fingerprint: "SHA256:abc", location: undefined });
    expect(history).toEqual({ [NEW]: { status: "created", created_at: at.toISOString(), bits: 2048, fingerprint: "SHA256:abc" } });
    expect(Object.keys(history[NEW]!)).not.toContain("location");
  });

  it("keeps the other selectors' entries", () => {
    const before: KeyHistory = { [OLD]: { status: "active", active_since: "2026-10-25T00:00:00.000Z" } };
    expect(withCreatedKey(before, NEW, at, {})[OLD]).toEqual(before[OLD]);
  });
});

describe("a switch of the signing selector", () => {
  it.each([
    ["a rotation after the default 7 days", 7, "2026-12-02T10:00:00.000Z"],
    ["a grace period of 0 days", 0, "2026-11-25T10:00:00.000Z"],
    ["a grace period of 30 days", 30, "2026-12-25T10:00:00.000Z"],
  ])("%s marks the new key active and the old one retiring until at + graceDays", (_what, graceDays, retireAfter) => {
    const before = withCreatedKey({ [OLD]: { status: "active", active_since: "2026-10-25T00:00:00.000Z", bits: 2048 } }, NEW, at, { bits: 2048 });
    const history = afterSwitch(before, { from: OLD, to: NEW, at, graceDays, key: { fingerprint: "SHA256:new" } });
    expect(history[NEW]).toEqual({
      status: "active",
      created_at: at.toISOString(),
      bits: 2048,
      fingerprint: "SHA256:new",
      active_since: at.toISOString(),
    });
    expect(history[OLD]).toEqual({
      status: "retiring",
      active_since: "2026-10-25T00:00:00.000Z",
      bits: 2048,
      retiring_since: at.toISOString(),
      retire_after: retireAfter,
    });
  });

  it("records keys the history never saw (the first rotation after enable)", () => {
    const history = afterSwitch({}, { from: OLD, to: NEW, at, graceDays: 7 });
    expect(history[NEW]).toEqual({ status: "active", active_since: at.toISOString() });
    expect(history[OLD]).toMatchObject({ status: "retiring", retiring_since: at.toISOString() });
  });

  it("a rollback back to the old selector drops the restored key's retiring fields and starts the other's grace", () => {
    const rotated = afterSwitch({}, { from: OLD, to: NEW, at, graceDays: 7 });
    const back = afterSwitch(rotated, { from: NEW, to: OLD, at: later, graceDays: 7 });
    expect(back[OLD]).toEqual({ status: "active", active_since: later.toISOString() });
    expect(back[OLD]).not.toHaveProperty("retiring_since");
    expect(back[OLD]).not.toHaveProperty("retire_after");
    expect(back[NEW]).toEqual({
      status: "retiring",
      active_since: at.toISOString(),
      retiring_since: later.toISOString(),
      retire_after: "2026-12-12T09:30:00.000Z",
    });
  });

  it.each([
    ["from nothing (Easy DKIM before)", null],
    ["from the same selector", NEW],
  ])("starts no grace period %s", (_what, from) => {
    const history = afterSwitch({}, { from, to: NEW, at, graceDays: 7 });
    expect(Object.keys(history)).toEqual([NEW]);
    expect(history[NEW]).toEqual({ status: "active", active_since: at.toISOString() });
  });
});

describe("a rollback back to Easy DKIM", () => {
  it("starts the grace period of the key SES signed with, and makes no key active", () => {
    const at = new Date("2026-12-01T00:00:00.000Z");
    const history = afterSwitch({ "sel-2": { status: "active", active_since: "2026-11-01T00:00:00.000Z" } }, { from: "sel-2", to: null, at, graceDays: 7 });
    expect(history).toEqual({
      "sel-2": { status: "retiring", active_since: "2026-11-01T00:00:00.000Z", retiring_since: at.toISOString(), retire_after: "2026-12-08T00:00:00.000Z" },
    });
  });
});

describe("retiring a key in the history", () => {
  const retiring: KeyHistory = { [OLD]: { status: "retiring", retiring_since: at.toISOString(), retire_after: "2026-12-02T10:00:00.000Z" } };

  it.each([
    ["retired, key kept", retiring, false, { status: "retired", retired_at: later.toISOString() }],
    ["retired and deleted", retiring, true, { status: "retired", retired_at: later.toISOString(), deleted_at: later.toISOString() }],
    [
      "deleted after an earlier retire: the first retired_at stays",
      { [OLD]: { status: "retired", retired_at: "2026-12-03T00:00:00.000Z" } } as KeyHistory,
      true,
      { status: "retired", retired_at: "2026-12-03T00:00:00.000Z", deleted_at: later.toISOString() },
    ],
    [
      "retired again without deleting: nothing new is stamped",
      { [OLD]: { status: "retired", retired_at: "2026-12-03T00:00:00.000Z" } } as KeyHistory,
      false,
      { status: "retired", retired_at: "2026-12-03T00:00:00.000Z" },
    ],
    ["a selector the history never saw", {} as KeyHistory, false, { status: "retired", retired_at: later.toISOString() }],
  ] as const)("%s", (_what, before, deleted, expected) => {
    const entry = withRetired(before, OLD, later, deleted)[OLD];
    expect(entry).toMatchObject(expected);
    if (!deleted) expect(entry).not.toHaveProperty("deleted_at");
  });
});

describe("reading the key history from the state secret", () => {
  it.each([
    ["no state", undefined, {}],
    ["no history field", { current_phase: "7" }, {}],
    ["a history that is a list", { [KEY_HISTORY_FIELD]: [{ status: "active" }] }, {}],
    ["a history that is a string", { [KEY_HISTORY_FIELD]: "active" }, {}],
    ["a history that is null", { [KEY_HISTORY_FIELD]: null }, {}],
    [
      "malformed entries are left out, good ones kept",
      {
        [KEY_HISTORY_FIELD]: {
          [OLD]: { status: "retiring", retiring_since: at.toISOString() },
          [NEW]: { status: "active" },
          "gooid-21-pro-20260101-1": { status: "lost" },
          "gooid-21-pro-20260101-2": "active",
          "gooid-21-pro-20260101-3": null,
          "gooid-21-pro-20260101-4": { bits: 2048 },
        },
      },
      { [OLD]: { status: "retiring", retiring_since: at.toISOString() }, [NEW]: { status: "active" } },
    ],
  ] as const)("%s", (_what, state, expected) => {
    expect(readKeyHistory(state as Record<string, unknown> | undefined)).toEqual(expected);
  });
});

describe("when SES stopped signing with a selector", () => {
  it.each([
    [
      "the history's retiring_since comes first",
      {
        [KEY_HISTORY_FIELD]: { [OLD]: { status: "retiring", retiring_since: "2026-11-20T00:00:00.000Z" } },
        previous_selector: OLD,
        rotated_at: at.toISOString(),
      },
      "2026-11-20T00:00:00.000Z",
    ],
    ["else the last rotation's previous_selector and rotated_at", { previous_selector: OLD, rotated_at: at.toISOString() }, at.toISOString()],
    [
      "the history without retiring_since falls back to the rotation record",
      { [KEY_HISTORY_FIELD]: { [OLD]: { status: "active" } }, previous_selector: OLD, rotated_at: at.toISOString() },
      at.toISOString(),
    ],
    ["not for another previous selector", { previous_selector: "gooid-21-pro-20260901-1", rotated_at: at.toISOString() }, undefined],
    ["not when rotated_at is no string", { previous_selector: OLD, rotated_at: 1764064800000 }, undefined],
    ["not without any record", { current_phase: "7" }, undefined],
    ["not without a state", undefined, undefined],
  ] as const)("%s", (_what, state, expected) => {
    expect(stoppedSigningAt(state as Record<string, unknown> | undefined, OLD)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { type KeyBirthEvidence, keyBirth } from "../../src/status/keyBirth.js";

const NOW = new Date("2026-12-03T12:00:00.000Z");

describe("a key's age: the earliest credible evidence of when the key came to be", () => {
  it.each<[string, KeyBirthEvidence, { at: string; source: string } | undefined]>([
    [
      "enable's active_since does not hide an older selector date",
      { selectorDate: 20251104, activeSince: "2026-12-03T11:00:00.000Z" },
      { at: "2025-11-04T00:00:00.000Z", source: "selector" },
    ],
    [
      "the S3 object's LastModified older than everything else wins",
      { createdAt: "2026-11-01T00:00:00.000Z", selectorDate: 20261101, lastModified: "2025-09-14T08:00:00.000Z" },
      { at: "2025-09-14T08:00:00.000Z", source: "s3" },
    ],
    [
      "the history's created_at older than the selector's date wins",
      { createdAt: "2026-10-01T09:00:00.000Z", selectorDate: 20261020 },
      { at: "2026-10-01T09:00:00.000Z", source: "history" },
    ],
    [
      "a selector dated after the object was written: the object is older",
      { selectorDate: 20261120, lastModified: "2026-11-18T00:00:00.000Z" },
      { at: "2026-11-18T00:00:00.000Z", source: "s3" },
    ],
    ["active_since alone", { activeSince: "2026-11-30T00:00:00.000Z" }, { at: "2026-11-30T00:00:00.000Z", source: "activeSince" }],
    [
      "a tie goes to the history's own word",
      { createdAt: "2026-11-20T00:00:00.000Z", selectorDate: 20261120, lastModified: "2026-11-20T00:00:00.000Z", activeSince: "2026-11-20T00:00:00.000Z" },
      { at: "2026-11-20T00:00:00.000Z", source: "history" },
    ],
    [
      "a selector dated in the future is not evidence",
      { selectorDate: 20270101, activeSince: "2026-12-01T00:00:00.000Z" },
      { at: "2026-12-01T00:00:00.000Z", source: "activeSince" },
    ],
    [
      "a created_at in the future (a skewed clock) is not evidence",
      { createdAt: "2026-12-05T00:00:00.000Z", lastModified: "2026-11-02T00:00:00.000Z" },
      { at: "2026-11-02T00:00:00.000Z", source: "s3" },
    ],
    [
      "a day that does not exist is not evidence",
      { selectorDate: 20251131, lastModified: "2026-01-02T00:00:00.000Z" },
      { at: "2026-01-02T00:00:00.000Z", source: "s3" },
    ],
    [
      "a date before DKIM existed is a broken clock",
      { lastModified: "1970-01-01T00:00:00.000Z", selectorDate: 20260101 },
      { at: "2026-01-01T00:00:00.000Z", source: "selector" },
    ],
    [
      "text that is not an ISO date is not evidence",
      { createdAt: "someday", activeSince: "12/01/2026", selectorDate: 20261002 },
      { at: "2026-10-02T00:00:00.000Z", source: "selector" },
    ],
    ["nothing credible at all", { createdAt: "2099-01-01T00:00:00.000Z", selectorDate: 20991231 }, undefined],
    ["no evidence", {}, undefined],
  ])("%s", (_name, evidence, expected) => {
    expect(keyBirth(evidence, NOW)).toEqual(expected);
  });
});

import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { DmarcReport } from "../../src/dmarc/aggregateReport.js";
import { readReportFolder } from "../../src/dmarc/sources.js";
import { aroundChange, ownSignatureShares, selectorPassingAfter, sinceDays, summarize } from "../../src/dmarc/summary.js";

const INBOX = fileURLToPath(new URL("../fixtures/dmarc/inbox", import.meta.url));
const OLD = "gooid-21-pro-20250917-3";
const NEW = "gooid-21-pro-20251017-1";
const SES = "224i4yxa5dv7c2xz3womw6peuasteono";
/** When the fixtures' rotation ran: between the reports of 10-16 and those of 10-18, inside receiver.example.org's. */
const CHANGE = new Date("2025-10-17T03:00:00Z");

let reports: readonly DmarcReport[];
beforeAll(async () => {
  reports = (await readReportFolder(INBOX)).reports;
});

describe("adding up aggregate reports", () => {
  it("counts messages (the sum of <count>) per selector, per organisation and over the period; the saved copy of a report once", () => {
    const summary = summarize(reports);
    expect(summary).toMatchObject({
      reports: 7,
      duplicates: 1,
      messages: 3663,
      period: { begin: "2025-10-15T00:00:00.000Z", end: "2025-10-19T00:00:00.000Z" },
    });
    expect(summary.selectors).toEqual([
      { domain: "amazonses.com", selector: SES, pass: 3596, fail: 4, temperror: 0 },
      { domain: "amazonses.com", selector: null, pass: 3, fail: 0, temperror: 0 },
      { domain: "goo.ne.jp", selector: NEW, pass: 2320, fail: 0, temperror: 0 },
      { domain: "goo.ne.jp", selector: OLD, pass: 1259, fail: 4, temperror: 30 },
      { domain: "news.goo.ne.jp", selector: "news-1", pass: 50, fail: 0, temperror: 0 },
    ]);
    expect(summary.orgs).toEqual([
      { org: "google.com", reports: 2, messages: 2740 },
      { org: "Outlook.com", reports: 1, messages: 820 },
      { org: "mx.example.net", reports: 2, messages: 90 },
      { org: "receiver.example.org", reports: 1, messages: 10 },
      { org: "Yahoo", reports: 1, messages: 3 },
    ]);
    expect(summary.domains).toEqual([
      { domain: "goo.ne.jp", messages: 3613, dkimAligned: 3579, spfAligned: 0 },
      { domain: "news.goo.ne.jp", messages: 50, dkimAligned: 50, spfAligned: 50 },
    ]);
  });

  it("keeps only the domain's reports with --domain, and only those ending after the day with --since", () => {
    expect(summarize(reports, { domain: "news.goo.ne.jp" })).toMatchObject({ reports: 1, messages: 50, orgs: [{ org: "mx.example.net", messages: 50 }] });
    // Two days before 10-19 13:00 is 10-17 13:00: the reports of 10-18; receiver.example.org's ended at 12:00.
    const recent = summarize(reports, { domain: "GOO.ne.jp", endsAfter: sinceDays(new Date("2025-10-19T13:00:00Z"), 2) });
    expect(recent).toMatchObject({ reports: 3, messages: 2329, period: { begin: "2025-10-18T00:00:00.000Z", end: "2025-10-19T00:00:00.000Z" } });
    expect(summarize(reports, { domain: "example.jp" })).toMatchObject({ reports: 0, messages: 0, period: { begin: null, end: null }, selectors: [] });
  });

  it("shares only the domain's own signatures, never amazonses.com's", () => {
    const shares = ownSignatureShares(summarize(reports, { domain: "goo.ne.jp" }));
    expect(shares.map(({ selector, passed, messages }) => [selector, passed, messages])).toEqual([
      [NEW, 2320, 3613],
      [OLD, 1259, 3613],
    ]);
  });

  it("splits the reports at the change: wholly before, wholly after, and the one whose period holds it", () => {
    const around = aroundChange(reports, "goo.ne.jp", CHANGE);
    expect(around.straddling).toBe(1);
    expect(around.before).toMatchObject({ reports: 2, messages: 1274 });
    expect(around.before.shares.map(({ selector, passed }) => [selector, passed])).toEqual([[OLD, 1240]]);
    expect(around.after).toMatchObject({ reports: 3, messages: 2329 });
    expect(around.after.shares.map(({ selector, passed }) => [selector, passed])).toEqual([
      [NEW, 2320],
      [OLD, 9],
    ]);
  });

  it("finds who still saw the old selector passing after the rotation, for retire; the report whose period holds the rotation is left out", () => {
    const seen = selectorPassingAfter(reports, "goo.ne.jp", OLD.toUpperCase(), CHANGE);
    expect(seen.messages).toBe(9);
    expect(seen.reportsAfter).toBe(4);
    expect(seen.orgs).toEqual(["Yahoo", "google.com"]);
    expect(seen.reports.map(({ org, reportId, messages, end }) => [org, reportId, messages, end])).toEqual([
      ["Yahoo", "1760832000.845613", 3, "2025-10-18T23:59:59.000Z"],
      ["google.com", "4188630377284417016", 6, "2025-10-18T23:59:59.000Z"],
    ]);
    // The newest report (of any domain) ends 2025-10-19T00:00:00Z: both sightings are within a day of it.
    expect(seen).toMatchObject({ latestMessages: 9, latestEnd: "2025-10-19T00:00:00.000Z" });
    expect(selectorPassingAfter(reports, "goo.ne.jp", OLD, new Date("2025-10-19T00:00:00Z"))).toEqual({
      messages: 0,
      latestMessages: 0,
      latestEnd: null,
      seen: 0,
      reportsAfter: 0,
      orgs: [],
      reports: [],
    });
    expect(selectorPassingAfter(reports, "goo.ne.jp", NEW, CHANGE).messages).toBe(2320);
  });
});

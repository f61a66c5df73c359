import { describe, expect, it } from "vitest";
import type { StatusRow } from "../../src/status/judge.js";
import { displayWidth } from "../../src/ui/displayWidth.js";
import { createOutput } from "../../src/ui/output.js";
import { renderStatusText } from "../../src/ui/renderStatus.js";

import { base, missing, overdue, statusResult as result } from "../support/statusRows.js";

const sink = { write: () => true };
const output = (lang: "en" | "ja") => createOutput({ stdout: sink, stderr: sink, env: {}, json: false, lang, colorFlag: false, verbose: false });

const regionMismatch: StatusRow = {
  ...base,
  domain: "m34.goo.ne.jp",
  region: "ap-northeast-3",
  verdict: "warn",
  reason: "regionMismatch",
  reasons: ["regionMismatch"],
  regionComparison: { referenceRegion: "ap-northeast-1", differences: ["selector", "signing"] },
};
const failed: StatusRow = {
  ...base,
  domain: "m24.goo.ne.jp",
  verdict: "action",
  reason: "dkimFailed",
  reasons: ["dkimFailed", "dnsDrift"],
  dkim: { ...base.dkim!, status: "FAILED", errorType: "INVALID_VALUE" },
  dns: overdue.dns,
  grace: [{ selector: "m24-pro-20261024-1", retireAfter: "2026-12-08T00:00:00.000Z" }] as StatusRow["grace"],
};
const fleet = [base, overdue, missing, regionMismatch, failed];
const domains = fleet.map((row) => row.domain);
/** The way out's commands are copied whole, so theirs is the one line left for the terminal to wrap. */
const isWayOut = (line: string) => /^ {4}byodkim (enable|rollback|rotate) /.test(line);

describe("the status table at the terminal's width", () => {
  it.each([
    ["en", 160],
    ["en", 120],
    ["en", 80],
    ["en", 40],
    ["ja", 160],
    ["ja", 120],
    ["ja", 80],
    ["ja", 40],
  ] as const)("%s at %i columns: every row on one line, no line wider than the terminal", (lang, width) => {
    const text = renderStatusText(output(lang), result(fleet), width);
    const lines = text.split("\n");
    for (const line of lines.filter((each) => !isWayOut(each))) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    const rows = lines.filter((line) => /^[✔!✘] /.test(line));
    expect(rows.map((line) => domains.find((domain) => line.slice(2).startsWith(domain)))).toEqual(domains.map(() => expect.any(String)));
    expect(new Set(rows.map((line) => line.slice(2, 15))).size).toBe(fleet.length);
    expect(lines.filter(isWayOut)).toEqual([expect.stringContaining("byodkim enable m24.goo.ne.jp --selector m01-pro-20261121-1 --region ap-northeast-1")]);
  });

  it.each(["en", "ja"] as const)("says which columns it left out, and leaves none out when piped (%s)", (lang) => {
    const narrow = renderStatusText(output(lang), result(fleet), 80);
    expect(narrow).toMatch(
      lang === "en" ? /not shown, for want of width: DKIM, SELECTOR, KEY AGE/ : /端末の幅が足りないため、次の列を省略しています：DKIM、セレクタ/,
    );
    const piped = renderStatusText(output(lang), result(fleet), undefined);
    expect(piped).not.toContain("…");
    expect(piped).not.toMatch(/not shown, for want of width|端末の幅が足りない/);
    expect(piped).toContain("m01-pro-20261121-1");
  });

  it("at 160 columns in English keeps every column, and cuts only the one reason far longer than the rest", () => {
    const text = renderStatusText(output("en"), result(fleet), 160);
    expect(text).not.toContain("not shown, for want of width");
    const cut = text.split("\n").filter((line) => line.includes("…"));
    expect(cut).toEqual([expect.stringMatching(/^! m34\.goo\.ne\.jp .* signs otherwise than ap-northeast-1 .*…$/)]);
    expect(text).toContain("key is 45 days old, rotation was due 14 days ago");
  });

  it("folds Japanese prose where it reaches the edge, not at the next space", () => {
    const text = renderStatusText(output("ja"), result(fleet), 40);
    const note = text.split("\n").filter((line) => line.includes("--json"));
    expect(note).toHaveLength(1);
    expect(note[0]).toMatch(/--json を/);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MetricDatum, MetricsPort } from "../../src/aws/types.js";
import { type DmarcReportInput, reportDmarc } from "../../src/commands/report/dmarcReport.js";
import { byodkimError } from "../../src/errors.js";
import { dmarcJson, renderDmarcMarkdown, renderDmarcText } from "../../src/ui/renderDmarc.js";
import { plainOutput } from "../support/plainOutput.js";

/**
 * `report dmarc` in-process over the fixtures' inbox (test/fixtures/dmarc/README.md says what each
 * file holds). `UPDATE_GOLDEN=1 npx vitest run test/commands/reportDmarc.test.ts` rewrites the
 * Markdown goldens; review the diff before committing it.
 */
const INBOX = "test/fixtures/dmarc/inbox";
const GOLDENS = new URL("../fixtures/dmarc/goldens/", import.meta.url);
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";
const NOW = new Date("2025-10-19T13:00:00Z");
const OLD = "gooid-21-pro-20250917-3";
const NEW = "gooid-21-pro-20251017-1";

function golden(name: string, actual: string): string {
  const file = new URL(name, GOLDENS);
  if (UPDATE) writeFileSync(file, actual);
  return readFileSync(file, "utf8");
}

const line = (fields: Record<string, unknown>) => `${JSON.stringify(fields)}\n`;
/** A journal folder: the rotation (the change), then a declined enable and another domain's rollback, neither of which moved goo.ne.jp's selector. */
function journals(): string {
  const dir = mkdtempSync(join(tmpdir(), "byodkim-dmarc-journal-"));
  const run = (at: string, command: string, runId: string, domain: string, outcome: string) =>
    writeFileSync(
      join(dir, `${at.replace(/[:.]/g, "-")}-${domain}-${command}-${runId}.jsonl`),
      line({ at, event: "run-started", command, runId, domain, operator: "arn:x", host: "h" }) + line({ at, event: "ended", outcome, sesChange: null }),
    );
  run("2025-10-17T03:00:00.000Z", "rotate", "5e1f0a2b", "goo.ne.jp", "completed");
  run("2025-10-18T05:00:00.000Z", "enable", "77aa0c1d", "goo.ne.jp", "declined");
  run("2025-10-18T06:00:00.000Z", "rollback", "0b0b0b0b", "news.goo.ne.jp", "completed");
  return dir;
}

const input = (overrides: Partial<DmarcReportInput> = {}): DmarcReportInput => ({
  source: { kind: "folder", path: INBOX },
  domain: "goo.ne.jp",
  sinceDays: undefined,
  now: NOW,
  journalDirectory: journals(),
  ...overrides,
});

function capturingMetrics(fail?: Error): MetricsPort & { sent: { namespace: string; data: readonly MetricDatum[] }[] } {
  const sent: { namespace: string; data: readonly MetricDatum[] }[] = [];
  return {
    sent,
    async putMetricData(namespace, data) {
      if (fail) throw fail;
      sent.push({ namespace, data });
      return { requests: 1 };
    },
  };
}

describe("byodkim report dmarc (in-process)", () => {
  it("writes the ticket's before/after table from the newest completed change of the domain (golden, en and ja)", async () => {
    const result = await reportDmarc(input());
    expect(result.change?.run.runId).toBe("5e1f0a2b");
    for (const lang of ["en", "ja"] as const) {
      const markdown = renderDmarcMarkdown(plainOutput(lang), result);
      expect(markdown).toBe(golden(`around.${lang}.md`, markdown));
    }
  });

  it("shows all the reports as one period when no change of the selector is journaled (golden)", async () => {
    const empty = mkdtempSync(join(tmpdir(), "byodkim-dmarc-nojournal-"));
    const result = await reportDmarc(input({ journalDirectory: empty }));
    expect(result.change).toBeNull();
    const markdown = renderDmarcMarkdown(plainOutput("en"), result);
    expect(markdown).toBe(golden("whole.en.md", markdown));
    expect(markdown).toContain(`| goo.ne.jp | \`${NEW}\` | 2320 | 64.2 % |`);
  });

  it("keeps the --json document's schema: counts are messages, every field typed, times UTC ISO", async () => {
    const document = dmarcJson(plainOutput("ja", true), await reportDmarc(input({ domain: undefined })));
    expect(Object.keys(document).sort()).toEqual(
      [
        "change",
        "domain",
        "domains",
        "duplicates",
        "messages",
        "metrics",
        "orgs",
        "period",
        "read",
        "reports",
        "selectors",
        "shares",
        "since",
        "skipped",
        "source",
      ].sort(),
    );
    expect(document).toMatchObject({
      source: INBOX,
      domain: null,
      since: null,
      reports: 7,
      read: 7,
      duplicates: 1,
      messages: 3663,
      period: { begin: "2025-10-15T00:00:00.000Z", end: "2025-10-19T00:00:00.000Z" },
      metrics: null,
    });
    const selectors = document["selectors"] as Record<string, unknown>[];
    for (const entry of selectors) {
      expect(Object.keys(entry)).toEqual(["domain", "selector", "pass", "fail", "temperror"]);
      expect(typeof entry["domain"]).toBe("string");
      expect(entry["selector"] === null || typeof entry["selector"] === "string").toBe(true);
      for (const count of ["pass", "fail", "temperror"]) expect(Number.isInteger(entry[count])).toBe(true);
    }
    expect(selectors).toContainEqual({ domain: "goo.ne.jp", selector: OLD, pass: 1259, fail: 4, temperror: 30 });
    expect(document["orgs"]).toContainEqual({ org: "google.com", reports: 2, messages: 2740 });
    expect(document["skipped"]).toEqual([
      { file: `${INBOX}/README.txt`, reason: "notXml", detail: expect.any(String), text: expect.stringMatching(/^正しい形式の XML ではありません：/) },
      { file: `${INBOX}/google.com!goo.ne.jp!1760400000!1760486399.xml`, reason: "notXml", detail: expect.any(String), text: expect.any(String) },
    ]);
    // Without --domain the newest completed change of any domain splits the reports: news.goo.ne.jp's rollback.
    expect(document["change"]).toMatchObject({ runId: "0b0b0b0b", command: "rollback", domain: "news.goo.ne.jp", at: "2025-10-18T06:00:00.000Z" });
    expect(JSON.stringify(document)).not.toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/);
  });

  it("counts only the reports ending after --since days before the clock", async () => {
    const result = await reportDmarc(input({ sinceDays: 2 }));
    expect(result.since).toBe("2025-10-17T13:00:00.000Z");
    expect(result.summary).toMatchObject({ reports: 3, messages: 2329 });
    expect(result.shares.map(({ selector, passed }) => [selector, passed])).toEqual([
      [NEW, 2320],
      [OLD, 9],
    ]);
  });

  it("publishes each own selector's share of the domain's mail and the messages, never amazonses.com's", async () => {
    const metrics = capturingMetrics();
    const result = await reportDmarc(input({ domain: undefined, publish: { metrics } }));
    expect(result.metrics).toEqual({ published: true, data: 5, requests: 1 });
    expect(metrics.sent).toHaveLength(1);
    expect(metrics.sent[0]!.namespace).toBe("byodkim");
    expect(metrics.sent[0]!.data.map(({ name, value, unit, dimensions }) => [name, value, unit, dimensions])).toEqual([
      ["DmarcDkimPassPercent", 64.21, "Percent", { Domain: "goo.ne.jp", Selector: NEW }],
      ["DmarcDkimPassPercent", 34.85, "Percent", { Domain: "goo.ne.jp", Selector: OLD }],
      ["DmarcDkimPassPercent", 100, "Percent", { Domain: "news.goo.ne.jp", Selector: "news-1" }],
      ["DmarcReportedMessages", 3613, "Count", { Domain: "goo.ne.jp" }],
      ["DmarcReportedMessages", 50, "Count", { Domain: "news.goo.ne.jp" }],
    ]);
    expect(metrics.sent[0]!.data.every((datum) => datum.timestamp.getTime() === NOW.getTime())).toBe(true);
  });

  it("reports what it read when CloudWatch refuses the metrics: a warning, not a failure", async () => {
    const refused = capturingMetrics(
      byodkimError("aws", "aws.accessDenied", { service: "CloudWatch", action: "cloudwatch:PutMetricData", resource: "*", requestId: "r-1" }),
    );
    const result = await reportDmarc(input({ publish: { metrics: refused } }));
    expect(result.metrics).toMatchObject({ published: false });
    expect(result.summary.messages).toBe(3613);
    const text = renderDmarcText(plainOutput("en"), result, undefined);
    expect(text).toMatch(/warning: metrics not published \(.*cloudwatch:PutMetricData.*\); the report above stands/);
    const none = await reportDmarc(input({ publish: { metrics: undefined } }));
    expect(renderDmarcText(plainOutput("ja"), none, undefined)).toContain(
      "警告：メトリクスを送信できませんでした（メトリクスの送信に使う CloudWatch クライアントがありません）",
    );
  });

  it("refuses a folder that is not there with a sentence, and says there is nothing to count in an empty one", async () => {
    await expect(reportDmarc(input({ source: { kind: "folder", path: "/no/such/dmarc" } }))).rejects.toMatchObject({ what: { key: "dmarc.folderMissing" } });
    const empty = mkdtempSync(join(tmpdir(), "byodkim-dmarc-empty-"));
    const result = await reportDmarc(input({ source: { kind: "folder", path: empty } }));
    expect(renderDmarcText(plainOutput("en"), result, undefined)).toContain(`No aggregate report found in ${empty}.`);
    // Reports there, but the filters leave none: said as such, not as an empty folder.
    const filtered = await reportDmarc(input({ domain: "example.jp" }));
    expect(renderDmarcText(plainOutput("ja"), filtered, undefined)).toContain("レポートを 7 件読み込みましたが、上の条件に合うものはありません。");
  });
});

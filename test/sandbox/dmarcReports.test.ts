import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { XMLParser } from "fast-xml-parser";
import { unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/defaults.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/start.js";

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.stop();
  box = undefined;
});

const DAY_MS = 86_400_000;
const { domain, selector: oldSelector, rotationSelector: newSelector, secretId } = SANDBOX_DEFAULTS;

/** The key history byodkim leaves after a rotation `daysAgo` days ago with a 7-day grace period. */
function rotatedDaysAgo(sandbox: Sandbox, daysAgo: number) {
  const rotatedAt = Date.now() - daysAgo * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  const secret = sandbox.world.secrets.get(secretId)!;
  const state = JSON.parse(secret.versions.at(-1)!.value) as Record<string, unknown>;
  const byodkim_keys = {
    [oldSelector]: {
      status: "retiring",
      active_since: iso(rotatedAt - 60 * DAY_MS),
      retiring_since: iso(rotatedAt),
      retire_after: iso(rotatedAt + 7 * DAY_MS),
    },
    [newSelector]: { status: "active", created_at: iso(rotatedAt - DAY_MS), active_since: iso(rotatedAt) },
  };
  secret.versions.push({ id: "rotated", value: JSON.stringify({ ...state, byodkim_keys }), created: new Date() });
  return rotatedAt;
}

interface Report {
  file: string;
  org: string;
  begin: string;
  end: string;
  messages: number;
  pass: Record<string, number>;
  fail: Record<string, number>;
}

async function writeReports(sandbox: Sandbox, body: object): Promise<{ status: number; reports: Report[]; message?: string }> {
  const response = await fetch(`${sandbox.endpoint}/_sandbox/dmarc-reports`, { method: "POST", body: JSON.stringify(body) });
  return { status: response.status, ...((await response.json()) as { reports: Report[] }) };
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** A report file as a receiver sends it, opened and parsed: selector → messages passing and failing. */
function tallyFile(name: string, body: Buffer) {
  const xml = name.endsWith(".zip")
    ? Buffer.from(Object.values(unzipSync(body))[0]!).toString()
    : name.endsWith(".gz")
      ? gunzipSync(body).toString()
      : body.toString();
  const feedback = new XMLParser().parse(xml).feedback;
  const pass: Record<string, number> = {};
  const fail: Record<string, number> = {};
  let messages = 0;
  for (const record of asList(feedback.record)) {
    messages += record.row.count;
    for (const dkim of asList<{ domain: string; selector: string; result: string }>(record.auth_results.dkim)) {
      if (dkim.domain !== domain) continue;
      const into = dkim.result === "pass" ? pass : fail;
      into[dkim.selector] = (into[dkim.selector] ?? 0) + record.row.count;
    }
  }
  return { org: feedback.report_metadata.org_name as string, begin: feedback.report_metadata.date_range.begin as number, messages, pass, fail };
}

describe("the sandbox writes receivers' DMARC aggregate reports following the key history", () => {
  it("shows the old selector alone before a rotation, fading after it while the new one takes over; files parse as RFC 7489 reports", async () => {
    box = await startSandbox({ scenario: "byodkim-active" });
    const rotatedAt = rotatedDaysAgo(box, 3);
    const { status, reports } = await writeReports(box, { days: 7 });
    expect(status).toBe(200);
    const folder = box.world.mail.dmarcReportsFolder!;
    const files = readdirSync(folder).sort();
    // Three receivers a day, for 7 finished days and today so far.
    expect(files).toHaveLength(3 * 8);
    expect(new Set(files.map((file) => file.replace(/^.*?(\.xml(\.gz)?|\.zip)$/, "$1")))).toEqual(new Set([".zip", ".xml.gz", ".xml"]));
    for (const report of reports) {
      const parsed = tallyFile(report.file, readFileSync(report.file));
      expect({ messages: parsed.messages, pass: parsed.pass, fail: parsed.fail }).toEqual({ messages: report.messages, pass: report.pass, fail: report.fail });
      const end = Date.parse(report.end);
      if (end < rotatedAt) expect(Object.keys(parsed.pass)).toEqual([oldSelector]);
      else expect(parsed.pass[newSelector]).toBeGreaterThan(parsed.pass[oldSelector] ?? 0);
    }
    // Per receiver, the old selector's share falls day by day after the rotation.
    const google = reports.filter((report) => report.org === "google.com" && Date.parse(report.end) >= rotatedAt);
    const oldShares = google.map((report) => (report.pass[oldSelector] ?? 0) / report.messages);
    expect(oldShares.length).toBeGreaterThanOrEqual(3);
    expect([...oldShares].sort((a, b) => b - a)).toEqual(oldShares);
    expect(oldShares[0]).toBeGreaterThan(0.2);
    expect(join(folder, files[0]!)).toMatch(/!goo\.ne\.jp!\d+!\d+\./);
  });

  it("writes each finished day once and today's again, so a second run counts no message twice; and into the sandbox's S3", async () => {
    box = await startSandbox({ scenario: "byodkim-active" });
    rotatedDaysAgo(box, 1);
    await writeReports(box, { days: 2 });
    const again = await writeReports(box, { days: 2 });
    expect(again.reports.map((report) => report.org)).toEqual(["google.com", "Enterprise Outlook", "Yahoo"]);
    expect(readdirSync(box.world.mail.dmarcReportsFolder!)).toHaveLength(3 * 3);

    const toS3 = await writeReports(box, { days: 1, out: "s3://byodkim-sandbox-inbound/dmarc/" });
    expect(toS3.reports).toHaveLength(2 * 3);
    for (const report of toS3.reports) expect(report.file).toMatch(/^s3:\/\/byodkim-sandbox-inbound\/dmarc\/[^/]+!goo\.ne\.jp!/);
    expect([...box.world.buckets.get("byodkim-sandbox-inbound")!.keys()].filter((key) => key.startsWith("dmarc/"))).toHaveLength(6);
    const unknown = await writeReports(box, { out: "s3://no-such-bucket/x" });
    expect(unknown.status).toBe(400);
  });
});

import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { rehearsal } from "../support/rehearsal.js";
import { spawnCli } from "../support/spawnCli.js";

const INBOX = fileURLToPath(new URL("../fixtures/dmarc/inbox", import.meta.url));
const OLD = SANDBOX_DEFAULTS.selector;
const NEW = SANDBOX_DEFAULTS.rotationSelector;
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

/** No config, no AWS settings: a folder of reports is all report dmarc needs. */
const bare = (args: string[]) => {
  const journals = mkdtempSync(join(tmpdir(), "byodkim-dmarc-cli-"));
  return spawnCli(["report", "dmarc", ...args, "--config", join(journals, "no-such-config.yaml")], { env: { BYODKIM_JOURNAL_DIR: journals } });
};

describe("byodkim report dmarc on the command line (spawned)", () => {
  it("prints one --json document with the counts of the fixtures' reports, and names the files it skipped", async () => {
    const result = await bare(["--from", INBOX, "--domain", "goo.ne.jp", "--json"]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({
      outcome: "ok",
      reports: 6,
      messages: 3613,
      period: { begin: "2025-10-15T00:00:00.000Z", end: "2025-10-19T00:00:00.000Z" },
    });
    expect(document.selectors).toEqual([
      { domain: "amazonses.com", selector: "224i4yxa5dv7c2xz3womw6peuasteono", pass: 3596, fail: 4, temperror: 0 },
      { domain: "amazonses.com", selector: null, pass: 3, fail: 0, temperror: 0 },
      { domain: "goo.ne.jp", selector: NEW, pass: 2320, fail: 0, temperror: 0 },
      { domain: "goo.ne.jp", selector: OLD, pass: 1259, fail: 4, temperror: 30 },
    ]);
    expect(document.orgs.map((org: { org: string; messages: number }) => [org.org, org.messages])).toEqual([
      ["google.com", 2740],
      ["Outlook.com", 820],
      ["mx.example.net", 40],
      ["receiver.example.org", 10],
      ["Yahoo", 3],
    ]);
    expect(document.skipped.map((skip: { file: string; reason: string }) => [skip.file, skip.reason])).toEqual([
      [join(INBOX, "README.txt"), "notXml"],
      [join(INBOX, "google.com!goo.ne.jp!1760400000!1760486399.xml"), "notXml"],
    ]);
    expect(result.stderr).toBe("");
  });

  it("shows the terminal's tables in Japanese, and --format md for the ticket", async () => {
    const text = await bare(["--from", INBOX, "--lang", "ja"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("受信側が確認した DKIM 署名");
    expect(text.stdout).toMatch(new RegExp(`goo\\.ne\\.jp\\s+${NEW}\\s+2320\\s+0\\s+0\\s+64\\.2 %`));
    const markdown = await bare(["--from", INBOX, "--domain", "goo.ne.jp", "--format", "md"]);
    expect(markdown.stdout).toMatch(/^# DKIM signing seen in DMARC reports: goo\.ne\.jp\n/);
    expect(markdown.stdout).toContain(`| goo.ne.jp | \`${OLD}\` | 1259 | 34.8 % |`);
  });

  it("writes the ticket's Markdown to --out and says where", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "byodkim-dmarc-out-")), "dmarc.md");
    const result = await bare(["--from", INBOX, "--domain", "goo.ne.jp", "--format", "md", "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`DMARC report written to ${out}\n`);
    expect(readFileSync(out, "utf8")).toMatch(/^# DKIM signing seen in DMARC reports: goo\.ne\.jp\n/);
  });

  it("refuses what it cannot use with exit 2 and a sentence, never a stack", async () => {
    const cases: [string[], RegExp][] = [
      [["--from", INBOX, "--since", "0"], /--since 0 is not a number of days/],
      [["--from", INBOX, "--format", "csv"], /report dmarc --format csv: use md/],
      [["--from", INBOX, "--list"], /report dmarc does not take --list/],
      [["--from", "s3://No_Such"], /--from s3:\/\/No_Such is neither a folder nor an s3:\/\/bucket\/prefix address/],
      [[], /no folder or bucket of DMARC reports to read[\s\S]*--from <folder \| s3:\/\/bucket\/prefix>/],
    ];
    for (const [args, stderr] of cases) {
      const result = await bare(args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(stderr);
      noStack(result.stderr);
    }
    const missing = await bare(["--from", "/no/such/dmarc"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/the folder \/no\/such\/dmarc does not exist/);
    noStack(missing.stderr);
    const misplaced = await spawnCli(["report", "--since", "3", "--config", "/no/such.yaml"], { env: { BYODKIM_JOURNAL_DIR: tmpdir() } });
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toMatch(/--since belongs to report dmarc/);
  });

  it("reads the reports from S3 (the sandbox's) with the config's dmarc.reports, and publishes the shares to CloudWatch", async () => {
    const { box, byodkim } = await rehearsal();
    const objects = box.world.buckets.get(SANDBOX_DEFAULTS.bucket)!;
    for (const name of readdirSync(INBOX)) objects.set(`dmarc/${SANDBOX_DEFAULTS.domain}/${name}`, readFileSync(join(INBOX, name)));
    // The sandbox's config names its own reports folder: point it at the bucket instead.
    const config = parseYaml(readFileSync(box.configPath, "utf8")) as Record<string, unknown>;
    writeFileSync(box.configPath, stringifyYaml({ ...config, dmarc: { reports: `s3://${SANDBOX_DEFAULTS.bucket}/dmarc/` } }));
    const result = await byodkim(["report", "dmarc", "--domain", "goo.ne.jp", "--publish-metrics", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ source: `s3://${SANDBOX_DEFAULTS.bucket}/dmarc/`, reports: 6, messages: 3613 });
    expect(document.skipped.map((skip: { file: string }) => skip.file)).toEqual([
      `s3://${SANDBOX_DEFAULTS.bucket}/dmarc/goo.ne.jp/README.txt`,
      `s3://${SANDBOX_DEFAULTS.bucket}/dmarc/goo.ne.jp/google.com!goo.ne.jp!1760400000!1760486399.xml`,
    ]);
    expect(document.metrics).toEqual({ published: true, namespace: "byodkim", data: 3, requests: 1 });
    const puts = box.world.log.filter((entry) => entry.operation === "PutMetricData");
    expect(puts.map((entry) => entry.status)).toEqual([200]);
  });
});

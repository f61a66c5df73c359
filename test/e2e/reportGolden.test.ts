import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";
import { spawnCli } from "../support/spawnCli.js";

/**
 * `byodkim report` on journals that real sandbox runs wrote, against golden files under
 * test/fixtures/report/. `UPDATE_GOLDEN=1 npx vitest run test/e2e/reportGolden.test.ts` rewrites
 * them; review the diff before committing it.
 */
const FIXTURES = new URL("../fixtures/report/", import.meta.url);
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";

interface Run {
  readonly journalDir: string;
  readonly runId: string;
  readonly host: string;
}

/**
 * What differs between two runs of the same scenario: times, ids, the sandbox's keys and ports, the
 * temp folders. A time shown to people keeps its zone (UTC in en, JST in ja, without TZ or timeZone:).
 */
function normaliseReport(text: string, run: Run): string {
  return text
    .replaceAll(run.journalDir, "<journal-dir>")
    .replaceAll(run.runId, "<run-id>")
    .replaceAll(`| ${run.host} |`, "| <host> |")
    .replaceAll(`"host": ${JSON.stringify(run.host)}`, '"host": "<host>"')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}[:-]\d{2}[:-]\d{2}[.-]\d{3}Z/g, "<time>")
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?/g, "<time>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<request-id>")
    .replace(/\b[0-9a-f]{32}\b/g, "<token>")
    .replace(/SHA256:[A-Za-z0-9+/]{43}=?/g, "SHA256:<fingerprint>")
    .replace(/SHA256:[A-Za-z0-9+/]{16}…/g, "SHA256:<fingerprint>…")
    .replace(/(assumed-role\/[^/\s]+)\/[^\s|)"`,]+/g, "$1/<session>")
    .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:<port>")
    .replace(/\d+\.\d(?= (?:s\b|秒))/g, "<n>")
    .replace(/"(\w*Ms|ms)": \d+/g, '"$1": 0')
    .replace(/\/tmp\/[^\s`"]+\.tmp/g, "<temp>");
}

/** Compares with the golden file, or writes it in update mode. Returns the golden text. */
function golden(name: string, actual: string): string {
  const file = new URL(name, FIXTURES);
  if (UPDATE) writeFileSync(file, actual);
  return readFileSync(file, "utf8");
}

const runIdOf = (path: string) => basename(path, ".jsonl").split("-").at(-1)!;

describe("byodkim report on real sandbox journals (golden files)", () => {
  let enabled: Run & { readonly journal: string };
  let failed: Run;
  let cutShort: Run;

  beforeAll(async () => {
    const good = await rehearsal();
    const enable = await good.byodkim(["enable", "--yes", "--wait", "60"]);
    expect(enable.code, enable.stdout + enable.stderr).toBe(0);
    const [journal] = good.journalFiles();
    enabled = { journalDir: good.journalDir, runId: runIdOf(journal!), host: hostOf(journal!), journal: journal! };

    // SES refuses the switch itself: the enable fails midway, after the snapshot, at its first call.
    const bad = await rehearsal();
    await bad.injectFault("PutEmailIdentityDkimSigningAttributes", "server-error");
    const failing = await bad.byodkim(["enable", "--yes", "--wait", "60"]);
    expect(failing.code, failing.stdout + failing.stderr).toBe(4);
    const [failedJournal] = bad.journalFiles();
    failed = { journalDir: bad.journalDir, runId: runIdOf(failedJournal!), host: hostOf(failedJournal!) };

    // The enabled run's journal as a process killed right after SES answered the call would leave it:
    // every line up to call-done, and the next line torn mid-write.
    const lines = readFileSync(enabled.journal, "utf8").split("\n");
    const done = lines.findIndex((line) => line.includes('"event":"call-done"'));
    const dir = mkdtempSync(join(tmpdir(), "byodkim-cut-journal-"));
    writeFileSync(join(dir, basename(enabled.journal)), `${lines.slice(0, done + 1).join("\n")}\n${lines[done + 1]!.slice(0, 40)}`);
    cutShort = { journalDir: dir, runId: enabled.runId, host: enabled.host };
  });

  const hostOf = (journal: string) => (JSON.parse(readFileSync(journal, "utf8").split("\n")[0]!) as { host: string }).host;

  /** The report as the operator runs it: no config file, the journal folder from BYODKIM_JOURNAL_DIR. */
  const report = (run: Run, args: string[]) =>
    spawnCli(["report", ...args, "--config", join(run.journalDir, "no-such-config.yaml")], { env: { BYODKIM_JOURNAL_DIR: run.journalDir } });

  for (const lang of ["en", "ja"] as const) {
    it(`renders an enabled run in ${lang}`, async () => {
      const result = await report(enabled, [enabled.runId, "--lang", lang]);
      expect(result.code, result.stderr).toBe(0);
      const actual = normaliseReport(result.stdout, enabled);
      expect(actual).toBe(golden(`enabled.${lang}.md`, actual));
    });

    it(`renders a run that failed midway in ${lang}`, async () => {
      const result = await report(failed, ["latest", "--lang", lang]);
      expect(result.code, result.stderr).toBe(0);
      const actual = normaliseReport(result.stdout, failed);
      expect(actual).toBe(golden(`failed-midway.${lang}.md`, actual));
    });

    it(`renders a journal cut short, with where it stopped and the rollback, in ${lang}`, async () => {
      const result = await report(cutShort, [cutShort.runId.slice(0, 4), "--lang", lang]);
      expect(result.code, result.stderr).toBe(0);
      const actual = normaliseReport(result.stdout, cutShort);
      expect(actual).toBe(golden(`cut-short.${lang}.md`, actual));
    });
  }

  it("prints the same document for --format json and --json", async () => {
    const formatted = await report(enabled, ["--format", "json"]);
    const global = await report(enabled, ["--json"]);
    expect(formatted.code).toBe(0);
    expect(global.code).toBe(0);
    expect(JSON.parse(formatted.stdout)).toEqual(JSON.parse(global.stdout));
    const actual = normaliseReport(formatted.stdout, enabled);
    expect(actual).toBe(golden("enabled.en.json", actual));
  });

  it("writes the report whole to --out, replacing an older one, and says where", async () => {
    const out = join(enabled.journalDir, "..", `${basename(enabled.journalDir)}-report.md`);
    writeFileSync(out, "an older report\n");
    const result = await report(enabled, ["--out", out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`report on run ${enabled.runId} written to ${out}\n`);
    expect(normaliseReport(readFileSync(out, "utf8"), enabled)).toBe(readFileSync(new URL("enabled.en.md", FIXTURES), "utf8"));
  });

  it("lists the runs newest first, with the cut-short run's outcome said as stopped", async () => {
    const result = await report(cutShort, ["--list"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`\\d{2}:\\d{2}:\\d{2} UTC +enable +goo\\.ne\\.jp +${cutShort.runId} +stopped \\(no end journaled\\)\\n`));
  });
});

import { execFileSync } from "node:child_process";
import { copyFileSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnCli } from "../support/spawnCli.js";

const line = (fields: Record<string, unknown>) => `${JSON.stringify(fields)}\n`;
const journal = (runId: string, second: number, ended: boolean) =>
  line({ at: `2026-12-01T09:00:0${second}.000Z`, event: "run-started", command: "enable", runId, domain: "goo.ne.jp", operator: "arn:x", host: "h" }) +
  (ended ? line({ at: `2026-12-01T09:00:0${second}.500Z`, event: "ended", outcome: "declined", sesChange: null }) : "");

/** A journal folder with two runs whose ids share a prefix; no config file, no AWS settings at all. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "byodkim-report-cli-"));
  writeFileSync(join(dir, "2026-12-01T09-00-01-000Z-goo.ne.jp-enable-abcd1111.jsonl"), journal("abcd1111", 1, true));
  writeFileSync(join(dir, "2026-12-01T09-00-02-000Z-goo.ne.jp-enable-abcd2222.jsonl"), journal("abcd2222", 2, false));
  return dir;
}
const report = (dir: string, args: string[]) =>
  spawnCli(["report", ...args, "--config", join(dir, "no-such-config.yaml")], { env: { BYODKIM_JOURNAL_DIR: dir } });
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

describe("byodkim report on the command line (spawned, no AWS, no config)", () => {
  it("refuses a run id that matches nothing with exit 2, a sentence and the way to list runs, no stack", async () => {
    const result = await report(folder(), ["ffff"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/no journaled run has the id ffff/);
    expect(result.stderr).toMatch(/byodkim report --list/);
    noStack(result.stderr);
  });

  it("refuses a prefix two runs share, naming both, with exit 2", async () => {
    const result = await report(folder(), ["abcd"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/abcd is the start of 2 run ids: abcd2222 \(enable goo\.ne\.jp\), abcd1111 \(enable goo\.ne\.jp\)/);
    noStack(result.stderr);
  });

  it("with --json prints one error document for an unknown run id", async () => {
    const result = await report(folder(), ["ffff", "--json"]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: "report.unknownRun" } });
  });

  it("refuses --format other than md or json, and --list with a run id, with exit 2", async () => {
    const dir = folder();
    const format = await report(dir, ["--format", "html"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format must be md or json, not html/);
    const list = await report(dir, ["abcd1111", "--list"]);
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/--list takes no run id/);
  });

  it("reports the newest run by default and lists both, newest first", async () => {
    const dir = folder();
    const latest = await report(dir, []);
    expect(latest.code, latest.stderr).toBe(0);
    expect(latest.stdout).toMatch(/^# Change report: enable goo\.ne\.jp \(run abcd2222\)/);
    const list = await report(dir, ["--list", "--json"]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).runs.map((run: { runId: string; outcome: string | null }) => [run.runId, run.outcome])).toEqual([
      ["abcd2222", null],
      ["abcd1111", "declined"],
    ]);
  });

  it("says there is nothing to report in an empty folder: latest exits 2, --list exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "byodkim-report-empty-"));
    const latest = await report(dir, []);
    expect(latest.code).toBe(2);
    expect(latest.stderr).toMatch(/no change run is journaled in/);
    const list = await report(dir, ["--list", "--lang", "ja"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/記録された変更の実行はありません/);
  });

  it("refuses an --out it cannot write with exit 2 and leaves no file behind", async () => {
    const dir = folder();
    const result = await report(dir, ["--out", join(dir, "no-such-folder", "report.md")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the report could not be written to .*report\.md \(ENOENT\)/);
  });

  it("refuses an --out that is a link or a device node with exit 2, leaves both untouched, and names the stdout command, which works as printed", async () => {
    const dir = folder();
    const mine = join(dir, "my-notes.md");
    writeFileSync(mine, "mine\n");
    const link = join(dir, "CHG-1234.md");
    symlinkSync(mine, link);
    // A private /dev/null (char device 1,3): as root, replacing it would turn it into a file.
    const device = join(dir, "null");
    execFileSync("mknod", [device, "c", "1", "3"]);
    for (const target of [link, device]) {
      const result = await report(dir, ["abcd1111", "--out", target]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/--out .* is not a regular file \((symlink|character-device)\)/);
      noStack(result.stderr);
      const command = /without --out the report goes to stdout: (byodkim .*)/.exec(result.stderr)?.[1];
      // --config as it was given: the journal folder may come from its journal.dir.
      expect(command).toBe(`byodkim report abcd1111 --config ${join(dir, "no-such-config.yaml")}`);
      const asPrinted = await spawnCli(command!.split(" ").slice(1), { env: { BYODKIM_JOURNAL_DIR: dir } });
      expect(asPrinted.code, asPrinted.stderr).toBe(0);
      expect(asPrinted.stdout).toMatch(/^# Change report: enable goo\.ne\.jp \(run abcd1111\)/);
    }
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(mine);
    expect(readFileSync(mine, "utf8")).toBe("mine\n");
    expect(statSync(device).isCharacterDevice()).toBe(true);
    // A previous report (a regular file) is still replaced whole.
    const previous = join(dir, "previous.md");
    writeFileSync(previous, "old report\n");
    expect((await report(dir, ["abcd1111", "--out", previous])).code).toBe(0);
    expect(readFileSync(previous, "utf8")).toMatch(/^# Change report: enable goo\.ne\.jp \(run abcd1111\)/);
  });

  it("reports a run whose journal was copied beside it as one run, listed once", async () => {
    const dir = folder();
    copyFileSync(join(dir, "2026-12-01T09-00-01-000Z-goo.ne.jp-enable-abcd1111.jsonl"), join(dir, "backup-goo.ne.jp-enable-abcd1111.jsonl"));
    const result = await report(dir, ["abcd1111"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^# Change report: enable goo\.ne\.jp \(run abcd1111\)/);
    const prefix = await report(dir, ["abcd1"]);
    expect(prefix.code, prefix.stderr).toBe(0);
    const list = JSON.parse((await report(dir, ["--list", "--json"])).stdout);
    expect(list.runs.map((run: { runId: string }) => run.runId)).toEqual(["abcd2222", "abcd1111"]);
  });

  it("refuses a run id journaled in two files that differ, printing a --journal command for each, which works as printed", async () => {
    const dir = folder();
    // A copy taken before the run ended: the same run id, less of the run.
    writeFileSync(join(dir, "copy-goo.ne.jp-enable-abcd1111.jsonl"), journal("abcd1111", 1, false));
    const result = await report(dir, ["abcd1111"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/run abcd1111 is journaled in 2 files that differ/);
    noStack(result.stderr);
    const commands = [...result.stderr.matchAll(/^\s+(byodkim report --journal \S+)$/gm)].map((match) => match[1]!);
    expect(commands).toHaveLength(2);
    const cutShort = [];
    for (const command of commands) {
      // Exactly as printed: no config, no journal folder needed.
      const asPrinted = await spawnCli(command.split(" ").slice(1));
      expect(asPrinted.code, asPrinted.stderr).toBe(0);
      expect(asPrinted.stdout).toMatch(/^# Change report: enable goo\.ne\.jp \(run abcd1111\)/);
      cutShort.push(asPrinted.stdout.includes("The run stopped here"));
    }
    // One report of each journal: the ended run's and the copy cut short.
    expect(cutShort.sort()).toEqual([false, true]);
    const prefix = await report(dir, ["abcd1"]);
    expect(prefix.code).toBe(2);
    expect(prefix.stderr).toMatch(/run abcd1111 is journaled in 2 files that differ/);
    for (const [path, said] of [
      [join(dir, "no-such.jsonl"), /the journal .*no-such\.jsonl cannot be read/],
      [join(dir, "my-notes.txt"), /my-notes\.txt is not the journal of a change run/],
    ] as const) {
      if (path.endsWith(".txt")) writeFileSync(path, "notes\n");
      const refused = await report(dir, ["--journal", path]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(said);
      noStack(refused.stderr);
    }
    const mixed = await report(dir, ["abcd1111", "--journal", join(dir, "copy-goo.ne.jp-enable-abcd1111.jsonl")]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--journal names the run itself/);
  });
});

// Before readOwnFile, both read a FIFO and never returned: the timeout makes that a failure.
describe("byodkim report with a FIFO among the journals (spawned)", () => {
  it("report --list lists the runs, and warns that it skipped the FIFO, exit 0", async () => {
    const dir = folder();
    const fifo = join(dir, "2099-goo.ne.jp-enable-zzzz.jsonl");
    execFileSync("mkfifo", [fifo]);
    const result = await report(dir, ["--list"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/abcd1111/);
    expect(result.stdout).toMatch(/abcd2222/);
    expect(result.stdout + result.stderr).toContain(`journal ${fifo} is not a regular file (fifo) and was skipped`);
  });

  it("report --journal <fifo> is refused with exit 2 and a sentence naming what it is, no stack", async () => {
    const dir = folder();
    const fifo = join(dir, "2099-goo.ne.jp-enable-zzzz.jsonl");
    execFileSync("mkfifo", [fifo]);
    const result = await report(dir, ["--journal", fifo]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`the journal ${fifo} is not a regular file (fifo)`);
    noStack(result.stderr);
  });
});

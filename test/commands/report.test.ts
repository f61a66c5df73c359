import { describe, expect, it } from "vitest";
import { buildRunReport, undoCommandFor } from "../../src/commands/report/runReport.js";
import { type JournaledRun, journaledRun, selectRun } from "../../src/commands/report/runSelection.js";
import { ByodkimError } from "../../src/errors.js";
import type { JournalEntry } from "../../src/state/journal.js";

const at = (second: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, second)).toISOString();
const entry = (second: number, event: string, fields: Record<string, unknown> = {}): JournalEntry => ({ at: at(second), event, ...fields });
const started = (command = "enable") =>
  entry(0, "run-started", {
    command,
    runId: "0a1b2c3d",
    domain: "goo.ne.jp",
    operator: "arn:aws:sts::123456789012:assumed-role/MailOps/operator",
    host: "ops-1",
    region: "ap-northeast-1",
    account: "123456789012",
  });
const CALL = "PutEmailIdentityDkimSigningAttributes";
const serverError = { key: "aws.serverError", params: { requestId: "req-failed" } };
/** An enable up to and including its first call's start. */
const upToCall = (command = "enable"): JournalEntry[] => [
  started(command),
  entry(0, "gates", { gates: [{ id: "identity", status: "pass", code: "gate.identity.pass" }] }),
  entry(1, "confirmed", { by: "typed domain" }),
  entry(2, "rechecked", { gates: [{ id: "identity", status: "pass", code: "gate.identity.pass" }] }),
  entry(2, "lock-acquired", {}),
  entry(3, "call-started", { call: CALL }),
];

describe("a journal as a change report", () => {
  it("reads an enabled run: who, where, the call with its request id and time, how long SES was PENDING, the record, exit 0", () => {
    const report = buildRunReport([
      ...upToCall(),
      entry(4, "call-done", { call: CALL, requestId: "req-1" }),
      entry(4, "call-skipped", { call: "PutEmailIdentityDkimAttributes" }),
      entry(34, "wait-ended", { result: "success", verificationError: null }),
      entry(34, "ses-after", { sesNow: { origin: "EXTERNAL", tokens: ["sel"], signingEnabled: true }, dnsRecordsNeeded: [] }),
      entry(35, "state-recorded", { versionId: "v2", requestId: "req-2" }),
      entry(35, "ended", { outcome: "completed", sesChange: null }),
      entry(35, "lock-released"),
    ])!;
    expect(report).toMatchObject({
      runId: "0a1b2c3d",
      command: "enable",
      operator: "arn:aws:sts::123456789012:assumed-role/MailOps/operator",
      host: "ops-1",
      endedAt: at(35),
      durationMs: 35_000,
      confirmation: { by: "typed domain", at: at(1) },
      recheck: { kind: "rechecked" },
      wait: { result: "success", pendingMs: 30_000 },
      state: { kind: "recorded", versionId: "v2", requestId: "req-2" },
      outcome: "completed",
      exitCode: 0,
      cutShort: null,
      rollbackCommand: null,
    });
    expect(report.calls).toEqual([
      { name: CALL, service: "SES", outcome: "ok", requestId: "req-1", error: null, startedAt: at(3), endedAt: at(4), ms: 1000 },
      { name: "PutEmailIdentityDkimAttributes", service: "SES", outcome: "skipped", requestId: null, error: null, startedAt: at(4), endedAt: null, ms: null },
    ]);
  });

  it.each([
    ["partial", "byodkim rollback goo.ne.jp"],
    ["target", "byodkim rollback goo.ne.jp"],
    ["none", null],
  ])("gives the rollback command for a run that failed midway only when SES changed (%s)", (sesChange, command) => {
    const report = buildRunReport([
      ...upToCall(),
      entry(4, "call-done", { call: CALL, requestId: "req-1" }),
      entry(5, "call-started", { call: "PutEmailIdentityDkimAttributes" }),
      entry(6, "call-failed", { call: "PutEmailIdentityDkimAttributes", error: serverError }),
      entry(7, "stopped", { outcome: "failedDuringChange", sesChange }),
      entry(7, "ended", { outcome: "failedDuringChange", sesChange }),
    ])!;
    expect(report.exitCode).toBe(4);
    expect(report.rollbackCommand).toBe(command);
    // The failed call's request id comes from the error SES returned.
    expect(report.calls[1]).toMatchObject({ outcome: "failed", requestId: "req-failed", error: serverError });
  });

  it("reads a journal cut short mid-call: the call in flight, where the run stopped, and the rollback command", () => {
    const report = buildRunReport(upToCall())!;
    expect(report.endedAt).toBeNull();
    expect(report.outcome).toBeNull();
    expect(report.exitCode).toBeNull();
    expect(report.cutShort).toEqual({ lastEvent: "call-started", at: at(3) });
    expect(report.calls).toEqual([expect.objectContaining({ name: CALL, outcome: "inFlight", endedAt: null })]);
    expect(report.rollbackCommand).toBe("byodkim rollback goo.ne.jp");
    expect(report.durationMs).toBe(3000);
  });

  it("gives no rollback command for a run cut short before any call", () => {
    const report = buildRunReport(upToCall().slice(0, 3))!;
    expect(report.cutShort).toEqual({ lastEvent: "confirmed", at: at(1) });
    expect(report.rollbackCommand).toBeNull();
  });

  it("gives no rollback command when the record failed or another run changed SES (undoing would undo that run too)", () => {
    for (const outcome of ["recordFailed", "changedByAnotherRun"]) {
      const report = buildRunReport([
        ...upToCall(),
        entry(4, "call-done", { call: CALL, requestId: "r" }),
        entry(5, "ended", { outcome, sesChange: "target" }),
      ])!;
      expect(report.rollbackCommand, outcome).toBeNull();
      expect(report.exitCode, outcome).toBe(outcome === "recordFailed" ? 4 : 5);
    }
  });

  it("names each command's undo: rollback repeats its own target, keygen and retire have none", () => {
    expect(undoCommandFor("rotate", "goo.ne.jp", null)).toBe("byodkim rollback goo.ne.jp --to previous");
    const plan = { details: { target: "disable" } } as never;
    expect(undoCommandFor("rollback", "goo.ne.jp", plan)).toBe("byodkim rollback goo.ne.jp --to disable");
    expect(undoCommandFor("keygen", "goo.ne.jp", null)).toBeNull();
    expect(undoCommandFor("retire", "goo.ne.jp", null)).toBeNull();
  });

  it("counts S3 object calls as S3, throttled retries, the --yes with no re-check, and an abandoned run", () => {
    const report = buildRunReport([
      started("keygen"),
      entry(1, "confirmed", { by: "--yes" }),
      entry(1, "recheck-skipped", { checkAgeMs: 120 }),
      entry(2, "call-started", { call: "PutObject" }),
      entry(2, "throttled-retry", { service: "S3", attempt: 2 }),
      entry(3, "abandoned", { signal: "SIGINT", inFlight: "PutObject" }),
      entry(3, "lock-released"),
    ])!;
    expect(report.calls[0]).toMatchObject({ service: "S3", outcome: "inFlight" });
    expect(report.throttledRetries).toBe(1);
    expect(report.recheck).toEqual({ kind: "skipped", checkAgeMs: 120 });
    expect(report.abandoned).toEqual({ signal: "SIGINT", inFlight: "PutObject" });
    expect(report.cutShort?.lastEvent).toBe("lock-released");
  });

  it("reads the notices sent and failed, their targets as the notifier redacted them", () => {
    const reason = { key: "notify.timeout", params: { ms: 5000 } };
    const report = buildRunReport([
      ...upToCall(),
      entry(9, "notice-sent", { notice: "completed", target: "sns:arn:aws:sns:…:topic", ms: 120 }),
      entry(9, "notice-failed", { notice: "completed", target: "webhook:hooks.example.com", reason }),
    ])!;
    expect(report.notices).toEqual([
      { at: at(9), sent: true, event: "completed", target: "sns:arn:aws:sns:…:topic", ms: 120, reason: null },
      { at: at(9), sent: false, event: "completed", target: "webhook:hooks.example.com", ms: null, reason },
    ]);
  });

  it("is not a change report for a runbook walk's journal or an empty one", () => {
    expect(buildRunReport([entry(0, "walk-started", { domain: "goo.ne.jp" })])).toBeNull();
    expect(buildRunReport([])).toBeNull();
    expect(journaledRun("/j/walk.jsonl", [entry(0, "walk-started", { domain: "goo.ne.jp" })])).toBeNull();
  });
});

const run = (runId: string, domain: string, second: number, outcome: JournaledRun["outcome"] = "completed"): JournaledRun => ({
  path: `/j/${second}-${domain}-enable-${runId}.jsonl`,
  runId,
  command: "enable",
  domain,
  startedAt: at(second),
  outcome,
});
const RUNS = [run("aaaa1111", "goo.ne.jp", 1), run("bbbb2222", "mail.goo.ne.jp", 3), run("aaaa2222", "goo.ne.jp", 2, null), run("abc", "goo.ne.jp", 0)];
const refusal = (query: string | undefined, domain?: string, runs = RUNS) => {
  try {
    selectRun(runs, query, domain, "/j");
  } catch (err) {
    expect(err).toBeInstanceOf(ByodkimError);
    return { key: (err as ByodkimError).what.key, exitCode: (err as ByodkimError).exitCode, params: (err as ByodkimError).what.params };
  }
  throw new Error("selected a run");
};

describe("which run a report is of", () => {
  it.each([
    [undefined, undefined, "bbbb2222"],
    ["latest", undefined, "bbbb2222"],
    ["latest", "goo.ne.jp", "aaaa2222"],
    ["aaaa1", undefined, "aaaa1111"],
    ["bbbb2222", undefined, "bbbb2222"],
    ["abc", undefined, "abc"],
    ["aaaa", "mail.goo.ne.jp", undefined],
  ])("%s (domain %s) → %s", (query, domain, expected) => {
    if (expected === undefined) expect(refusal(query, domain).key).toBe("report.unknownRun");
    else expect(selectRun(RUNS, query, domain, "/j").runId).toBe(expected);
  });

  it("refuses a prefix that fits two runs, naming both, with exit 2", () => {
    const refused = refusal("aaaa");
    expect(refused).toMatchObject({ key: "report.ambiguousRun", exitCode: 2, params: { count: 2 } });
    expect(String(refused.params?.["runs"])).toBe("aaaa2222 (enable goo.ne.jp), aaaa1111 (enable goo.ne.jp)");
  });

  it.each([["the run id"], ["a prefix of it"], ["latest"]])(
    "refuses %s when journals that differ hold the same run id, with one report --journal command per file",
    (how) => {
      const copy: JournaledRun = { ...run("bbbb2222", "mail.goo.ne.jp", 3, null), path: "/j/backup copy/bbbb2222.jsonl" };
      const query = how === "the run id" ? "bbbb2222" : how === "a prefix of it" ? "bbbb" : "latest";
      const refused = refusal(query, undefined, [...RUNS, copy]);
      expect(refused).toMatchObject({ key: "report.sameRunId", exitCode: 2, params: { runId: "bbbb2222", count: 2 } });
    },
  );

  it("quotes a journal path with a space in the command it prints", () => {
    const copy: JournaledRun = { ...run("bbbb2222", "mail.goo.ne.jp", 3, null), path: "/j/backup copy/bbbb2222.jsonl" };
    try {
      selectRun([...RUNS, copy], "bbbb2222", undefined, "/j");
    } catch (err) {
      expect((err as ByodkimError).hint?.params?.["commands"]).toBe(
        "\n    byodkim report --journal '/j/backup copy/bbbb2222.jsonl'\n    byodkim report --journal /j/3-mail.goo.ne.jp-enable-bbbb2222.jsonl",
      );
      return;
    }
    throw new Error("selected a run");
  });

  it("refuses an unknown run id, and latest when nothing is journaled, with exit 2", () => {
    expect(refusal("ffff")).toMatchObject({ key: "report.unknownRun", exitCode: 2 });
    expect(refusal(undefined, undefined, [])).toMatchObject({ key: "report.noRuns", exitCode: 2 });
    expect(refusal("latest", "other.example", RUNS)).toMatchObject({ key: "report.noRunsFor", exitCode: 2 });
  });

  it("lists a run from its first entry and its end, or as cut short without one", () => {
    const entries = [started(), entry(5, "ended", { outcome: "declined", sesChange: null })];
    expect(journaledRun("/j/x.jsonl", entries)).toEqual({
      path: "/j/x.jsonl",
      runId: "0a1b2c3d",
      command: "enable",
      domain: "goo.ne.jp",
      startedAt: at(0),
      outcome: "declined",
    });
    expect(journaledRun("/j/x.jsonl", [started()])?.outcome).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { changeIdOf } from "../../src/cli/options.js";
import { enable } from "../../src/commands/enable.js";
import { buildRunReport, type RunReport } from "../../src/commands/report/runReport.js";
import { type JournaledRun, journaledRun } from "../../src/commands/report/runSelection.js";
import { keygen } from "../../src/commands/keygen.js";
import { retire } from "../../src/commands/retire.js";
import { rollback } from "../../src/commands/rollback.js";
import { rotate } from "../../src/commands/rotate.js";
import { runWalk } from "../../src/commands/run.js";
import { verify } from "../../src/commands/verify.js";
import { fingerprintSpki } from "../../src/dkim/publicKey.js";
import { ByodkimError, ExitCode } from "../../src/errors.js";
import { createTranslator, type Lang } from "../../src/messages/catalogue.js";
import { noticeChannels } from "../../src/notify/channels.js";
import type { NoticeFacts } from "../../src/notify/notice.js";
import { noticeText, webhookBody } from "../../src/notify/noticeFormats.js";
import { carryOptions } from "../../src/ui/carriedOptions.js";
import { evidenceLines } from "../../src/ui/gateEvidence.js";
import { renderReportMarkdown, reportJson } from "../../src/ui/renderReport.js";
import { DOMAIN, fakeWorld as newWorld } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { keyFree, plainOutput } from "../support/plainOutput.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const TICKET = "CHG-1234";

/** A world whose changes belong to the ticket, as `--change-id CHG-1234` makes them, told to one JSON webhook. */
function ticketWorld(changeId: string | null = TICKET) {
  const world = newWorld({ key });
  const posted: Record<string, unknown>[] = [];
  const notices = noticeChannels(
    { sns: [], webhooks: [{ url: "https://hooks.example.com/services/T0/B0/secret-token", format: "json" }], lang: "en" },
    {
      sns: world.ctx.aws.sns,
      post: async (_url, body) => {
        posted.push(JSON.parse(body) as Record<string, unknown>);
        return 200;
      },
    },
  );
  return { world, posted, ctx: { ...world.ctx, notices, ...(changeId === null ? {} : { changeId }) } };
}

const enableIn = (ctx: World["ctx"], dryRun = false) =>
  enable(ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun, waitSeconds: 60, forceUnlock: false });
const renderReportMarkdownOf = (lang: Lang, run: JournaledRun, report: RunReport) =>
  renderReportMarkdown(plainOutput(lang), { directory: "/journal", run, report, warnings: [] });
const renderReportJson = (lang: Lang, run: JournaledRun, report: RunReport) =>
  reportJson(plainOutput(lang, true), { directory: "/journal", run, report, warnings: [] });
const entriesOf = (world: World, path: string | null) => world.ctx.journal.read(path!).entries;

describe("--change-id: the ticket's id as the operator gives it", () => {
  it.each(["CHG-1234", "INC#0042", "ops/2026-12/7", "RFC:4711.a_b", "a".repeat(64)])("takes %s", (ticket) => {
    expect(changeIdOf(ticket)).toBe(ticket);
  });

  it("takes no option at all: no ticket", () => {
    expect(changeIdOf(undefined)).toBeUndefined();
  });

  it.each([
    ["empty", ""],
    ["65 characters", "a".repeat(65)],
    ["a space", "CHG 1234"],
    ["a leading hyphen (an option, not a value)", "-CHG"],
    ["an escape sequence", "CHG\u001b[31m"],
    ["a new line", "CHG-1\nrm"],
    ["a quote", "CHG'1"],
    ["full-width characters", "変更１２３"],
  ])("refuses %s with a usage error (exit 2) that shows the value escaped", (_what, ticket) => {
    let error: unknown;
    try {
      changeIdOf(ticket);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ByodkimError);
    const refusal = error as ByodkimError;
    expect(refusal.exitCode).toBe(ExitCode.usage);
    expect(refusal.what.key).toBe("cli.badChangeId");
    const shown = createTranslator("en")(refusal.what);
    expect([...shown].filter((char) => char.charCodeAt(0) < 0x20)).toEqual([]);
    expect(shown).toContain("--change-id");
  });

  it("is carried into the printed commands that change something, and into no other", () => {
    const carried = [
      { flag: "--config" as const, value: "/tmp/sandbox/byodkim.config.yaml" },
      { flag: "--change-id" as const, value: TICKET, onlyFor: ["enable", "rotate", "rollback", "keygen", "retire", "run"] },
    ];
    expect(carryOptions("Next: byodkim verify goo.ne.jp.", carried)).toBe("Next: byodkim verify goo.ne.jp --config /tmp/sandbox/byodkim.config.yaml.");
    expect(carryOptions("To undo: byodkim rollback goo.ne.jp --to previous", carried)).toBe(
      "To undo: byodkim rollback goo.ne.jp --to previous --config /tmp/sandbox/byodkim.config.yaml --change-id CHG-1234",
    );
    expect(carryOptions("byodkim report 0a1b2c3d prints it", carried)).toBe("byodkim report 0a1b2c3d --config /tmp/sandbox/byodkim.config.yaml prints it");
    // A ticket id with # is quoted, so the shell does not read the rest as a comment… nor anything else.
    expect(carryOptions("byodkim retire sel-1", [{ flag: "--change-id", value: "INC#42", onlyFor: ["retire"] }])).toBe(
      "byodkim retire sel-1 --change-id 'INC#42'",
    );
  });
});

describe("the change ticket through a change (fakes)", () => {
  it("is in the journal's header, the notices and the state's record of the last run", async () => {
    const { world, posted, ctx } = ticketWorld();
    const result = await enableIn(ctx);
    expect(result.outcome).toBe("completed");
    const started = entriesOf(world, result.journalPath)[0]!;
    expect(started).toMatchObject({ event: "run-started", command: "enable", changeId: TICKET });
    expect(started["dryRun"]).toBeUndefined();
    expect(posted.map((notice) => `${String(notice["event"])} ${String(notice["changeId"])}`)).toEqual([
      `change-confirmed ${TICKET}`,
      `change-succeeded ${TICKET}`,
    ]);
    expect(world.state()["byodkim_last_run"]).toMatchObject({ runId: "run1", command: "enable", changeId: TICKET });
    // The fields every earlier record had stay as they were.
    expect(world.state()).toMatchObject({ current_phase: "7", byodkim_enabled: true });
  });

  it("leaves no ticket anywhere when none was named (records as before)", async () => {
    const { world, posted, ctx } = ticketWorld(null);
    const result = await enableIn(ctx);
    expect(entriesOf(world, result.journalPath)[0]!["changeId"]).toBeUndefined();
    expect(posted[0]!["changeId"]).toBeNull();
    expect(world.state()["byodkim_last_run"]).not.toHaveProperty("changeId");
  });

  it("is named by an incident's rollback too, in its journal and its record", async () => {
    const { world, ctx } = ticketWorld();
    await enableIn({ ...ctx, changeId: "CHG-1" });
    const result = await rollback(ctx, { domain: DOMAIN, to: "disable", yes: true, dryRun: false, reason: "incident", forceUnlock: false });
    expect(result.outcome).toBe("completed");
    expect(entriesOf(world, result.journalPath)[0]).toMatchObject({ command: "rollback", changeId: TICKET });
    expect(world.state()["byodkim_last_run"]).toMatchObject({ command: "rollback", changeId: TICKET });
  });

  it("journals what SES showed before an incident's rollback, and the report shows it", async () => {
    const { world, ctx } = ticketWorld();
    await enableIn(ctx);
    const result = await rollback(ctx, { domain: DOMAIN, to: "disable", yes: true, dryRun: false, reason: "incident", forceUnlock: false });
    const entries = entriesOf(world, result.journalPath);
    const gates = entries.find((entry) => entry.event === "gates")!["gates"] as { id: string; evidence?: Record<string, unknown> }[];
    expect(gates.find((gate) => gate.id === "ses")?.evidence).toMatchObject({ dkimStatus: "SUCCESS", origin: "EXTERNAL", signingEnabled: true });
    const markdown = renderReportMarkdownOf("en", journaledRun(result.journalPath!, entries)!, buildRunReport(entries)!);
    expect(markdown).toContain("DKIM status SUCCESS, origin EXTERNAL, signing on");
  });

  it("goes through a walk (run --change-id): in the walk's journal and the journal of the change it runs", async () => {
    const { world, ctx } = ticketWorld();
    // phase-7's answers: seven confirms and the typed domain for enable; the walk then pauses at the first post-check.
    for (const answer of ["y", "y", "y", "y", "y", "y", "y", DOMAIN]) world.answer(answer);
    const walked = await runWalk(
      { ...ctx, notices: [] },
      { runbookId: "phase-7", domain: DOMAIN, selector: undefined, resume: false, yes: false, waitSeconds: 60 },
      { verify, enable, rotate, keygen, retire, rollback },
    );
    expect(walked.exitCode).toBe(ExitCode.declined);
    const firsts = world.ctx.journal.list(DOMAIN).paths.map((path) => world.ctx.journal.read(path).entries[0]!);
    expect(firsts.find((entry) => entry.event === "walk-started")).toMatchObject({ changeId: TICKET });
    expect(firsts.find((entry) => entry.event === "run-started")).toMatchObject({ command: "enable", changeId: TICKET });
    expect(world.state()["byodkim_last_run"]).toMatchObject({ command: "enable", changeId: TICKET });
  });

  it.each<[Lang, string]>([
    ["en", "Change ticket"],
    ["ja", "変更チケット"],
  ])("is a line of the notice people read (%s)", (lang, label) => {
    const facts: NoticeFacts = {
      event: "change-confirmed",
      command: "enable",
      domain: DOMAIN,
      changeId: TICKET,
      selector: "sel",
      region: "ap-northeast-1",
      account: "123456789012",
      operator: "arn:aws:sts::123456789012:assumed-role/MailOps/operator",
      outcome: null,
      plan: "PutEmailIdentityDkimSigningAttributes ⇒ EXTERNAL, sel, signing on",
      summary: null,
      sesNow: null,
      rollbackCommand: null,
      dnsRecordsNeeded: [],
      at: "2026-12-01T09:00:00.000Z",
    };
    const t = createTranslator(lang);
    expect(noticeText(facts, t).lines[0]).toEqual({ label, value: TICKET });
    const slack = JSON.stringify(webhookBody("slack", facts, t));
    expect(slack).toContain(`*${label}:* ${TICKET}`);
  });
});

describe("the report's undo command for a run left part-way", () => {
  const partWay = (changeId: string) =>
    buildRunReport([
      { at: "2026-12-01T09:00:00.000Z", event: "run-started", command: "enable", runId: "0a1b2c3d", domain: DOMAIN, changeId },
      { at: "2026-12-01T09:00:01.000Z", event: "call-started", call: "PutEmailIdentityDkimSigningAttributes" },
      { at: "2026-12-01T09:00:02.000Z", event: "call-done", call: "PutEmailIdentityDkimSigningAttributes", requestId: "req-1" },
      { at: "2026-12-01T09:00:03.000Z", event: "ended", outcome: "failedDuringChange", sesChange: null },
    ])!;

  it("is on the run's ticket, as the run printed it", () => {
    expect(partWay(TICKET).rollbackCommand).toBe(`byodkim rollback ${DOMAIN} --change-id ${TICKET}`);
    expect(partWay("INC#42").rollbackCommand).toBe(`byodkim rollback ${DOMAIN} --change-id 'INC#42'`);
  });

  it("leaves out a ticket id no --change-id would have taken (a hand-edited journal)", () => {
    const report = partWay("x; rm -rf ~");
    expect(report.changeId).toBeNull();
    expect(report.rollbackCommand).toBe(`byodkim rollback ${DOMAIN}`);
  });
});

describe("a dry run is journaled: the plan reviewed before the window, for the ticket", () => {
  it("writes the header marked as a dry run, the gates, the plan and its end, and changes nothing", async () => {
    const { world, posted, ctx } = ticketWorld();
    const result = await enableIn(ctx, true);
    expect(result.outcome).toBe("dryRun");
    const entries = entriesOf(world, result.journalPath);
    expect(entries.map((entry) => entry.event)).toEqual(["run-started", "gates", "plan", "ended"]);
    expect(entries[0]).toMatchObject({ dryRun: true, changeId: TICKET, operator: expect.stringContaining("MailOps") });
    expect(entries[3]).toMatchObject({ outcome: "dryRun" });
    expect(world.mutations()).toEqual([]);
    expect(posted).toEqual([]);
    // What the operator is told to run to get the report of this very run.
    expect(result.next).toEqual({ key: "change.dryRunReport", params: { runId: "run1" } });
  });

  it.each<[Lang, string, string]>([
    ["en", "Dry run: the gates and the plan as reviewed before the change. Nothing was changed.", "| Change ticket | CHG-1234 |"],
    ["ja", "ドライラン：変更前に確認したゲートと計画です。何も変更していません。", "| 変更チケット | CHG-1234 |"],
  ])("reports as a dry run that changed nothing, with the plan and the ticket (%s)", async (lang, banner, ticketRow) => {
    const { world, ctx } = ticketWorld();
    const result = await enableIn(ctx, true);
    const entries = entriesOf(world, result.journalPath);
    const report = buildRunReport(entries)!;
    expect(report).toMatchObject({ dryRun: true, changeId: TICKET, outcome: "dryRun", exitCode: 0, calls: [] });
    const markdown = renderReportMarkdownOf(lang, journaledRun(result.journalPath!, entries)!, report);
    expect(markdown.split("\n")[2]).toBe(`**${banner}**`);
    expect(markdown).toContain(ticketRow);
    expect(markdown).toContain("PutEmailIdentityDkimSigningAttributes");
    // No section of a change that did not happen: no calls, no wait, no record.
    expect(markdown).not.toMatch(/## (Calls|SES calls|Waiting|State)/);
    expect(renderReportJson(lang, journaledRun(result.journalPath!, entries)!, report)["report"]).toMatchObject({ dryRun: true, changeId: TICKET });
  });
});

describe("the report's gate table carries what each gate read", () => {
  it("journals each gate's evidence: the nameservers and fingerprints, SES's settings, the alarm states", async () => {
    const { world, ctx } = ticketWorld();
    const result = await enableIn(ctx);
    const gates = entriesOf(world, result.journalPath).find((entry) => entry.event === "gates")!["gates"] as {
      id: string;
      evidence?: Record<string, unknown>;
    }[];
    const evidence = (id: string) => gates.find((gate) => gate.id === id)?.evidence;
    const fingerprint = fingerprintSpki(Buffer.from(key.publicKeyBase64, "base64"));
    expect(evidence("dns")).toMatchObject({ servers: [{ server: "ns1", outcome: "match", fingerprint }] });
    expect(evidence("ses")).toMatchObject({ dkimStatus: "SUCCESS", origin: "AWS_SES", signingEnabled: true });
    expect(evidence("alarms")).toMatchObject({ alarms: [{ name: "bounce-rate", state: "OK", ok: true }] });
    expect(evidence("key")).toMatchObject({ publicKeyFingerprint: fingerprint });
    // The re-check journals the same evidence as it then read.
    const rechecked = entriesOf(world, result.journalPath).find((entry) => entry.event === "rechecked")!["gates"] as { id: string; evidence?: unknown }[];
    expect(rechecked.find((gate) => gate.id === "dns")?.evidence).toMatchObject({ servers: [{ fingerprint }] });
  });

  it.each<[Lang, string, string, string]>([
    ["en", "ns1: key matches (SHA256:", "DKIM status SUCCESS, origin AWS_SES, signing on", "bounce-rate: OK (allowed: OK)"],
    ["ja", "ns1：公開鍵が一致しています（SHA256:", "DKIM ステータス SUCCESS、オリジン AWS_SES、署名有効", "bounce-rate：OK（許容：OK）"],
  ])("renders nameserver → fingerprint, the SES status and the alarm states, and never the key (%s)", async (lang, server, ses, alarm) => {
    const { world, ctx } = ticketWorld();
    const result = await enableIn(ctx);
    const entries = entriesOf(world, result.journalPath);
    const journalText = JSON.stringify(entries);
    keyFree(journalText, key.canaries);
    // Fingerprints, not keys: not even the public key's base64 is journaled.
    expect(journalText).not.toContain(key.publicKeyBase64.slice(40, 100));
    const report = buildRunReport(entries)!;
    const markdown = keyFree(renderReportMarkdownOf(lang, journaledRun(result.journalPath!, entries)!, report), key.canaries);
    const dnsRow = markdown.split("\n").find((line) => line.includes(server))!;
    expect(dnsRow).toBeDefined();
    const shortPrint = fingerprintSpki(Buffer.from(key.publicKeyBase64, "base64")).slice(0, "SHA256:".length + 16);
    expect(dnsRow).toContain(`${shortPrint}…`);
    expect(markdown).toContain(ses);
    expect(markdown).toContain(alarm);
    const json = keyFree(JSON.stringify(renderReportJson(lang, journaledRun(result.journalPath!, entries)!, report)), key.canaries);
    expect(JSON.parse(json).report.gates.find((gate: { id: string }) => gate.id === "alarms").evidence).toMatchObject({
      alarms: [{ name: "bounce-rate", state: "OK" }],
    });
  });

  it("says what each nameserver answered when they disagree, and which alarm is missing or in the wrong state", () => {
    const out = plainOutput();
    const servers = [
      { server: "ns1.example.jp", outcome: "match", fingerprint: "SHA256:KBmjVf0TCJZCcpBOzkhvak5/ASso0DM/MWimONXpTGI" },
      { server: "ns2.example.jp", outcome: "mismatch", fingerprint: "SHA256:9xQv1fWm3Pp0ZtYlq2aB8cD4eF6gH7iJ1kL2mN3oP4q" },
      { server: "ns3.example.jp", outcome: "nxdomain", fingerprint: null },
      { server: "ns4.example.jp", outcome: "hand-edited", fingerprint: null },
    ];
    expect(evidenceLines(out, { id: "dns", status: "fail", code: "gate.dns.disagree", evidence: { servers } })).toEqual([
      "ns1.example.jp: key matches (SHA256:KBmjVf0TCJZCcpBO…)",
      "ns2.example.jp: a different key (SHA256:9xQv1fWm3Pp0ZtYl…)",
      "ns3.example.jp: no such name (NXDOMAIN)",
      "ns4.example.jp: hand-edited",
    ]);
    const alarms = [
      { name: "bounce-rate", state: "ALARM", allowed: ["OK"], ok: false },
      { name: "complaint-rate", state: null, allowed: ["OK"], ok: false },
    ];
    expect(evidenceLines(out, { id: "alarms", status: "fail", code: "gate.alarms.fail", evidence: { alarms } })).toEqual([
      "bounce-rate: ALARM, expected OK",
      "complaint-rate: no such alarm",
    ]);
    // A journal line edited by hand (or another tool's) is shown as far as it reads, never thrown on.
    expect(evidenceLines(out, { id: "dns", status: "pass", code: "gate.dns.pass", evidence: { servers: "ns1" } })).toEqual([]);
    expect(evidenceLines(out, { id: "ses", status: "pass", code: "gate.ses.pass", evidence: [] as never })).toEqual([]);
  });

  it("reports a journal written before evidence was journaled as it did (an empty evidence cell)", () => {
    const report = buildRunReport([
      { at: "2026-12-01T09:00:00.000Z", event: "run-started", command: "enable", runId: "old", domain: DOMAIN },
      { at: "2026-12-01T09:00:00.000Z", event: "gates", gates: [{ id: "dns", status: "pass", code: "gate.dns.pass" }] },
    ])!;
    expect(report).toMatchObject({ changeId: null, dryRun: false });
    const markdown = renderReportMarkdownOf(
      "en",
      { path: "/j/old.jsonl", runId: "old", command: "enable", domain: DOMAIN, startedAt: "", outcome: null },
      report,
    );
    expect(markdown).toContain("| DKIM record in DNS | pass | `gate.dns.pass` | - |");
  });
});

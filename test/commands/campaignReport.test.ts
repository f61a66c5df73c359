import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCampaignReport, journaledCampaign } from "../../src/commands/report/campaignReport.js";
import { type CampaignReportResult, isCampaignResult, listRuns, reportJournal, reportRun } from "../../src/commands/report/report.js";
import type { JournalEntry } from "../../src/state/journal.js";
import { renderCampaignMarkdown } from "../../src/ui/renderCampaignReport.js";
import { plainOutput } from "../support/plainOutput.js";

const PLAN_ID = "7e3d0c5a9b1f42d6a8c0e1f2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6";
const at = (second: number) => new Date(Date.UTC(2026, 11, 8, 1, 0, second)).toISOString();
const entry = (second: number, event: string, fields: Record<string, unknown> = {}): JournalEntry => ({ at: at(second), event, ...fields });
const ok = (requestId: string) => [{ name: "PutEmailIdentityDkimSigningAttributes", requestId, outcome: "ok" }];
const PATH = "/j/2026-12-08T01-00-00-000Z-campaign-7e3d0c5a-apply-c0ffee01.jsonl";

/** A campaign of one wave whose bake broke on a target's DKIM: its two regions rolled back, then halted. */
const halted: JournalEntry[] = [
  entry(0, "campaign-started", {
    domain: "campaign-7e3d0c5a",
    command: "apply",
    planId: PLAN_ID,
    change: "rotate",
    by: "arn:aws:sts::123456789012:assumed-role/MailOps/operator",
    changeId: "CHG-1",
    plan: { url: null, plannedBy: "p", createdAt: at(0), expiresAt: at(0), waves: { canary: 1, size: 10, maxErrors: 0 }, targets: 2 },
    approvals: [{ by: "a", at: at(0), comment: "ok" }],
    gates: [{ id: "window", status: "pass", detail: { key: "window.none" } }],
    resumedAfter: ["m00.goo.ne.jp ap-northeast-1"],
  }),
  entry(1, "wave-started", { wave: 1, kind: "canary", targets: ["m01.goo.ne.jp ap-northeast-1", "m01.goo.ne.jp ap-northeast-3"] }),
  entry(2, "target-ended", {
    domain: "m01.goo.ne.jp",
    region: "ap-northeast-1",
    wave: 1,
    end: "completed",
    outcome: "completed",
    calls: ok("r1"),
    journal: "/j/t1.jsonl",
  }),
  entry(3, "target-ended", {
    domain: "m01.goo.ne.jp",
    region: "ap-northeast-3",
    wave: 1,
    end: "completed",
    outcome: "completed",
    calls: ok("r2"),
    journal: null,
  }),
  entry(4, "bake-started", { wave: 1, minutes: 0.5, alarms: [] }),
  entry(9, "bake-ended", { wave: 1, broke: { kind: "target", domain: "m01.goo.ne.jp", region: "ap-northeast-3", status: "FAILED", selector: "s2" } }),
  entry(10, "target-rolled-back", { domain: "m01.goo.ne.jp", region: "ap-northeast-1", wave: 1, why: "bake", outcome: "completed", calls: ok("r3") }),
  entry(11, "target-rolled-back", { domain: "m01.goo.ne.jp", region: "ap-northeast-3", wave: 1, why: "bake", outcome: "error", calls: [] }),
  entry(11, "campaign-halted", { wave: 1, why: "m01.goo.ne.jp ap-northeast-3 DKIM FAILED s2" }),
  entry(12, "campaign-ended", { outcome: "rolledBack" }),
];

describe("the campaign report of a halted campaign", () => {
  const notice = { at: at(2), sent: true, event: "change-succeeded", target: "webhook:hooks.example.com", ms: 80, reason: null };
  const report = buildCampaignReport(PATH, halted, (journal) => ({
    report: journal === "/j/t1.jsonl" ? ({ runId: "a1000001", notices: [notice] } as never) : null,
    reportCommand: journal === "/j/t1.jsonl" ? "byodkim report a1000001" : null,
  }))!;

  it("takes the run id from the journal's name and keeps the plan, approvals, gates and the targets done before", () => {
    expect(report).toMatchObject({ runId: "c0ffee01", planId: PLAN_ID, change: "rotate", changeId: "CHG-1", outcome: "rolledBack", cutShort: null });
    expect(report.approvals).toEqual([{ by: "a", at: at(0), comment: "ok" }]);
    expect(report.gates).toEqual([{ id: "window", status: "pass", detail: { key: "window.none" } }]);
    expect(report.resumedAfter).toEqual(["m00.goo.ne.jp ap-northeast-1"]);
    expect(report.halted).toEqual({ wave: 1, why: "m01.goo.ne.jp ap-northeast-3 DKIM FAILED s2", at: at(11) });
  });

  it("puts each rollback on its target, the break on its bake, and the target's own run beside it", () => {
    const [wave] = report.waves;
    expect(wave!.bake).toMatchObject({ minutes: 0.5, broke: { kind: "target", status: "FAILED" }, endedAt: at(9) });
    expect(wave!.targets.map((target) => [target.region, target.rolledBack?.outcome, target.runId, target.notices.length])).toEqual([
      ["ap-northeast-1", "completed", "a1000001", 1],
      ["ap-northeast-3", "error", null, 0],
    ]);
  });

  it("says in the reader's words why it halted, what was rolled back, and to plan again", () => {
    const text = renderCampaignMarkdown(plainOutput("en"), { directory: "/j", run: journaledCampaign(PATH, halted)!, campaign: report, warnings: [] });
    expect(text).toContain("Broke at 2026-12-08 01:00:09 UTC: m01.goo.ne.jp ap-northeast-3 showed DKIM FAILED with selector s2.");
    expect(text).toContain("- m01.goo.ne.jp ap-northeast-3 (wave 1), 2026-12-08 01:00:11 UTC: its wave's bake broke; rollback failed; calls: -");
    expect(text).toContain("The bake of wave 1 broke (m01.goo.ne.jp ap-northeast-3 showed DKIM FAILED)");
    expect(text).toContain("Find out why, then make a new plan: byodkim plan rotate\n");
    expect(text).toContain("already done and are skipped as done");
    const ja = renderCampaignMarkdown(plainOutput("ja"), { directory: "/j", run: journaledCampaign(PATH, halted)!, campaign: report, warnings: [] });
    expect(ja).toContain("原因を確認してから、新しいプランを作成してください：byodkim plan rotate");
  });

  it("is no campaign for a change run's journal", () => {
    expect(buildCampaignReport("/j/x.jsonl", [entry(0, "run-started", { runId: "x" })], () => ({ report: null, reportCommand: null }))).toBeNull();
    expect(journaledCampaign("/j/x.jsonl", [entry(0, "run-started", { runId: "x" })])).toBeNull();
  });
});

describe("a campaign journal torn by kill -9", () => {
  // The fixture campaign up to its second wave's first change, and the next line cut mid-write.
  const fixtures = new URL("../fixtures/report/campaign/", import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), "byodkim-torn-campaign-"));
  for (const name of readdirSync(fixtures)) writeFileSync(join(dir, name), readFileSync(new URL(name, fixtures), "utf8").replaceAll("<journal-dir>", dir));
  const campaignFile = readdirSync(dir).find((name) => name.includes("-campaign-"))!;
  const lines = readFileSync(join(dir, campaignFile), "utf8").split("\n");
  const lastKept = lines.findIndex((line) => line.includes('"region":"ap-northeast-1","wave":2,"end":"completed"'));
  writeFileSync(join(dir, campaignFile), `${lines.slice(0, lastKept + 1).join("\n")}\n${lines[lastKept + 1]!.slice(0, 50)}`);

  it("reports what is there, says the run did not end and where it stopped, and how to go on", () => {
    const result = reportJournal(join(dir, campaignFile));
    expect(isCampaignResult(result)).toBe(true);
    const { campaign, warnings } = result as CampaignReportResult;
    expect(campaign).toMatchObject({ outcome: null, endedAt: null, cutShort: { lastEvent: "target-ended" } });
    expect(campaign.waves.map((wave) => wave.targets.length)).toEqual([2, 2]);
    expect(warnings.map((warning) => warning.key)).toEqual(["journal.tornLine"]);

    const text = renderCampaignMarkdown(plainOutput("en"), result as CampaignReportResult);
    expect(text).toContain("| Ended | never: the journal has no end");
    expect(text).toContain("Not reached in the journal: m02.goo.ne.jp ap-northeast-3");
    expect(text).toContain("The journal stopped before the bake began.");
    expect(text).toContain("**The campaign stopped here**");
    expect(text).toContain("its last entry is target-ended at 2026-12-08 01:05:04 UTC");
    expect(text).toContain(`To go on where it stopped (inside the change window): byodkim apply ${PLAN_ID}\n`);
    expect(text).toContain("- Warning: ");
    const ja = renderCampaignMarkdown(plainOutput("ja"), result as CampaignReportResult);
    expect(ja).toContain("**キャンペーンはここで止まりました**");
    expect(ja).toContain(`停止したところから再開するには（変更可能時間帯に）：byodkim apply ${PLAN_ID}`);
  });

  it("lists it as stopped, and selects it by its run id, its targets named by run id", () => {
    const listed = listRuns(dir).runs.find((run) => run.campaign);
    expect(listed).toMatchObject({ runId: "c0ffee01", domain: "campaign-7e3d0c5a", command: "apply", outcome: null });
    const result = reportRun(dir, "c0ffee", undefined) as CampaignReportResult;
    expect(result.campaign.waves[0]!.targets.map((target) => target.reportCommand)).toEqual(["byodkim report a1000001", "byodkim report a1000002"]);
  });

  it("names, for a target the apply run again skipped as done, the report of the run that changed it", () => {
    const [started] = readFileSync(join(dir, campaignFile), "utf8").split("\n");
    const again = [
      JSON.stringify({ ...JSON.parse(started!), at: "2026-12-08T02:00:00.000Z", resumedAfter: ["m01.goo.ne.jp ap-northeast-1"] }),
      JSON.stringify({ at: "2026-12-08T02:00:00.100Z", event: "wave-started", wave: 1, kind: "canary", targets: ["m01.goo.ne.jp ap-northeast-1"] }),
      JSON.stringify({
        at: "2026-12-08T02:00:00.200Z",
        event: "target-ended",
        domain: "m01.goo.ne.jp",
        region: "ap-northeast-1",
        wave: 1,
        end: "doneEarlier",
        outcome: null,
        calls: [],
        journal: null,
      }),
    ];
    writeFileSync(join(dir, "2026-12-08T02-00-00-000Z-campaign-7e3d0c5a-apply-c0ffee02.jsonl"), `${again.join("\n")}\n`);
    const result = reportRun(dir, "c0ffee02", undefined) as CampaignReportResult;
    expect(result.campaign.waves[0]!.targets[0]).toMatchObject({ end: "doneEarlier", runId: "a1000001", reportCommand: "byodkim report a1000001" });
  });
});

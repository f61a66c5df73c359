import { describe, expect, it } from "vitest";
import type { ReportResult } from "../../src/commands/report/report.js";
import { buildRunReport } from "../../src/commands/report/runReport.js";
import type { StatusResult } from "../../src/commands/status.js";
import type { Contact } from "../../src/config/contacts.js";
import { byodkimError } from "../../src/errors.js";
import { msg } from "../../src/messages/msg.js";
import { noticeChannels } from "../../src/notify/channels.js";
import type { NoticeFacts } from "../../src/notify/notice.js";
import { createOutput, type Output } from "../../src/ui/output.js";
import type { ChangeResult } from "../../src/engine/change/changeTypes.js";
import { renderChangeText } from "../../src/ui/renderChange.js";
import { renderError } from "../../src/ui/renderError.js";
import { renderGateRows } from "../../src/ui/renderPrecheck.js";
import { renderReportMarkdown, reportJson } from "../../src/ui/renderReport.js";
import { renderStatusText } from "../../src/ui/renderStatus.js";

const NOW = new Date("2026-12-04T05:53:00.000Z");
const sink = { write: () => true };
const output = (lang: "en" | "ja", env: NodeJS.ProcessEnv = {}, json = false): Output =>
  createOutput({ stdout: sink, stderr: sink, env, json, lang, colorFlag: false, verbose: false, now: () => NOW });

const CONTACTS: readonly Contact[] = [
  { role: "emergency", name: "夜間当番", address: "03-0000-0000" },
  { role: "dns", name: "DNS 管理チーム", address: "dns-team@example.jp" },
  { role: "aws", name: "AWS 管理者", address: "aws-admin@example.jp" },
  { role: "operator", name: "山田", address: "yamada@example.jp" },
];

const status: StatusResult = {
  command: "status",
  ok: true,
  identity: { id: "identity", status: "pass", detail: msg("gate.identity.pass", { account: "123456789012", arn: "arn", region: "ap-northeast-1" }) },
  regions: ["ap-northeast-1"],
  rows: [],
  counts: { ok: 0, warn: 0, action: 0 },
  historyProblem: undefined,
  metrics: null,
  checkedAt: "2026-12-04T05:53:00.000Z",
};

describe("times shown to people", () => {
  it("are Japan time under --lang ja when neither TZ nor timeZone: names a zone", () => {
    expect(renderStatusText(output("ja"), status)).toContain("· ap-northeast-1 · 2026-12-04 14:53 JST");
  });

  it("are UTC under --lang en with TZ=UTC, and follow TZ otherwise", () => {
    expect(renderStatusText(output("en", { TZ: "UTC" }), status)).toContain("· ap-northeast-1 · 2026-12-04 05:53 UTC");
    expect(renderStatusText(output("en", { TZ: "America/New_York" }), status)).toContain("2026-12-04 00:53 EST");
  });

  it("follow the config's timeZone: once it is read, over TZ", () => {
    const out = output("en", { TZ: "UTC" });
    out.useConfig({ timeZone: "Asia/Tokyo" });
    expect(renderStatusText(out, status)).toContain("2026-12-04 14:53 JST");
  });

  it("stay UTC ISO with --json, whatever the config says", () => {
    const out = output("ja", {}, true);
    out.useConfig({ timeZone: "Asia/Tokyo" });
    expect(out.timeZone()).toBeNull();
    expect(out.t(msg("status.header", { rows: 0, regions: "r", checkedAt: status.checkedAt }))).toContain("2026-12-04T05:53:00.000Z");
    expect(out.time(status.checkedAt)).toBe("2026-12-04T05:53:00.000Z");
  });

  it("say how far away a deadline is", () => {
    const grace = msg("gate.grace.tooSoon", { selector: "s1", since: "2026-12-03T05:53:00.000Z", until: "2026-12-10T20:53:00.000Z", days: 7 });
    expect(output("ja").t(grace)).toContain("2026-12-11 05:53 JST（7 日後）");
    expect(output("en", { TZ: "UTC" }).t(grace)).toContain("until 2026-12-10 20:53 UTC (in 7 days)");
  });
});

const at = (second: number) => new Date(Date.UTC(2026, 11, 4, 5, 53, second)).toISOString();
const runReport = buildRunReport([
  {
    at: at(0),
    event: "run-started",
    command: "enable",
    runId: "0a1b2c3d",
    domain: "goo.ne.jp",
    operator: "arn:op",
    host: "ops-1",
    region: "ap-northeast-1",
    account: "123456789012",
  },
  { at: at(1), event: "confirmed", by: "--yes" },
  { at: at(2), event: "call-started", call: "PutEmailIdentityDkimSigningAttributes" },
  { at: at(3), event: "call-done", call: "PutEmailIdentityDkimSigningAttributes", requestId: "req-1" },
  { at: at(4), event: "ended", outcome: "completed", sesChange: null },
])!;
const reportResult: ReportResult = {
  directory: "/journals",
  run: {
    path: "/journals/run.jsonl",
    runId: "0a1b2c3d",
    command: "enable",
    domain: "goo.ne.jp",
    startedAt: at(0),
    outcome: "completed",
  } as ReportResult["run"],
  report: runReport,
  warnings: [],
};

describe("the change report", () => {
  it("shows its times to the second in JST under ja, and lists the contacts by role", () => {
    const out = output("ja");
    out.useConfig({ contacts: CONTACTS });
    const text = renderReportMarkdown(out, reportResult);
    expect(text).toContain("| 開始 | 2026-12-04 14:53:00 JST |");
    expect(text).toContain("| 1 | SES | PutEmailIdentityDkimSigningAttributes | 完了 | req-1 | 2026-12-04 14:53:02 JST |");
    expect(text).toContain("2026-12-04 14:53 JST に --yes で確認しました。");
    const contacts = text.slice(text.indexOf("## 連絡先"));
    expect(contacts).toContain("| 役割 | 氏名・チーム | 連絡方法 |");
    // Ordered by role as the plan names them: the operator first, the emergency contact last.
    expect(contacts.indexOf("| 作業担当者 | 山田 | yamada@example.jp |")).toBeLessThan(contacts.indexOf("| DNS チーム |"));
    expect(contacts.indexOf("| DNS チーム | DNS 管理チーム | dns-team@example.jp |")).toBeLessThan(
      contacts.indexOf("| 緊急連絡先 | 夜間当番 | 03-0000-0000 |"),
    );
  });

  it("shows UTC under en with TZ=UTC, and no contacts section without contacts", () => {
    const text = renderReportMarkdown(output("en", { TZ: "UTC" }), reportResult);
    expect(text).toContain("| Started | 2026-12-04 05:53:00 UTC |");
    expect(text).not.toContain("## Contacts");
  });

  it("keeps UTC ISO in its JSON, the same with or without --json", () => {
    const document = JSON.stringify(reportJson(output("ja"), reportResult));
    expect(document).toContain(at(0));
    expect(document).not.toContain("JST");
  });
});

describe("failures that need another team", () => {
  const dnsFailed = { id: "dns" as const, status: "fail" as const, detail: msg("gate.dns.noMatch", { name: "s1._domainkey.goo.ne.jp", total: 3 }) };

  it("name the DNS team under a failing DNS gate, in both languages", () => {
    const ja = output("ja");
    ja.useConfig({ contacts: CONTACTS });
    expect(renderGateRows(ja, [dnsFailed]).join("\n")).toContain("DNS チームの連絡先：DNS 管理チーム dns-team@example.jp");
    const en = output("en");
    en.useConfig({ contacts: CONTACTS });
    expect(renderGateRows(en, [dnsFailed]).join("\n")).toContain("Reach the DNS team: DNS 管理チーム dns-team@example.jp");
  });

  it("say nothing more when the config names nobody, or the gate passed", () => {
    const rows = renderGateRows(output("en"), [dnsFailed]);
    expect(rows).toHaveLength(1);
    const en = output("en");
    en.useConfig({ contacts: CONTACTS });
    expect(renderGateRows(en, [{ ...dnsFailed, status: "pass" }])).toHaveLength(1);
  });

  it("say nothing under a gate not checked because an earlier gate failed: that team is not needed yet", () => {
    const en = output("en");
    en.useConfig({ contacts: CONTACTS });
    const notChecked = { id: "dns" as const, status: "fail" as const, detail: msg("gate.selector.unavailable"), notChecked: true as const };
    expect(renderGateRows(en, [notChecked]).join("\n")).not.toContain("Reach");
  });

  it("name the emergency contact under a firing alarm", () => {
    const en = output("en");
    en.useConfig({ contacts: CONTACTS });
    const alarms = { id: "alarms" as const, status: "fail" as const, detail: msg("gate.alarms.noneConfigured") };
    expect(renderGateRows(en, [alarms]).join("\n")).toContain("Emergency contact: 夜間当番 03-0000-0000");
  });

  it("name the AWS account's administrators under AccessDenied, and nobody under an expired session", () => {
    const en = output("en");
    en.useConfig({ contacts: CONTACTS });
    const denied = byodkimError("aws", "aws.accessDenied", { service: "SES", action: "ses:GetEmailIdentity", resource: "goo.ne.jp", requestId: "r" });
    expect(renderError(en, denied)).toContain("Reach the AWS account's administrators: AWS 管理者 aws-admin@example.jp");
    const expired = byodkimError("aws", "aws.expiredCredentials", { service: "SES", action: "ses:GetEmailIdentity" });
    expect(renderError(en, expired)).not.toContain("aws-admin@example.jp");
  });
});

describe("a change that needs another team", () => {
  const failed: ChangeResult = {
    command: "enable",
    domain: "goo.ne.jp",
    selector: "s1",
    region: "ap-northeast-1",
    ok: false,
    outcome: "failedDuringChange",
    exitCode: 4,
    summary: msg("cli.error"),
    next: null,
    gates: [],
    plan: null,
    calls: [{ name: "PutEmailIdentityDkimSigningAttributes", requestId: "r", outcome: "failed" }],
    sesNow: null,
    sesChange: null,
    verificationError: null,
    probeWindow: null,
    probes: null,
    warnings: [],
    dnsRecordsNeeded: [],
    elapsedMs: null,
    journalPath: null,
    rollbackCommand: "byodkim rollback goo.ne.jp",
    finishCommand: null,
    error: byodkimError("aws", "aws.accessDenied", {
      service: "SES",
      action: "ses:PutEmailIdentityDkimSigningAttributes",
      resource: "goo.ne.jp",
      requestId: "r",
    }),
  };

  it("names the AWS admins for the refusal and the emergency contact for the change left part-way", () => {
    const ja = output("ja");
    ja.useConfig({ contacts: CONTACTS });
    const text = renderChangeText(ja, failed);
    expect(text).toContain("AWS アカウント管理者の連絡先：AWS 管理者 aws-admin@example.jp");
    expect(text).toContain("緊急連絡先：夜間当番 03-0000-0000");
    expect(text).not.toContain("DNS チームの連絡先");
  });

  it("names the DNS team while records are still needed, and nobody without contacts", () => {
    const en = output("en");
    en.useConfig({ contacts: CONTACTS });
    const waiting = { ...failed, ok: true, outcome: "completed" as const, error: null, rollbackCommand: null, dnsRecordsNeeded: ["x CNAME y"] };
    const text = renderChangeText(en, waiting);
    expect(text).toContain("Reach the DNS team: DNS 管理チーム dns-team@example.jp");
    expect(text).not.toContain("Emergency contact");
    expect(renderChangeText(output("en"), failed)).not.toContain("Reach");
  });
});

describe("notices", () => {
  const facts: NoticeFacts = {
    event: "change-failed",
    command: "enable",
    domain: "goo.ne.jp",
    selector: "s1",
    region: "ap-northeast-1",
    account: "123456789012",
    operator: "arn:op",
    outcome: "failedDuringChange",
    plan: "p",
    summary: null,
    sesNow: null,
    rollbackCommand: "byodkim rollback goo.ne.jp",
    dnsRecordsNeeded: ["s1._domainkey.goo.ne.jp TXT ..."],
    at: "2026-12-04T05:53:07.000Z",
    contacts: CONTACTS,
  };
  const sent = async (lang: "en" | "ja", zone?: string) => {
    const published: string[] = [];
    const sns = { publish: async (_topic: string, _subject: string, message: string) => void published.push(message) };
    const notify = { sns: ["arn:aws:sns:ap-northeast-1:123456789012:dkim"], webhooks: [], lang };
    const [channel] = noticeChannels(notify, { sns: sns as never, post: async () => 200 }, zone ? { zone, now: () => NOW } : undefined);
    await channel!.send(facts, new AbortController().signal);
    return published[0]!;
  };

  it("carry their time in the readers' zone, and who to reach", async () => {
    const ja = await sent("ja", "Asia/Tokyo");
    expect(ja).toContain("日時：2026-12-04 14:53:07 JST");
    expect(ja).toContain("作業担当者: 山田 yamada@example.jp");
    expect(ja).toContain("DNS チーム: DNS 管理チーム dns-team@example.jp");
    expect(ja).toContain("緊急連絡先: 夜間当番 03-0000-0000");
    expect(ja).not.toContain("AWS 管理者");
    const en = await sent("en", "UTC");
    expect(en).toContain("at 2026-12-04 05:53:07 UTC");
    expect(en).toContain("Emergency contact: 夜間当番 03-0000-0000");
  });

  it("keep ISO when no zone is given", async () => {
    expect(await sent("en")).toContain("at 2026-12-04T05:53:07.000Z");
  });
});

import { describe, expect, it } from "vitest";
import { findRunbook } from "../../src/runbook/runbook.js";
import { renderRunbookMarkdown, renderRunbookShow, renderWalkStep } from "../../src/ui/renderRunbook.js";
import { plainOutput } from "../support/plainOutput.js";

describe("runbook show names each step's kind in the reader's language", () => {
  const runbook = findRunbook("phase-7");
  const statuses = new Map();

  it("says 手動確認 / 自動チェック / 変更操作 / 事後チェック in Japanese, in full-width brackets", () => {
    const text = renderRunbookShow(plainOutput("ja"), runbook, statuses, "goo.ne.jp");
    expect(text).toContain("DNSチームから設定完了通知受領（手動確認）");
    expect(text).toContain("（自動チェック）");
    expect(text).toContain("（変更操作）");
    expect(text).toContain("（事後チェック）");
    expect(text).not.toMatch(/\((confirm|gate|action|check)\)/);
    expect(renderWalkStep(plainOutput("ja"), runbook, runbook.steps[0]!, 0)).toContain("（手動確認）");
  });

  it("keeps the English kinds in English", () => {
    const text = renderRunbookShow(plainOutput("en"), runbook, statuses, "goo.ne.jp");
    expect(text).toContain("The DNS team has confirmed the TXT record is set (confirm)");
    expect(text).toContain("(gate)");
  });
});

describe("a walk's step that involves another team names who they are", () => {
  const runbook = findRunbook("phase-7");
  const dnsStep = runbook.steps.find((step) => step.id === "dns-team-notified")!;
  const planStep = runbook.steps.find((step) => step.id === "payload-reviewed")!;
  const contacts = [
    { role: "dns" as const, name: "DNS 管理チーム", address: "dns-team@example.jp" },
    { role: "emergency" as const, name: "夜間当番", address: "03-0000-0000" },
  ];

  it("shows the DNS team at the step the DNS team confirms, in the reader's language", () => {
    const en = plainOutput("en");
    en.useConfig({ contacts });
    expect(renderWalkStep(en, runbook, dnsStep, 0)).toContain("Reach the DNS team: DNS 管理チーム dns-team@example.jp");
    const ja = plainOutput("ja");
    ja.useConfig({ contacts });
    expect(renderWalkStep(ja, runbook, dnsStep, 0)).toContain("DNS チームの連絡先：DNS 管理チーム dns-team@example.jp");
  });

  it("adds nothing to a step of the operator's own, or when the config names nobody", () => {
    const out = plainOutput("en");
    out.useConfig({ contacts });
    expect(renderWalkStep(out, runbook, planStep, 5)).not.toMatch(/Reach|contact/i);
    expect(renderWalkStep(plainOutput("en"), runbook, dnsStep, 0)).not.toContain("Reach");
  });
});

describe("runbook export in Japanese", () => {
  it("puts the command a step runs in full-width brackets", () => {
    const markdown = renderRunbookMarkdown(plainOutput("ja"), findRunbook("phase-7"));
    expect(markdown).toContain("（byodkim enable）");
    expect(markdown).not.toContain("(byodkim");
    expect(renderRunbookMarkdown(plainOutput("en"), findRunbook("phase-7"))).toContain(" (byodkim enable)");
  });
});

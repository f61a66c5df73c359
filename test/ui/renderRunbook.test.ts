import { describe, expect, it } from "vitest";
import { findRunbook } from "../../src/runbook/runbook.js";
import { renderRunbookShow, renderWalkStep } from "../../src/ui/renderRunbook.js";
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

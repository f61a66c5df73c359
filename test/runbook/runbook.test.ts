import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ByodkimError } from "../../src/errors.js";
import { listRunbooks, RUNBOOK_DIR, validateRunbook } from "../../src/runbook/runbook.js";

const phase7 = parse(readFileSync(join(RUNBOOK_DIR, "phase-7-byodkim-enable.yaml"), "utf8")) as { steps: Record<string, unknown>[] };

function problem(mutate: (doc: { steps: Record<string, unknown>[] }) => void) {
  const doc = structuredClone(phase7);
  mutate(doc);
  try {
    validateRunbook(doc, "phase-7-byodkim-enable.yaml");
  } catch (err) {
    expect(err).toBeInstanceOf(ByodkimError);
    return (err as ByodkimError).what.params;
  }
  throw new Error("expected the runbook to be refused");
}

describe("runbook files", () => {
  it("ship phase-7, rollback and the monthly rotation, valid", () => {
    expect(listRunbooks().map((runbook) => runbook.id)).toEqual(["phase-7", "rollback", "rotate"]);
  });

  it("hold every item of the seed's Phase-7 checklist, in Japanese as the operators wrote it", () => {
    const titles = listRunbooks()
      .find((runbook) => runbook.id === "phase-7")!
      .steps.map((step) => step.title.ja);
    for (const item of [
      "DNSチームから設定完了通知受領",
      "DNS TXTレコード正常応答確認",
      "SES Status: SUCCESS 確認",
      "Phase-8監視システム正常動作確認",
      "CloudWatch ダッシュボードアクセス確認",
      "Phase-7実行ペイロード作成",
      "実行コマンド準備",
      "結果確認手順準備",
      "ロールバック手順確認",
      "関係者への実行通知準備",
      "SES BYODKIM設定確認",
      "Secrets Manager更新確認",
      "CloudWatch ログ確認",
      "アラーム状態確認",
      "メール送信テスト実行",
    ]) {
      expect(titles).toContain(item);
    }
  });

  it.each([
    ["a step without a kind", (doc: { steps: Record<string, unknown>[] }) => delete doc.steps[2]!["kind"], { step: "ses-status-success", field: "kind" }],
    [
      "a title without Japanese",
      (doc: { steps: Record<string, unknown>[] }) => (doc.steps[0]!["title"] = { en: "x" }),
      { step: "dns-team-notified", field: "title" },
    ],
    ["an action that runs nothing known", (doc: { steps: Record<string, unknown>[] }) => (doc.steps[10]!["run"] = "deploy"), { step: "enable", field: "run" }],
    [
      "a gate step naming an unknown gate",
      (doc: { steps: Record<string, unknown>[] }) => (doc.steps[1]!["gates"] = ["dnss"]),
      { step: "dns-txt-answers", field: "gates" },
    ],
    [
      "two steps with one id",
      (doc: { steps: Record<string, unknown>[] }) => (doc.steps[1]!["id"] = "dns-team-notified"),
      { step: "dns-team-notified", field: "id" },
    ],
    [
      "a confirm step that runs something",
      (doc: { steps: Record<string, unknown>[] }) => (doc.steps[0]!["run"] = "enable"),
      { step: "dns-team-notified", field: "run" },
    ],
    [
      "a link to a config key that is no link",
      (doc: { steps: Record<string, unknown>[] }) => (doc.steps[4]!["link"] = "dashboard"),
      { step: "dashboard-access", field: "link" },
    ],
    [
      "a contact role the config's contacts: has not",
      (doc: { steps: Record<string, unknown>[] }) => (doc.steps[0]!["contact"] = "dns-team"),
      { step: "dns-team-notified", field: "contact" },
    ],
  ])("refuse %s, naming the file, step and field", (_what, mutate, where) => {
    expect(problem(mutate)).toMatchObject({ file: "phase-7-byodkim-enable.yaml", ...where });
  });
});

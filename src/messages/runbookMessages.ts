import { defineMessages } from "./section.js";

export const runbookMessages = defineMessages({
  "runbook.invalid": {
    en: "runbook {file}, step {step}: {field} must be {expected}",
    ja: "ランブック {file}、手順 {step}：{field} は {expected} である必要があります",
  },
  "runbook.unreadable": { en: "runbook {file} is not readable YAML", ja: "ランブック {file} を YAML として読めません" },
  "runbook.unknown": { en: "no runbook named {id} (known: {known})", ja: "ランブック {id} はありません（使用可能: {known}）" },
  "runbook.badFormat": { en: "--format takes md, not {format}", ja: "--format には md を指定してください（{format} は使えません）" },
  "runbook.stepCount": { en: "({count} steps)", ja: "（{count} 手順）" },
  "runbook.confirmStep": { en: "Done? Type y when it is:", ja: "完了しましたか？完了したら y を入力してください：" },
  "runbook.section.precheck": { en: "Pre-checks", ja: "事前確認" },
  "runbook.section.preparation": { en: "Preparation", ja: "実行準備" },
  "runbook.section.execution": { en: "Execution", ja: "実行" },
  "runbook.section.postcheck": { en: "Post-checks", ja: "実行後確認" },
  "runbook.walk.done": { en: "Runbook {runbook} is complete for {domain}.", ja: "{domain} のランブック {runbook} が完了しました。" },
  "runbook.walk.stopped": {
    en: "Runbook {runbook} stopped at step {step} for {domain}; fix it and continue with --resume.",
    ja: "{domain} のランブック {runbook} は手順 {step} で停止しました。対処後 --resume で再開してください。",
  },
});

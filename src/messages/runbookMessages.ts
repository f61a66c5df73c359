import { defineMessages } from "./section.js";

export const runbookMessages = defineMessages({
  "runbook.invalid": {
    en: "runbook {file}, step {step}: {field} must be {expected}",
    ja: "ランブック {file}、手順 {step}：{field} の値が正しくありません（想定：{expected}）",
  },
  "runbook.unreadable": { en: "runbook {file} is not readable YAML", ja: "ランブック {file} を YAML として読めません" },
  "runbook.unknown": { en: "no runbook named {id} (known: {known})", ja: "ランブック {id} はありません（指定できるもの：{known}）" },
  "runbook.badFormat": { en: "--format takes md, not {format}", ja: "--format には md を指定してください（{format} は使えません）" },
  "runbook.stepCount": { en: "({count} steps)", ja: "（全 {count} 手順）" },
  "runbook.confirmStep": { en: "Done? Type y when it is:", ja: "完了しましたか？完了したら y を入力してください：" },
  "runbook.kind.confirm": { en: "confirm", ja: "手動確認" },
  "runbook.kind.gate": { en: "gate", ja: "自動チェック" },
  "runbook.kind.action": { en: "action", ja: "変更操作" },
  "runbook.kind.check": { en: "check", ja: "事後チェック" },
  "runbook.section.precheck": { en: "Pre-checks", ja: "事前確認" },
  "runbook.section.preparation": { en: "Preparation", ja: "実行準備" },
  "runbook.section.execution": { en: "Execution", ja: "実行" },
  "runbook.section.postcheck": { en: "Post-checks", ja: "実行後確認" },
  "runbook.walk.done": { en: "Runbook {runbook} is complete for {domain}.", ja: "{domain} のランブック {runbook} が完了しました。" },
  "runbook.walk.declined": { en: "the answer was not yes", ja: "yes と回答されませんでした" },
  "runbook.walk.noAnswer": { en: "no answer: the input ended at the prompt", ja: "回答がありません：確認中に入力が終了しました" },
  "runbook.walk.interrupted": { en: "stopped by {signal}", ja: "{signal} により停止しました" },
  "runbook.walk.newerKey": {
    en: "this walk's keygen step made {selector}, but the newest key in S3 for {domain} is {newest} (another operator's, or a stray upload): the walk rotates only to its own key",
    ja: "このウォークの keygen 手順が作成したのは {selector} ですが、S3 にある {domain} の最新の鍵は {newest} です（別の担当者の鍵か、誤ってアップロードされた鍵）：ウォークは自身の鍵にのみローテーションします",
  },
  "runbook.walk.newerKey.hint": {
    en: "remove or rename {newest} if it is not meant to be used, then byodkim run {runbook} {domain} --resume; or rotate to it on purpose: byodkim run {runbook} {domain} --resume --selector {newest}",
    ja: "{newest} を使う予定がなければ、削除するか名前を変えてから再開してください：byodkim run {runbook} {domain} --resume。意図してその鍵にローテーションする場合：byodkim run {runbook} {domain} --resume --selector {newest}",
  },
  "runbook.walk.changed": { en: "Changed by this walk: {steps}", ja: "このウォークで変更した手順：{steps}" },
  "runbook.walk.nothingChanged": { en: "No step of this walk changed anything.", ja: "このウォークではまだ何も変更していません。" },
  "runbook.walk.reason": { en: "Why: {reason}", ja: "理由：{reason}" },
  "runbook.walk.resumeHint": { en: "To continue: {command}", ja: "再開するには：{command}" },
  "runbook.walk.stopped": {
    en: "Runbook {runbook} stopped at step {step} for {domain}; fix it and continue with --resume.",
    ja: "{domain} のランブック {runbook} は手順 {step} で停止しました。対処後 --resume で再開してください。",
  },
});

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
  "runbook.confirmStep": {
    en: "Done? y: done, n: not done (the walk stops here):",
    ja: "完了しましたか？（y：完了、n：未完了。未完了ならここで停止します）：",
  },
  "runbook.kind.confirm": { en: "confirm", ja: "手動確認" },
  "runbook.kind.gate": { en: "gate", ja: "自動チェック" },
  "runbook.kind.action": { en: "action", ja: "変更操作" },
  "runbook.kind.check": { en: "check", ja: "事後チェック" },
  "runbook.section.precheck": { en: "Pre-checks", ja: "事前確認" },
  "runbook.section.preparation": { en: "Preparation", ja: "実行準備" },
  "runbook.section.execution": { en: "Execution", ja: "実行" },
  "runbook.section.postcheck": { en: "Post-checks", ja: "実行後確認" },
  "runbook.walk.done": { en: "Runbook {runbook} is complete for {domain}.", ja: "{domain} のランブック {runbook} が完了しました。" },
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
  "runbook.walk.checked": { en: "done: checked off", ja: "完了：確認済みとして記録しました" },
  "runbook.walk.notDoneHere": {
    en: "not done: the walk stops here, before any step after it",
    ja: "未完了：ウォークはここで停止します（以降の手順は実行しません）",
  },
  "runbook.walk.notDone": {
    en: "you answered that {step} is not done; nothing after it ran",
    ja: "{step} は未完了と回答されました。以降の手順は実行していません",
  },
  "runbook.walk.paused": {
    en: "Runbook {runbook} paused at step {step} for {domain}: it is not done yet. Once it is, continue with --resume.",
    ja: "{domain} のランブック {runbook} は手順 {step} が未完了のため一時停止しました。完了したら --resume で再開してください。",
  },
  "runbook.walk.resumed": {
    en: "Resuming {runbook} for {domain}: {count} steps already done, skipped:",
    ja: "{domain} のランブック {runbook} を再開します。完了済みの {count} 手順は飛ばします：",
  },
  "runbook.walk.checkedBy": { en: "checked off {when} by {operator} on {host}", ja: "{when} に {host} の {operator} が確認" },
  "runbook.walk.runBy": { en: "run {when} by {operator} on {host}", ja: "{when} に {host} の {operator} が実行" },
  "runbook.walk.tally": {
    en: "{done} of {total} steps done: {byHand} checked off by a person, {run} run by byodkim ({earlier} of them by an earlier walk).",
    ja: "{total} 手順中 {done} 手順が完了：人による確認 {byHand}、byodkim による実行 {run}（うち {earlier} は前回までのウォーク）。",
  },
  "runbook.walk.doneAside": { en: "({said})", ja: "（{said}）" },
  "runbook.walk.unknownOperator": { en: "an AWS caller not recorded", ja: "記録のない AWS 呼び出し元" },
  "runbook.walk.unknownHost": { en: "a host not recorded", ja: "記録のないホスト" },
  "runbook.dashboard": { en: "Dashboard: {url}", ja: "ダッシュボード：{url}" },
  "runbook.dashboard.none": {
    en: "Dashboard: no dashboardUrl in the config (add dashboardUrl: https://… to have it shown here)",
    ja: "ダッシュボード：設定ファイルに dashboardUrl がありません（dashboardUrl: https://… を追加するとここに表示されます）",
  },
  "runbook.testMail.address": {
    en: "Send the test message to which address? (empty: not done, the walk stops here)",
    ja: "テストメールの宛先を入力してください（空欄なら未完了としてここで停止します）：",
  },
  "runbook.testMail.received": {
    en: "Once it arrives, save the message as received and give its file (empty: not done, the walk stops here):",
    ja: "メールが届いたら受信したまま保存し、そのファイルのパスを入力してください（空欄なら未完了としてここで停止します）：",
  },
  "runbook.export.walk": {
    en: "Walk {runId} of {domain}, started {when} by {operator} on {host}",
    ja: "{domain} のウォーク {runId}（{when} に {host} の {operator} が開始）",
  },
  "runbook.export.notDone": { en: "not done", ja: "未完了" },
  "runbook.export.noWalk": {
    en: "no walk of runbook {runbook} is journaled in {directory}",
    ja: "{directory} にランブック {runbook} のウォークの記録がありません",
  },
  "runbook.export.unknownWalk": {
    en: "no walk of runbook {runbook} has the run id {runId} in {directory}",
    ja: "{directory} に実行 ID {runId} のランブック {runbook} のウォークがありません",
  },
  "runbook.export.unknownWalk.hint": {
    en: "byodkim report --list shows the walks and their run ids",
    ja: "ウォークと実行 ID は byodkim report --list で確認できます",
  },
  "runbook.list.walks": { en: "Runbook walks, with each human check-off:", ja: "ランブックのウォーク（人による確認ごとの記録）：" },
  "runbook.list.complete": { en: "complete", ja: "完了" },
  "runbook.list.stopped": { en: "stopped at {step}", ja: "{step} で停止" },
  "runbook.list.paused": { en: "paused at {step} (not done)", ja: "{step} が未完了のため一時停止" },
  "runbook.list.cutShort": { en: "cut short (no end recorded)", ja: "中断（終了の記録なし）" },
});

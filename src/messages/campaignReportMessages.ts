import { defineMessages } from "./section.js";

/** `byodkim report` on an `apply` run: the campaign report for the change ticket. */
export const campaignReportMessages = defineMessages({
  "campaignReport.title": {
    en: "Campaign report: {change} under plan {prefix} (run {runId})",
    ja: "キャンペーン報告：プラン {prefix} の {change}（実行 ID {runId}）",
  },
  "campaignReport.planId": { en: "Plan id", ja: "プラン ID" },
  "campaignReport.change": { en: "Change", ja: "変更内容" },
  "campaignReport.appliedBy": { en: "Applied by", ja: "適用者" },
  "campaignReport.outcome.completed": { en: "completed: every wave", ja: "完了（全ウェーブ）" },
  "campaignReport.outcome.failed": { en: "stopped: too many targets failed", ja: "停止（失敗した対象が上限を超過）" },
  "campaignReport.outcome.rolledBack": { en: "halted: a bake broke and its wave was rolled back", ja: "停止（監視で異常を検知し、ウェーブをロールバック）" },
  "campaignReport.outcome.windowClosed": { en: "paused: the change window closed", ja: "一時停止（作業時間帯の終了）" },
  "campaignReport.outcome.interrupted": { en: "interrupted", ja: "中断" },

  "campaignReport.plan.plannedBy": { en: "Planned by: {who}", ja: "計画者：{who}" },
  "campaignReport.plan.createdAt": { en: "Planned at: {at}", ja: "計画日時：{at}" },
  "campaignReport.plan.expiresAt": { en: "Expires: {at}", ja: "有効期限：{at}" },
  "campaignReport.plan.waves": {
    en: "Waves: a canary of {canary} identity(ies), then waves of {size}; at most {maxErrors} failed target(s)",
    ja: "ウェーブ：最初にカナリア {canary} ID、その後 {size} ID ずつ。失敗を許容する対象は {maxErrors} 件まで",
  },
  "campaignReport.plan.targets": { en: "Targets ready to move: {count}", ja: "変更予定の対象：{count} 件" },
  "campaignReport.plan.url": { en: "Stored at: {url}", ja: "保存先：{url}" },
  "campaignReport.plan.missing": {
    en: "The journal does not say what the plan was.",
    ja: "ジャーナルにプランの内容が記録されていません。",
  },

  "campaignReport.approvals": { en: "Approvals", ja: "承認" },
  "campaignReport.approvedBy": { en: "Approved by", ja: "承認者" },
  "campaignReport.approvedAt": { en: "When", ja: "日時" },
  "campaignReport.approvalNote": { en: "Note", ja: "コメント" },
  "campaignReport.noApprovals": {
    en: "No approval counted for this apply (none was required: approvals.required is 0).",
    ja: "この適用で数えた承認はありません（approvals.required が 0 のため承認は不要でした）。",
  },

  "campaignReport.gates": { en: "Gates at the start", ja: "開始時のゲート" },
  "campaignReport.gateDetail": { en: "Detail", ja: "詳細" },
  "campaignReport.resumed": {
    en: "This apply went on where an earlier apply of the same plan stopped: {count} target(s) were already done and are skipped as done.",
    ja: "この適用は、同じプランの以前の適用が止まったところから再開したものです。{count} 件の対象は完了済みのためスキップしました。",
  },

  "campaignReport.wave": { en: "Wave {wave}", ja: "ウェーブ {wave}" },
  "campaignReport.waveCanary": { en: "Wave {wave} (canary)", ja: "ウェーブ {wave}（カナリア）" },
  "campaignReport.waveStarted": {
    en: "Started {at}, with {count} target(s).",
    ja: "{at} に開始しました（対象 {count} 件）。",
  },
  "campaignReport.identity": { en: "Identity", ja: "ドメイン" },
  "campaignReport.region": { en: "Region", ja: "リージョン" },
  "campaignReport.ended": { en: "How it ended", ja: "結果" },
  "campaignReport.calls": { en: "SES calls (request id)", ja: "SES 呼び出し（リクエスト ID）" },
  "campaignReport.ownReport": { en: "Its own report", ja: "個別の報告" },
  "campaignReport.noOwnReport": { en: "no run journal", ja: "実行ジャーナルなし" },
  "campaignReport.noTargets": {
    en: "No target of this wave ended before the journal stopped.",
    ja: "ジャーナルが止まるまでに終了した対象はありません。",
  },
  "campaignReport.notReached": {
    en: "Not reached in the journal: {targets}",
    ja: "ジャーナル上で終了の記録がない対象：{targets}",
  },
  "campaignReport.end.completed": { en: "changed", ja: "変更済み" },
  "campaignReport.end.upToDate": { en: "already up to date", ja: "変更不要（最新）" },
  "campaignReport.end.doneEarlier": { en: "done by an earlier apply", ja: "以前の適用で完了済み" },
  "campaignReport.end.superseded": {
    en: "skipped: SES no longer showed what the plan saw",
    ja: "スキップ（SES の状態がプラン作成時と異なる）",
  },
  "campaignReport.end.failed": { en: "failed", ja: "失敗" },
  "campaignReport.end.notStarted": { en: "not started", ja: "未実施" },
  "campaignReport.endWithOutcome": { en: "{end} ({outcome})", ja: "{end}（{outcome}）" },
  "campaignReport.rolledBackMark": { en: "rolled back", ja: "ロールバック済み" },

  "campaignReport.bake": { en: "Bake", ja: "監視（ベイク）" },
  "campaignReport.bakeWatching": {
    en: "{minutes} min, watching the alarms {alarms} and each target's DKIM status.",
    ja: "{minutes} 分間、アラーム {alarms} と各対象の DKIM ステータスを監視しました。",
  },
  "campaignReport.bakeWatchingDkim": {
    en: "{minutes} min, watching each target's DKIM status (no alarm configured).",
    ja: "{minutes} 分間、各対象の DKIM ステータスを監視しました（アラームの設定なし）。",
  },
  "campaignReport.bakeHeld": { en: "Held: nothing broke ({at}).", ja: "異常はありませんでした（{at}）。" },
  "campaignReport.bakeBrokeAlarm": {
    en: "Broke at {at}: the alarm {name} went to {state} ({reason}).",
    ja: "{at} に異常を検知しました：アラーム {name} が {state} になりました（{reason}）。",
  },
  "campaignReport.bakeBrokeTarget": {
    en: "Broke at {at}: {domain} {region} showed DKIM {status} with selector {selector}.",
    ja: "{at} に異常を検知しました：{domain} {region} の DKIM が {status}（セレクタ {selector}）になりました。",
  },
  "campaignReport.break.alarm": { en: "the alarm {name} went to {state}", ja: "アラーム {name} が {state} になりました" },
  "campaignReport.break.target": { en: "{domain} {region} showed DKIM {status}", ja: "{domain} {region} の DKIM が {status} になりました" },
  "campaignReport.bakeNotEnded": {
    en: "The bake had not ended when the journal stopped.",
    ja: "ジャーナルが止まった時点で監視は終わっていませんでした。",
  },
  "campaignReport.bakeNotStarted": {
    en: "The journal stopped before the bake began.",
    ja: "監視を始める前にジャーナルが止まりました。",
  },
  "campaignReport.noBake": {
    en: "No bake: the wave stopped before it.",
    ja: "監視は行っていません（その前にウェーブが止まりました）。",
  },
  "campaignReport.waveEnded.failed": {
    en: "The wave stopped: more targets failed than waves.maxErrors allows.",
    ja: "失敗した対象が waves.maxErrors を超えたため、ウェーブを止めました。",
  },
  "campaignReport.waveEnded.interrupted": {
    en: "The wave stopped on a stop signal; the targets under way finished their change.",
    ja: "停止シグナルによりウェーブを止めました。実行中だった対象は変更を完了しています。",
  },

  "campaignReport.rollbacks": { en: "Automatic rollbacks", ja: "自動ロールバック" },
  "campaignReport.noRollbacks": { en: "No target was rolled back.", ja: "ロールバックした対象はありません。" },
  "campaignReport.rollbackLine": {
    en: "{domain} {region} (wave {wave}), {at}: {why}; rollback {outcome}; calls: {calls}",
    ja: "{domain} {region}（ウェーブ {wave}）、{at}：{why}。ロールバックの結果：{outcome}。呼び出し：{calls}",
  },
  "campaignReport.rollbackWhy.bake": { en: "its wave's bake broke", ja: "ウェーブの監視で異常を検知したため" },
  "campaignReport.rollbackWhy.otherRegion": {
    en: "the same identity failed in its other region",
    ja: "同じ ID の別リージョンで変更に失敗したため",
  },

  "campaignReport.noticesNone": {
    en: "The targets' own run journals record no notice.",
    ja: "各対象の実行ジャーナルに通知の記録はありません。",
  },
  "campaignReport.noticesOf": { en: "{domain} {region}", ja: "{domain} {region}" },

  "campaignReport.summary.completed": {
    en: "Every wave completed: {count} target(s) changed.",
    ja: "すべてのウェーブが完了しました。{count} 件の対象を変更しました。",
  },
  "campaignReport.summary.failed": {
    en: "Stopped after wave {wave}: more targets failed than waves.maxErrors allows.",
    ja: "ウェーブ {wave} の後で停止しました。失敗した対象が waves.maxErrors を超えました。",
  },
  "campaignReport.summary.windowClosed": {
    en: "The change window closed: wave {wave} was not started.",
    ja: "作業時間帯が終わったため、ウェーブ {wave} は開始していません。",
  },
  "campaignReport.next.done": {
    en: "Nothing is left to do: this report goes on the ticket.",
    ja: "残っている作業はありません。この報告をチケットに添付してください。",
  },
  "campaignReport.next.failed": {
    en: "Read each failed target's own report (above); once the cause is fixed, go on where it stopped with: byodkim apply {id}",
    ja: "失敗した対象の個別の報告（上記）を確認してください。原因を解消したら、次のコマンドで停止したところから再開できます：byodkim apply {id}",
  },
  "campaignReport.stoppedHere": { en: "The campaign stopped here", ja: "キャンペーンはここで止まりました" },
  "campaignReport.stoppedHereValue": {
    en: "The journal has no end (the process died): its last entry is {event} at {at}. A target under way then may be part-way: its own report says what it did and how to undo it.",
    ja: "ジャーナルに終了の記録がありません（プロセスが途中で止まりました）。最後の記録は {at} の {event} です。その時点で実行中だった対象は途中まで変更されている可能性があります。何を行い、どう戻すかは個別の報告を確認してください。",
  },
  "campaignReport.notEnded": {
    en: "never: the journal has no end (see “The campaign stopped here”)",
    ja: "なし：ジャーナルに終了の記録がありません（「キャンペーンはここで止まりました」を参照してください）",
  },
});

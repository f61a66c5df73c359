import { defineMessages } from "./section.js";

/** The plan, approve and apply commands: where plans are kept, what each command says it did. */
export const planMessages = defineMessages({
  "campaign.store.missing": {
    en: "this byodkim has no way to reach the keys bucket for plans",
    ja: "この byodkim からプランを保管するキーバケットにアクセスできません",
  },
  "campaign.store.missing.hint": {
    en: "Run byodkim with its AWS access (the plan, approve and apply commands keep their records in the keys bucket).",
    ja: "AWS にアクセスできる状態で byodkim を実行してください（plan・approve・apply はキーバケットに記録を保管します）。",
  },
  "campaign.store.planMissing": {
    en: "plan {id} is not stored at {url}",
    ja: "プラン {id} が {url} に保管されていません",
  },
  "campaign.store.planMissing.hint": {
    en: "Check the keys bucket in the config (keys.bucket), or make the plan again with byodkim plan: approve and apply read plans from S3 only.",
    ja: "設定のキーバケット（keys.bucket）を確認するか、byodkim plan でプランを作り直してください。approve と apply は S3 に保管されたプランだけを読みます。",
  },
  "campaign.store.noSuchPlan": {
    en: "no plan found for {ref}",
    ja: "{ref} に当たるプランが見つかりません",
  },
  "campaign.store.planUnreadable": {
    en: "the plan file {path} could not be read ({reason})",
    ja: "プランファイル {path} を読み込めませんでした（{reason}）",
  },
  "campaign.store.ambiguousPlan": {
    en: "{count} stored plans start with {ref}",
    ja: "{ref} で始まる保管済みプランが {count} 件あります",
  },
  "campaign.store.ambiguousPlan.hint": {
    en: "Give more of the plan id (plan prints it whole), or the plan file.",
    ja: "プラン ID をもっと長く指定するか（plan が全体を表示します）、プランファイルを指定してください。",
  },
  "plan.noTargets": {
    en: "there is no identity to plan for in the regions asked",
    ja: "指定したリージョンにプランの対象となる ID がありません",
  },
  "plan.noneDue": {
    en: "no identity's key is due for rotation: nothing to plan",
    ja: "ローテーションの時期を迎えた鍵はありません。プランするものはありません",
  },
  "plan.target.upToDate": {
    en: "already as the plan would leave it",
    ja: "すでにプランの変更後と同じ状態です",
  },
  "plan.outNotRegular": {
    en: "{path} is a {kind}, not a plan file: byodkim writes only a regular file of its own",
    ja: "{path} は {kind} で、通常のファイルではありません。byodkim が書き込むのは通常のファイルだけです",
  },
  "plan.outNotAPlan": {
    en: "{path} is there and is not a byodkim plan: byodkim replaces only a plan it wrote; give --out another file",
    ja: "{path} はすでに存在し、byodkim のプランではありません。byodkim が置き換えるのは自分が書き出したプランだけです。--out には別のファイルを指定してください",
  },
  "plan.outUnwritable": {
    en: "the plan could not be written to {path} ({reason}); it is stored in S3 all the same",
    ja: "プランを {path} に書き込めませんでした（{reason}）。S3 には保管されています",
  },
  "plan.leftOutHead": {
    en: "Left out ({count}), with why:",
    ja: "対象外（{count} 件）とその理由：",
  },
  "plan.dnsHead": {
    en: "DNS records still to publish (the targets that need them were left out: publish, then plan again):",
    ja: "まだ公開されていない DNS レコード（これが必要な対象は除外しました。公開してからプランを作り直してください）：",
  },
  "plan.dnsZone": {
    en: "zone {zone}:",
    ja: "ゾーン {zone}：",
  },
  "plan.stored": {
    en: "Stored at {url}",
    ja: "{url} に保管しました",
  },
  "plan.storedAlready": {
    en: "Already stored at {url} (the same plan, byte for byte)",
    ja: "{url} に保管済みです（内容がまったく同じプランです）",
  },
  "plan.writtenTo": {
    en: "Written to {path}",
    ja: "{path} に書き出しました",
  },
  "plan.id": {
    en: "Plan id:",
    ja: "プラン ID：",
  },
  "plan.nothingReady": {
    en: "No target is ready: nothing to approve or apply.",
    ja: "準備のできた対象がないため、承認・適用するものはありません。",
  },
  "plan.next.approve": {
    en: "Next, a second person approves it ({required} required): byodkim approve {id}",
    ja: "次に、別の担当者が承認します（必要な承認数：{required}）：byodkim approve {id}",
  },
  "plan.next.apply": {
    en: "Next (no approval is required): byodkim apply {id}",
    ja: "次の手順（承認は不要です）：byodkim apply {id}",
  },
  "plan.md.title": {
    en: "byodkim plan {idPrefix}: {command}",
    ja: "byodkim プラン {idPrefix}：{command}",
  },
  "plan.md.targets": { en: "Targets by wave", ja: "ウェーブごとの対象" },
  "plan.md.wave": { en: "Wave", ja: "ウェーブ" },
  "plan.md.identity": { en: "Identity", ja: "ID" },
  "plan.md.region": { en: "Region", ja: "リージョン" },
  "plan.md.selector": { en: "Selector", ja: "セレクタ" },
  "plan.md.calls": { en: "SES calls", ja: "SES の呼び出し" },
  "plan.md.restores": { en: "Rollback restores", ja: "ロールバック先" },
  "plan.badChange": {
    en: "byodkim plans enable, rotate or rollback, not {change}",
    ja: "byodkim がプランできるのは enable・rotate・rollback です（{change} は指定できません）",
  },
  "plan.badFormat": {
    en: "--format is text or md, not {format}",
    ja: "--format には text か md を指定してください（{format} は指定できません）",
  },
  "approve.confirm": {
    en: "To approve this plan, type the first 8 characters of its id ({prefix}):",
    ja: "このプランを承認する場合は、プラン ID の先頭 8 文字（{prefix}）を入力してください：",
  },
  "approve.declined": {
    en: "Not approved: the answer was not {prefix}. Nothing was written.",
    ja: "承認しませんでした（入力が {prefix} ではありませんでした）。何も書き込んでいません。",
  },
  "approve.approved": {
    en: "Approved plan {id} as {who}",
    ja: "プラン {id} を {who} として承認しました",
  },
  "approve.refused": {
    en: "Not approved: nothing was written.",
    ja: "承認できません。何も書き込んでいません。",
  },
  "approve.stored": {
    en: "Approval stored at {url}",
    ja: "承認を {url} に保管しました",
  },
  "approve.count": {
    en: "Approvals that count: {count} of {required} required",
    ja: "有効な承認：{count} 件（必要数 {required} 件）",
  },
  "approve.next.apply": {
    en: "Approved enough: inside the change window, run byodkim apply {id}",
    ja: "必要な承認がそろいました。変更可能時間帯に byodkim apply {id} を実行してください",
  },
  "approve.next.more": {
    en: "{missing} more approval(s) needed, each by another person: byodkim approve {id}",
    ja: "あと {missing} 件の承認が必要です（それぞれ別の担当者が行います）：byodkim approve {id}",
  },
  "apply.confirm": {
    en: "To apply this plan now, type the first 8 characters of its id ({prefix}):",
    ja: "このプランを今すぐ適用する場合は、プラン ID の先頭 8 文字（{prefix}）を入力してください：",
  },
  "apply.resuming": {
    en: "An earlier apply of this plan finished {done} target(s): they are skipped as done.",
    ja: "このプランの以前の適用で {done} 件の対象が完了しています。完了済みとしてスキップします。",
  },
  "apply.summary.refused": {
    en: "Not applied: no change was made.",
    ja: "適用しませんでした。何も変更していません。",
  },
  "apply.summary.declined": {
    en: "Not applied: the answer was not {prefix}. No change was made.",
    ja: "適用しませんでした（入力が {prefix} ではありませんでした）。何も変更していません。",
  },
  "apply.summary.halted": {
    en: "This plan's campaign was halted at wave {wave} ({at}) and its wave rolled back: it is not applied again.",
    ja: "このプランのキャンペーンはウェーブ {wave} で停止し（{at}）、そのウェーブはロールバック済みです。同じプランは再適用できません。",
  },
  "apply.next.planAgain": {
    en: "Find out why, then make a new plan: byodkim plan {command}",
    ja: "原因を確認してから、新しいプランを作成してください：byodkim plan {command}",
  },
  "apply.next.resume": {
    en: "To go on where it stopped (inside the change window): byodkim apply {id}",
    ja: "停止したところから再開するには（変更可能時間帯に）：byodkim apply {id}",
  },
  "apply.summary.interrupted": {
    en: "Stopped at wave {wave} on a stop signal; the targets under way finished their change.",
    ja: "停止シグナルによりウェーブ {wave} で停止しました。実行中だった対象は変更を完了しています。",
  },
  "apply.summary.windowClosed": {
    en: "The change window is closed: wave {wave} of {waves} was not started.",
    ja: "変更可能時間帯外のため、ウェーブ {wave}／{waves} を開始しませんでした。",
  },
  "apply.summary.failed": {
    en: "Stopped after wave {wave}: {errors} target(s) failed, more than waves.maxErrors ({maxErrors}).",
    ja: "ウェーブ {wave} の後で停止しました：{errors} 件の対象が失敗し、waves.maxErrors（{maxErrors}）を超えました。",
  },
  "apply.summary.rolledBack": {
    en: "The bake of wave {wave} broke ({why}): the wave was rolled back and the campaign halted.",
    ja: "ウェーブ {wave} の監視中に異常を検知しました（{why}）。ウェーブをロールバックし、キャンペーンを停止しました。",
  },
  "apply.summary.completed": {
    en: "Applied: {waves} wave(s), {targets} target(s) changed.",
    ja: "適用しました：{waves} ウェーブ、{targets} 件の対象を変更しました。",
  },
  "apply.wave.canary": {
    en: "Wave {wave} of {waves} (canary): {identities} identity(ies), {targets} target(s)",
    ja: "ウェーブ {wave}／{waves}（カナリア）：{identities} ID、{targets} 件の対象",
  },
  "apply.wave.start": {
    en: "Wave {wave} of {waves}: {identities} identity(ies), {targets} target(s)",
    ja: "ウェーブ {wave}／{waves}：{identities} ID、{targets} 件の対象",
  },
  "apply.target.completed": {
    en: "{domain} {region}: now {selector} ({calls} call(s))",
    ja: "{domain} {region}：{selector} に切り替えました（呼び出し {calls} 回）",
  },
  "apply.target.upToDate": {
    en: "{domain} {region}: already {selector}",
    ja: "{domain} {region}：すでに {selector} です",
  },
  "apply.target.doneEarlier": {
    en: "{domain} {region}: done by an earlier apply of this plan",
    ja: "{domain} {region}：このプランの以前の適用で完了済みです",
  },
  "apply.target.superseded": {
    en: "{domain} {region}: SES no longer shows what the plan saw; skipped",
    ja: "{domain} {region}：SES の状態がプラン作成時と変わっているため、スキップしました",
  },
  "apply.target.otherAccount": {
    en: "{domain} {region}: the config now puts it in account {reached}, but the plan was approved for account {planned}; skipped",
    ja: "{domain} {region}：設定ではアカウント {reached} にありますが、プランはアカウント {planned} として承認されています。スキップしました",
  },
  "apply.target.unreadable": {
    en: "{domain} {region}: SES could not be read; skipped",
    ja: "{domain} {region}：SES を読み取れなかったため、スキップしました",
  },
  "apply.target.failed": {
    en: "{domain} {region}: failed",
    ja: "{domain} {region}：失敗しました",
  },
  "apply.target.notStarted": {
    en: "{domain} {region}: not started",
    ja: "{domain} {region}：開始していません",
  },
  "apply.target.rolledBack": {
    en: "{domain} {region}: rolled back ({outcome})",
    ja: "{domain} {region}：ロールバックしました（{outcome}）",
  },
  "apply.bake.broke": {
    en: "The bake of wave {wave} broke: {why}. Rolling the wave back.",
    ja: "ウェーブ {wave} の監視中に異常を検知しました：{why}。ウェーブをロールバックします。",
  },
  "apply.bake.countdown": {
    en: "baking wave {wave}: {left} left, watching {alarms} alarm(s), then DKIM",
    ja: "ウェーブ {wave} を監視中：残り {left}（アラーム {alarms} 個、続いて DKIM を確認）",
  },
  "apply.waveLine": {
    en: "wave {wave}: {done} done, {failed} failed, {skipped} skipped, {rolledBack} rolled back; bake {bake}",
    ja: "ウェーブ {wave}：完了 {done}、失敗 {failed}、スキップ {skipped}、ロールバック {rolledBack}。監視：{bake}",
  },
  "apply.bakeBroke": { en: "broke", ja: "異常あり" },
  "apply.bakeHeld": { en: "held for {minutes} min", ja: "{minutes} 分間異常なし" },
  "apply.journal": {
    en: "Campaign journal: {path}",
    ja: "キャンペーンのジャーナル：{path}",
  },
  "campaign.target.sharedState": {
    en: "records into state secret {secretId}, as {others} would in this region: each would overwrite the other's selector and snapshot (give each identity its own state secret: see state.secretId in the README)",
    ja: "このリージョンでは {others} と同じステートシークレット {secretId} に記録するため、互いのセレクタとスナップショットを上書きしてしまいます（ID ごとにステートシークレットを分けてください。README の state.secretId を参照）",
  },
});

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
});

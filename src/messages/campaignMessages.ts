import { defineMessages } from "./section.js";

/** A campaign's plan and its waves: why a plan file is refused, why a target is left out, the plan as an approver reads it. */
export const campaignMessages = defineMessages({
  "campaign.plan.notJson": {
    en: "this is not a byodkim plan: it is not JSON text",
    ja: "byodkim のプランではありません：JSON テキストではありません",
  },
  "campaign.plan.notAPlan": {
    en: "this is not a byodkim plan: its {field} is not as a plan has it",
    ja: "byodkim のプランではありません：{field} がプランの形式になっていません",
  },
  "campaign.plan.notAPlan.hint": {
    en: "Give the file byodkim plan --out wrote, or the plan's id as plan printed it.",
    ja: "byodkim plan --out が書き出したファイルか、plan が表示したプラン ID を指定してください。",
  },
  "campaign.plan.privateKey": {
    en: "this file holds a private key, which a plan never does: nothing of it is shown",
    ja: "このファイルには秘密鍵が含まれています。プランに秘密鍵が入ることはありません（内容は表示しません）",
  },
  "campaign.plan.privateKey.hint": {
    en: "Do not pass this file around: delete every copy, tell whoever holds the key, and make the plan again with byodkim plan.",
    ja: "このファイルを他の人に渡さないでください。すべてのコピーを削除して鍵の管理者に知らせ、byodkim plan でプランを作り直してください。",
  },
  "campaign.plan.unknownVersion": {
    en: "this plan is version {version}; this byodkim reads plan version {supported} only",
    ja: "このプランのバージョンは {version} です。この byodkim が読めるのはバージョン {supported} のプランだけです",
  },
  "campaign.plan.unknownVersion.hint": {
    en: "Apply it with the byodkim version that planned it, or make the plan again with this one.",
    ja: "プランを作成したときと同じバージョンの byodkim で実行するか、このバージョンでプランを作り直してください。",
  },
  "campaign.plan.tampered": {
    en: "plan {id} was changed after it was planned: its bytes do not hash to the id they claim",
    ja: "プラン {id} は作成後に変更されています：内容のハッシュが記載の ID と一致しません",
  },
  "campaign.plan.tampered.hint": {
    en: "Nothing in it can be trusted, approvals included: make the plan again with byodkim plan and have it approved again.",
    ja: "承認を含め、このプランの内容は信頼できません。byodkim plan でプランを作り直し、改めて承認を受けてください。",
  },
  "campaign.plan.otherPlan": {
    en: "plan {expected} was asked for, but this is plan {id}",
    ja: "プラン {expected} を指定しましたが、これはプラン {id} です",
  },
  "campaign.plan.otherPlan.hint": {
    en: "Check the plan id in the ticket: the file or S3 object given is another plan.",
    ja: "チケットに記載されたプラン ID を確認してください。指定したファイルまたは S3 オブジェクトは別のプランです。",
  },
  "campaign.plan.expired": {
    en: "plan {id} expired at {expiresAt}: what it saw of SES may no longer hold",
    ja: "プラン {id} は {expiresAt} に期限切れになりました：プラン作成時の SES の状態が今も同じとは限りません",
  },
  "campaign.plan.expired.hint": {
    en: "Make the plan again with byodkim plan and have it approved again.",
    ja: "byodkim plan でプランを作り直し、改めて承認を受けてください。",
  },
  "campaign.plan.dnsConflict": {
    en: "two different DKIM records were planned at {name}; one name publishes one key",
    ja: "{name} に異なる DKIM レコードが 2 つ計画されています。1 つの名前で公開できる鍵は 1 つだけです",
  },
  "campaign.plan.dnsConflict.hint": {
    en: "Plan the identity's regions with one selector and one key (byodkim keygen once, then plan).",
    ja: "その ID の各リージョンを同じセレクタ・同じ鍵でプランしてください（byodkim keygen を一度だけ実行してから plan を実行します）。",
  },
  "campaign.target.notRead": {
    en: "SES's DKIM settings for this identity could not be read, so nothing can be planned for it",
    ja: "この ID の SES の DKIM 設定を読み取れなかったため、プランに含められません",
  },
  "campaign.target.otherRegionLeftOut": {
    en: "left out with its other region {region}: an identity moves in every region or in none, so it never signs with two keys",
    ja: "もう一方のリージョン {region} が対象外のため、こちらも対象外にしました。2 つの鍵で署名する状態を避けるため、ID はすべてのリージョンで一緒に切り替えます",
  },
  "campaign.waves.targetTwice": {
    en: "{domain} in {region} is listed twice",
    ja: "{region} の {domain} が 2 回指定されています",
  },
  "campaign.waves.targetTwice.hint": {
    en: "List each identity and region once (check identities: and --regions for a repeat).",
    ja: "ID とリージョンの組は 1 回ずつ指定してください（identities: と --regions に重複がないか確認してください）。",
  },
  "campaign.waves.selectorsDiffer": {
    en: "{domain} would move to different selectors in its regions ({first}, {second}); an identity moves to one selector and one key in every region",
    ja: "{domain} の切り替え先セレクタがリージョンによって異なります（{first}、{second}）。ID はすべてのリージョンで同じセレクタ・同じ鍵に切り替えます",
  },
  "campaign.waves.selectorsDiffer.hint": {
    en: "Give {domain} one selector in every region (--selector, or one keygen run for all its regions), then plan again.",
    ja: "{domain} にはすべてのリージョンで同じセレクタを指定し（--selector、またはすべてのリージョン向けに keygen を 1 回実行）、もう一度プランを作成してください。",
  },
  "campaign.waves.heading": {
    en: "Waves: {waves} for {identities} identities ({targets} targets): canary {canary}, then {size} identities a wave; stop once more than {maxErrors} targets have failed",
    ja: "ウェーブ：{identities} 件の ID（対象 {targets} 件）を {waves} 回に分けて実行します。カナリア {canary} 件、以降は 1 回あたり {size} 件。失敗が {maxErrors} 件を超えたら停止します",
  },
  "campaign.waves.canaryLine": {
    en: "  {number}. canary · identities: {identities} · targets: {targets} · {domains}",
    ja: "  {number}. カナリア · ID：{identities} 件 · 対象：{targets} 件 · {domains}",
  },
  "campaign.waves.waveLine": {
    en: "  {number}. wave · identities: {identities} · targets: {targets} · {domains}",
    ja: "  {number}. ウェーブ · ID：{identities} 件 · 対象：{targets} 件 · {domains}",
  },
  "campaign.summary.head": {
    en: "Plan {idPrefix} · {command} · ready: {ready} of {targets} targets ({identities} identities) · regions: {regions}",
    ja: "プラン {idPrefix} · {command} · 実行対象：{targets} 件中 {ready} 件（ID {identities} 件） · リージョン：{regions}",
  },
  "campaign.summary.plannedBy": {
    en: "Planned by {arn} at {createdAt}; expires {expiresAt}",
    ja: "作成者：{arn}（{createdAt}）。有効期限：{expiresAt}",
  },
  "campaign.summary.nothingReady": {
    en: "No target is ready: a target is planned only when every gate passes",
    ja: "実行できる対象がありません。プランに含められるのは、すべてのゲートが OK の対象だけです",
  },
  "campaign.summary.leftOut": {
    en: "Left out, a gate failed when planned: {count}",
    ja: "プラン作成時にゲートが NG で対象外になったもの：{count} 件",
  },
  "campaign.summary.leftOutTarget": {
    en: "  {domain} · {region} · {gates}",
    ja: "  {domain} · {region} · {gates}",
  },
  "campaign.summary.leftOutWithRegion": {
    en: "  {domain} · {region} · with {other}, so the identity never signs with two keys",
    ja: "  {domain} · {region} · {other} と一緒に対象外（2 つの鍵で署名しないため）",
  },
  "campaign.summary.leftOutNotRead": {
    en: "  {domain} · {region} · SES not read",
    ja: "  {domain} · {region} · SES を読み取れませんでした",
  },
  "campaign.summary.dnsRecords": {
    en: "DNS records still to publish before apply: {records} (zones: {zones})",
    ja: "apply の前に公開が必要な DNS レコード：{zones} ゾーンに {records} 件",
  },
  "campaign.summary.changeWindow": {
    en: "Change window: {window}",
    ja: "作業時間帯：{window}",
  },
});

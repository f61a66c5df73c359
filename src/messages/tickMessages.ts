import { defineMessages } from "./section.js";

/** tick: the next safe step of the rotation cycle for each identity, and why. */
export const tickMessages = defineMessages({
  "tick.noTargets": { en: "tick needs the domains to look after, or --all", ja: "tick には対象のドメインか --all を指定してください" },
  "tick.noTargets.hint": {
    en: "Name them (byodkim tick goo.ne.jp) or take the config's domain and identities: (byodkim tick --all).",
    ja: "ドメインを指定する（byodkim tick goo.ne.jp）か、設定ファイルの domain と identities: をすべて対象にしてください（byodkim tick --all）。",
  },
  "tick.headline.nothingToDo": { en: "Nothing to do (identities checked: {count}).", ja: "対応不要です（確認した ID：{count} 件）。" },
  "tick.headline.progressed": {
    en: "Progressed: {steps} of {count} identities took a step.",
    ja: "進行しました：{count} 件中 {steps} 件で手順を 1 つ実行しました。",
  },
  "tick.headline.needsPerson": { en: "A person is needed: {domain} ({region}): {reason}", ja: "担当者の対応が必要です：{domain}（{region}）：{reason}" },
  "tick.headline.failed": { en: "A step failed: {domain} ({region}): {reason}", ja: "手順が失敗しました：{domain}（{region}）：{reason}" },
  "tick.decision.keygen": { en: "keygen", ja: "鍵生成" },
  "tick.decision.publish": { en: "publish", ja: "DNS 公開" },
  "tick.decision.rotate": { en: "rotate", ja: "ローテーション" },
  "tick.decision.retire": { en: "retire", ja: "廃止" },
  "tick.decision.plan": { en: "plan", ja: "プラン作成" },
  "tick.decision.apply": { en: "apply", ja: "プラン適用" },
  "tick.decision.nothing": { en: "nothing", ja: "対応なし" },
  "tick.decision.needsPerson": { en: "needs a person", ja: "要対応" },
  "tick.type": { en: "Type: {command}", ja: "実行するコマンド：{command}" },
  "tick.handoffFiles": { en: "Hand-off files for the DNS team: {files}", ja: "DNS 担当者への引き継ぎファイル：{files}" },
  "tick.record": { en: "Record to publish: {record}", ja: "公開するレコード：{record}" },
  "tick.reason.keyDue": {
    en: "{selector} is {ageDays} days old (rotation at {maxAgeDays}): a new key is made",
    ja: "{selector} は作成から {ageDays} 日経過しています（{maxAgeDays} 日でローテーション）：新しい鍵を作成します",
  },
  "tick.reason.recordMissing": {
    en: "the record of {selector} (made {since}) does not answer everywhere: it is published again",
    ja: "{selector} のレコード（{since} 作成）がすべてのネームサーバで応答しません：もう一度公開します",
  },
  "tick.reason.recordAnswers": {
    en: "the record of {selector} answers on every nameserver: SES moves to it",
    ja: "{selector} のレコードがすべてのネームサーバで応答しています：SES をこの鍵に切り替えます",
  },
  "tick.reason.graceOver": {
    en: "{selector}'s grace period ended {since}: its record is revoked",
    ja: "{selector} の猶予期間は {since} に終了しました：レコードを失効させます",
  },
  "tick.reason.approvalNeeded": {
    en: "the record of {selector} answers, and rotations need approval: a plan is written",
    ja: "{selector} のレコードは応答していますが、ローテーションには承認が必要です：プランを作成します",
  },
  "tick.reason.planApproved": { en: "plan {planId} is approved: it is applied", ja: "プラン {planId} は承認済みです：適用します" },
  "tick.reason.notDue": {
    en: "{selector} is {ageDays} days old; the next key is made from {dueAt}",
    ja: "{selector} は作成から {ageDays} 日経過しています。次の鍵は {dueAt} 以降に作成します",
  },
  "tick.reason.waitingForDns": {
    en: "waiting for the DNS team to publish {selector}'s record; a person is needed if it does not answer by {until}",
    ja: "DNS 担当者による {selector} のレコード公開を待っています。{until} までに応答しなければ担当者の対応が必要です",
  },
  "tick.reason.sesUnreadable": { en: "SES could not be read", ja: "SES を読み取れませんでした" },
  "tick.reason.notInSes": { en: "SES has no identity {domain} in this region", ja: "このリージョンの SES に ID {domain} がありません" },
  "tick.reason.notByodkim": {
    en: "{domain} is not on BYODKIM (DKIM origin {origin}): tick rotates BYODKIM keys only",
    ja: "{domain} は BYODKIM ではありません（DKIM の種類 {origin}）：tick がローテーションするのは BYODKIM の鍵だけです",
  },
  "tick.reason.sesState": {
    en: "SES reports {status} for {selector}: tick leaves a key SES has not verified to a person",
    ja: "SES は {selector} について {status} と報告しています：SES が検証を終えていない鍵は担当者に任せます",
  },
  "tick.reason.signingOff": { en: "DKIM signing is switched off for {domain}", ja: "{domain} の DKIM 署名が無効になっています" },
  "tick.reason.historyUnreadable": {
    en: "the state secret could not be read: without the key history tick cannot tell which step comes next",
    ja: "状態シークレットを読み取れませんでした：鍵の履歴がないと次の手順を判断できません",
  },
  "tick.reason.historyDisagrees": {
    en: "SES signs with {selector} but the key history records {recorded} as active",
    ja: "SES は {selector} で署名していますが、鍵の履歴では {recorded} が使用中になっています",
  },
  "tick.reason.ageUnknown": {
    en: "nothing dates {selector} (no key history, no date in the selector)",
    ja: "{selector} の作成日がわかりません（鍵の履歴もセレクタ内の日付もありません）",
  },
  "tick.reason.dnsTimeout": {
    en: "the record of {selector} still does not answer everywhere {days} days after keygen ({since})",
    ja: "鍵生成（{since}）から {days} 日経っても {selector} のレコードがすべてのネームサーバで応答しません",
  },
  "tick.reason.approvalPending": { en: "approval pending: byodkim approve {planId}", ja: "承認待ちです：byodkim approve {planId}" },
  "tick.reason.autoOff.keygen": {
    en: "{selector} is due for rotation, and rotation.auto is off: a person makes the next key",
    ja: "{selector} はローテーションの時期ですが、rotation.auto が無効です：担当者が次の鍵を作成してください",
  },
  "tick.reason.autoOff.rotate": {
    en: "the record of {selector} answers on every nameserver, and rotation.auto is off: a person rotates to it",
    ja: "{selector} のレコードはすべてのネームサーバで応答していますが、rotation.auto が無効です：担当者がローテーションしてください",
  },
  "tick.reason.autoOff.retire": {
    en: "{selector}'s grace period is over, and rotation.auto is off: a person retires it",
    ja: "{selector} の猶予期間は終了しましたが、rotation.auto が無効です：担当者が廃止してください",
  },
  "tick.reason.autoOff.apply": {
    en: "plan {planId} is approved, and rotation.auto is off: a person applies it",
    ja: "プラン {planId} は承認済みですが、rotation.auto が無効です：担当者が適用してください",
  },
  "tick.reason.retireHeld": {
    en: "{selector}'s grace period ended {since}, and approvals hold retire: a person retires it under an approved plan (byodkim retire {selector} {domain} --plan <plan id>)",
    ja: "{selector} の猶予期間は {since} に終了しましたが、承認設定により廃止は保留されます：承認済みのプランのもとで担当者が廃止してください（byodkim retire {selector} {domain} --plan <プラン ID>）",
  },
  "tick.reason.stepFailed": { en: "the step stopped: {problem}", ja: "手順が止まりました：{problem}" },
  "tick.reason.publishUnavailable": {
    en: "the record of {selector} does not answer everywhere, and this byodkim cannot publish it again: publish it, then run tick again",
    ja: "{selector} のレコードがすべてのネームサーバで応答しませんが、この byodkim では再公開できません：レコードを公開してから tick を再実行してください",
  },
  "tick.reason.planUnavailable": {
    en: "rotations need approval, and tick cannot write the plan here: write it",
    ja: "ローテーションには承認が必要ですが、tick はここでプランを作成できません：プランを作成してください",
  },
  "tick.reason.planNotReady": {
    en: "the rotation to {selector} could not be planned (its gates failed): see the plan",
    ja: "{selector} へのローテーションをプランにできませんでした（ゲートが失敗しました）：プランを確認してください",
  },
});

import { defineMessages } from "./section.js";

/** Retire's look at receivers' DMARC aggregate reports: is any sender still signing with the selector? */
export const retireReportsMessages = defineMessages({
  "gate.reports.title": { en: "DMARC reports", ja: "DMARC レポート" },
  "gate.reports.notConfigured": {
    en: "could not check whether receivers still see mail signed by {selector}: no DMARC reports are configured",
    ja: "{selector} で署名されたメールがまだ受信側に届いているかを確認できませんでした（DMARC レポートが設定されていません）",
  },
  "gate.reports.notConfigured.hint": {
    en: "Set dmarc.reports in the config to the folder or s3:// prefix where your aggregate (rua) reports land.",
    ja: "設定の dmarc.reports に、集計レポート（rua）が届くフォルダまたは s3:// のプレフィックスを指定してください。",
  },
  "gate.reports.unreadable": {
    en: "could not read the DMARC reports at {source} to check {selector}",
    ja: "{selector} の確認のため {source} の DMARC レポートを読もうとしましたが、読めませんでした",
  },
  "gate.reports.noRotation": {
    en: "no rotation away from {selector} is recorded: the reports cannot tell mail after it from mail before",
    ja: "{selector} からのローテーションが記録されていないため、レポートからローテーション前後のメールを区別できません",
  },
  "gate.reports.stillSigning": {
    en: "the latest DMARC reports (to {latest}) still show {messages} message(s) passing DKIM with {selector} ({orgs}); {total} since SES stopped signing with it ({since})",
    ja: "最新の DMARC レポート（{latest} まで）で、まだ {messages} 通が {selector} の DKIM 検証で pass になっています（{orgs}）。SES が署名をやめた {since} 以降の合計は {total} 通です",
  },
  "gate.reports.faded": {
    en: "receivers saw {total} message(s) pass DKIM with {selector} after {since} (mail queued before the rotation), the last in a report ending {last}; none in the latest reports (to {latest})",
    ja: "{since} 以降も {selector} の DKIM 検証で pass になったメールが {total} 通ありました（ローテーション前に送られ配送待ちだったメール）。最後は {last} までのレポートで、最新のレポート（{latest} まで）には現れていません",
  },
  "gate.reports.stillSigning.hint": {
    en: "Some other sender (another region or system) still signs with {selector}: retiring it would fail that mail. Find it first; to retire all the same, run retire without --yes and type {selector} at the question.",
    ja: "別の送信元（他のリージョンやシステム）がまだ {selector} で署名しています。廃止するとそのメールが DKIM 検証に失敗します。先に送信元を特定してください。それでも廃止する場合は、--yes を付けずに retire を実行し、確認で {selector} と入力してください。",
  },
  "gate.reports.typedOverride": {
    en: "retire goes on only if you type {selector} at the question",
    ja: "確認で {selector} と入力した場合のみ廃止を続けます",
  },
  "gate.reports.noneAfter": {
    en: "none of the {reports} DMARC report(s) covers the time after SES stopped signing with {selector} ({since}): could not check",
    ja: "{reports} 件の DMARC レポートのいずれも、SES が {selector} での署名をやめた後（{since}）の期間を含んでいないため、確認できませんでした",
  },
  "gate.reports.quiet": {
    en: "no mail passed DKIM with {selector} after {since} in {reports} report(s) ({messages} message(s) reported by it, none passing)",
    ja: "{since} 以降の {reports} 件のレポートで、{selector} の DKIM 検証が pass のメールはありません（このセレクタの報告 {messages} 通、pass 0 通）",
  },
  "retire.confirmDespiteReports": {
    en: "Receivers still see mail signed by {selector}. Type the selector to retire it all the same",
    ja: "{selector} で署名されたメールがまだ受信側に届いています。それでも廃止する場合はセレクタを入力してください",
  },
});

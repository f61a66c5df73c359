import { defineMessages } from "./section.js";

export const rollbackMessages = defineMessages({
  "rollback.confirm": {
    en: "Type the domain name ({domain}) to roll it back ({target}):",
    ja: "ロールバック（{target}）するにはドメイン名（{domain}）を入力してください：",
  },
  "rollback.confirmUntouched": {
    en: "byodkim never switched {domain}, so --yes does not answer this. Type the domain name ({domain}) to turn its DKIM signing off anyway:",
    ja: "byodkim は {domain} を切り替えていないため、--yes ではこの確認に答えられません。それでも DKIM 署名を無効にするにはドメイン名（{domain}）を入力してください：",
  },
  "rollback.badTarget": {
    en: "--to takes disable or previous, not {value}",
    ja: "--to には disable または previous を指定してください（{value} は使えません）",
  },
  "rollback.noSnapshot": {
    en: "no snapshot of {domain}'s earlier DKIM settings was found",
    ja: "{domain} の以前の DKIM 設定のスナップショットが見つかりません",
  },
  "rollback.noSnapshot.hint": { en: "use --to disable to turn signing off", ja: "--to disable で署名を無効にしてください" },
  "rollback.previousKeyMissing": {
    en: "the previous selector {selector}'s private key is not in S3",
    ja: "以前のセレクタ {selector} の秘密鍵が S3 にありません",
  },
  "rollback.previousKeyMissing.hint": { en: "restore the key to S3, or use --to disable", ja: "鍵を S3 に戻すか、--to disable を使ってください" },
  "rollback.previousRetired": {
    en: "the previous selector {selector} was retired at {at}: its record is revoked, and signing with it again would fail DKIM",
    ja: "以前のセレクタ {selector} は {at} に廃止済みです：レコードは失効しており、再び署名に使うと DKIM が失敗します",
  },
  "rollback.previousRetired.hint": {
    en: "Turn signing off instead: byodkim rollback {domain} --to disable (or rotate to a newer key).",
    ja: "代わりに署名を無効化してください：byodkim rollback {domain} --to disable（または新しい鍵へローテーション）。",
  },
  "rollback.previousTxtMissing": {
    en: "the previous selector {selector}'s TXT record is not served everywhere: SES will not verify it until the DNS team publishes it",
    ja: "以前のセレクタ {selector} の TXT レコードが全サーバで返されていません。DNS チームが設定するまで SES は検証できません",
  },
  "rollback.cnamesMissing": {
    en: "{count} Easy DKIM CNAMEs are missing: SES issued new tokens and cannot verify until the DNS team publishes them",
    ja: "Easy DKIM の CNAME が {count} 件ありません。SES は新しいトークンを発行したため、DNS チームが設定するまで検証できません",
  },
  "rollback.secretUnreadable": { en: "the state secret could not be read:", ja: "状態シークレットを読めませんでした：" },
  "rollback.fromJournal": { en: "using the snapshot in the local journal {path}", ja: "ローカルのジャーナル {path} のスナップショットを使用します" },
  "rollback.plan.title": {
    en: "Rollback plan for {domain}",
    ja: "{domain} のロールバック計画",
  },
  "rollback.plan.target": { en: "target", ja: "戻し先" },
  "rollback.plan.restart": { en: "restart", ja: "再開" },
  "rollback.plan.restartEasy": {
    en: "SES's Easy DKIM verification FAILED and SES will not look again by itself: Easy DKIM is put again, which restarts it with new tokens (CNAMEs published for the current ones no longer count)",
    ja: "SES の Easy DKIM 検証は FAILED で、SES が自ら再確認することはありません：Easy DKIM を再設定して検証を再開します。トークンは新しくなります（現在のトークンの CNAME は無効になります）",
  },
  "rollback.easyRestarted": {
    en: "Easy DKIM was put again, which restarted SES's verification under new tokens: publish their CNAMEs (below) before SES gives up on them",
    ja: "Easy DKIM を再設定し、新しいトークンで SES の検証を再開しました：SES が検証を打ち切る前に、それらの CNAME（下記）を公開してください",
  },
  "rollback.plan.nothing": {
    en: "nothing: byodkim never switched this identity",
    ja: "なし：byodkim はこの ID を切り替えていません",
  },
  "rollback.plan.caution": { en: "caution", ja: "注意" },
  "rollback.plan.untouchedHealthy": {
    en: "byodkim never switched {domain}, and its DKIM is healthy (SUCCESS, signing on): this turns signing off on a healthy domain, and its mail leaves unsigned",
    ja: "byodkim は {domain} を切り替えておらず、DKIM は正常です（SUCCESS、署名有効）：正常なドメインの署名を無効にし、以後のメールは署名なしで送信されます",
  },
  "rollback.plan.untouched": {
    en: "byodkim never switched {domain} (DKIM status {status}): this turns its DKIM signing off, and its mail leaves unsigned",
    ja: "byodkim は {domain} を切り替えていません（DKIM ステータス {status}）：DKIM 署名を無効にし、以後のメールは署名なしで送信されます",
  },
  "rollback.plan.disable": { en: "DKIM signing off (SigningEnabled false)", ja: "DKIM 署名を無効化（SigningEnabled false）" },
  "rollback.plan.previousExternal": {
    en: "the previous BYODKIM selector {selector}, signing {signing}",
    ja: "以前の BYODKIM セレクタ {selector}、署名 {signing}",
  },
  "rollback.plan.previousEasy": {
    en: "Easy DKIM (origin AWS_SES; SES issues new tokens), signing {signing}",
    ja: "Easy DKIM（オリジン AWS_SES、SES が新しいトークンを発行）、署名 {signing}",
  },
  "rollback.summary.upToDate": {
    en: "{domain} is already rolled back ({target}) and the state record says so: nothing to do.",
    ja: "{domain} はすでにロールバック済み（{target}）で、状態レコードもそうなっています：何もすることはありません。",
  },
  "rollback.summary.neverSwitched": {
    en: "Nothing to roll back: byodkim never switched {domain} (no snapshot, and {secretId} is at phase {phase}). Nothing was changed. To turn DKIM signing off anyway: byodkim rollback {domain} --to disable",
    ja: "ロールバックするものはありません：byodkim は {domain} を切り替えていません（スナップショットがなく、{secretId} はフェーズ {phase} です）。何も変更していません。それでも DKIM 署名を無効にするには：byodkim rollback {domain} --to disable",
  },
  "rollback.summary.alreadyOff": {
    en: "Nothing to roll back: byodkim never switched {domain}, and its DKIM signing is already off. Nothing was changed.",
    ja: "ロールバックするものはありません：byodkim は {domain} を切り替えておらず、DKIM 署名はすでに無効です。何も変更していません。",
  },
  "rollback.summary.done": { en: "Rolled back {domain} ({target}).", ja: "{domain} をロールバックしました（{target}）。" },
});

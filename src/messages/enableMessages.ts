import type { MessageSection } from "./types.js";

export const enableMessages: MessageSection = {
  "enable.confirm": {
    en: "Type the domain name ({domain}) to switch it to BYODKIM:",
    ja: "BYODKIM に切り替えるにはドメイン名（{domain}）を入力してください：",
  },
  "enable.badWait": { en: "--wait takes a whole number of seconds, not {value}", ja: "--wait には秒数（整数）を指定してください（{value} は使えません）" },
  "enable.rechecking": { en: "checking every gate again before the change", ja: "変更前にすべてのゲートを再確認しています" },
  "enable.calling": { en: "calling {call}", ja: "{call} を実行しています" },
  "enable.waiting": { en: "waiting up to {seconds} s for SES to verify the DKIM record", ja: "SES が DKIM レコードを検証するまで最大 {seconds} 秒待ちます" },
  "enable.dkimStatus": { en: "SES DKIM status {status} (error: {errorType})", ja: "SES DKIM ステータス {status}（エラー: {errorType}）" },
  "enable.dkimState": {
    en: "origin {origin}, signing {signing}, tokens {tokens}, status {status}",
    ja: "オリジン {origin}、署名 {signing}、トークン {tokens}、ステータス {status}",
  },
  "enable.dkimUnknown": { en: "unknown (SES could not be read)", ja: "不明（SES を読み取れませんでした）" },
  "enable.plan.title": { en: "Plan: switch {domain} to BYODKIM", ja: "計画：{domain} を BYODKIM に切り替え" },
  "enable.plan.where": { en: "where", ja: "対象" },
  "enable.plan.whereValue": { en: "account {account} as {arn}, region {region}", ja: "アカウント {account}（{arn}）、リージョン {region}" },
  "enable.plan.now": { en: "now", ja: "現在" },
  "enable.plan.after": { en: "after", ja: "変更後" },
  "enable.plan.afterValue": {
    en: "origin EXTERNAL, selector {selector}, RSA {bits}-bit, public key {fingerprint}, signing on",
    ja: "オリジン EXTERNAL、セレクタ {selector}、RSA {bits} ビット、公開鍵 {fingerprint}、署名 on",
  },
  "enable.plan.calls": { en: "calls", ja: "API 呼び出し" },
  "enable.plan.callsValue": {
    en: "1. PutEmailIdentityDkimSigningAttributes (EXTERNAL, selector, key)  2. PutEmailIdentityDkimAttributes (SigningEnabled true)",
    ja: "1. PutEmailIdentityDkimSigningAttributes（EXTERNAL、セレクタ、鍵）  2. PutEmailIdentityDkimAttributes（SigningEnabled true）",
  },
  "enable.plan.rollback": { en: "rollback", ja: "ロールバック" },
  "enable.plan.rollbackValue": {
    en: "byodkim rollback {domain} restores: {previous}",
    ja: "byodkim rollback {domain} で次の状態に戻します：{previous}",
  },
  "enable.plan.risk": { en: "risk", ja: "リスク" },
  "enable.plan.riskValue": {
    en: "while the switch is PENDING, SES may send mail signed only by amazonses.com, not {domain}; every nameserver already serves the key, so the wait should be short",
    ja: "切り替えが PENDING の間、SES は {domain} ではなく amazonses.com の署名のみでメールを送る場合があります。全ネームサーバが既に公開鍵を返しているため、待ち時間は短いはずです",
  },
  "enable.summary.gatesFailed": { en: "Enable refused: a gate failed. Nothing was changed.", ja: "有効化を中止：ゲートが不合格です。何も変更していません。" },
  "enable.summary.alreadyActive": {
    en: "BYODKIM with selector {selector} is already active on {domain}: nothing to do.",
    ja: "{domain} ではセレクタ {selector} の BYODKIM がすでに有効です：何もしません。",
  },
  "enable.summary.dryRun": { en: "Dry run: stopped after the plan. Nothing was changed.", ja: "ドライラン：計画の表示で終了しました。何も変更していません。" },
  "enable.summary.declined": { en: "Declined: the domain name was not typed. Nothing was changed.", ja: "中止：ドメイン名が入力されませんでした。何も変更していません。" },
  "enable.summary.recheckFailed": {
    en: "Enable refused: the gates changed while waiting at the prompt. Nothing was changed.",
    ja: "有効化を中止：確認待ちの間にゲートの結果が変わりました。何も変更していません。",
  },
  "enable.summary.enabled": {
    en: "BYODKIM is enabled on {domain} with selector {selector}: SES reports SUCCESS and signing is on.",
    ja: "{domain} でセレクタ {selector} の BYODKIM を有効化しました：SES は SUCCESS、署名は on です。",
  },
  "enable.summary.verificationFailed": {
    en: "SES could not verify the DKIM record ({errorType}): DKIM verification FAILED.",
    ja: "SES が DKIM レコードを検証できませんでした（{errorType}）：DKIM 検証は FAILED です。",
  },
  "enable.summary.timedOut": {
    en: "SES had not verified the DKIM record when the wait ran out (last error: {errorType}).",
    ja: "待機時間内に SES が DKIM レコードを検証しませんでした（最後のエラー: {errorType}）。",
  },
  "enable.summary.failedDuringChange": { en: "The change failed partway.", ja: "変更の途中で失敗しました。" },
  "enable.summary.interrupted": { en: "Interrupted after the call in flight finished.", ja: "実行中の呼び出しの完了後に中断しました。" },
  "enable.unexpectedFailure": { en: "{call} failed unexpectedly", ja: "{call} が予期せず失敗しました" },
  "enable.callDone": { en: "{call}: done (request {requestId})", ja: "{call}: 完了（リクエスト {requestId}）" },
  "enable.callFailed": { en: "{call}: failed", ja: "{call}: 失敗" },
  "enable.sesNow": { en: "SES now", ja: "現在の SES" },
  "enable.rollbackHint": { en: "To undo: {command}", ja: "元に戻すには：{command}" },
  "enable.next": { en: "Next: byodkim verify {domain}", ja: "次の手順：byodkim verify {domain}" },
  "enable.journal": { en: "journal: {path}", ja: "ジャーナル: {path}" },
  "confirm.noAnswer": { en: "no answer to the confirmation: nothing was changed", ja: "確認への回答がありません：何も変更していません" },
  "cli.interruptNoted": {
    en: "Ctrl-C: finishing the call in flight, then stopping cleanly (press again to force)",
    ja: "Ctrl-C：実行中の呼び出しを完了してから安全に停止します（強制終了はもう一度押してください）",
  },
  "lock.held": {
    en: "another change is running: {command} by {owner} on {host} since {startedAt} (lock expires {expiresAt})",
    ja: "別の変更が実行中です：{owner}（{host}）の {command}、{startedAt} から（ロック期限 {expiresAt}）",
  },
  "lock.held.hint": {
    en: "wait for it to finish; if that run is known to be dead, run again with --force-unlock",
    ja: "完了を待ってください。その実行が停止していると確実な場合のみ --force-unlock を付けて再実行してください",
  },
  "lock.lostRace": { en: "another change took the lock at the same moment ({owner})", ja: "同時に別の変更がロックを取得しました（{owner}）" },
  "state.notJson": { en: "secret {secretId} is not a JSON object", ja: "シークレット {secretId} が JSON オブジェクトではありません" },
  "state.missing": { en: "secret {secretId} does not exist", ja: "シークレット {secretId} が存在しません" },
  "state.concurrentWriter": {
    en: "secret {secretId} kept changing under another writer; the state was not written",
    ja: "シークレット {secretId} が別の書き込みにより変更され続けたため、状態を書き込めませんでした",
  },
};

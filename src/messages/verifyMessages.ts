import { defineMessages } from "./section.js";

export const verifyMessages = defineMessages({
  "verify.header": { en: "verify {domain} · selector {selector} · region {region}", ja: "検証 {domain} · セレクタ {selector} · リージョン {region}" },
  "verify.summary.ok": {
    en: "BYODKIM is working: {passed} passed, {warned} warnings.",
    ja: "BYODKIM は正常に動作しています：OK {passed} 件、警告 {warned} 件。",
  },
  "verify.summary.sentUnchecked": {
    en: "SES, the key and its record check out ({passed} passed, {warned} warnings); the test message was sent, but its signature was not checked.",
    ja: "SES・鍵・レコードに問題はありません（OK {passed} 件、警告 {warned} 件）。テストメールは送信しましたが、その署名は確認していません。",
  },
  "verify.summary.fail": {
    en: "Not verified: {failed} failed, {passed} passed, {warned} warnings.",
    ja: "検証で問題が見つかりました：NG {failed} 件、OK {passed} 件、警告 {warned} 件。",
  },
  "verify.ses.pass": {
    en: "signing on, origin EXTERNAL, status SUCCESS, token {selector}",
    ja: "署名有効、オリジン EXTERNAL、ステータス SUCCESS、トークン {selector}",
  },
  "verify.ses.fail": {
    en: "SES shows origin {origin}, signing {signing}, status {status}, tokens {tokens}",
    ja: "SES の状態：オリジン {origin}、署名{signing}、ステータス {status}、トークン {tokens}",
  },
  "verify.ses.signingOff": { en: "SigningEnabled is false", ja: "SigningEnabled が false です" },
  "verify.ses.notExternal": { en: "origin is {origin}, not EXTERNAL", ja: "オリジンが EXTERNAL ではなく {origin} です" },
  "verify.ses.notSuccess": { en: "DKIM status is {status} (SES error: {errorType})", ja: "DKIM ステータスは {status} です（SES エラー：{errorType}）" },
  "verify.ses.tokens": { en: "tokens are {tokens}, expected [{selector}]", ja: "トークンが {tokens} です（想定：[{selector}]）" },
  "verify.state.pass": { en: "Phase-7 recorded (completed {completedAt})", ja: "Phase-7 の完了を記録済みです（完了日時 {completedAt}）" },
  "verify.state.fail": { en: "{count} state fields are not as Phase-7 leaves them", ja: "{count} 件の状態フィールドが Phase-7 完了時の値ではありません" },
  "verify.state.field": { en: "{field} is {actual}, expected {expected}", ja: "{field} が {actual} です（想定：{expected}）" },
  "verify.alarmsWaiting": { en: "alarms not settled yet; polling again", ja: "アラームの状態がまだ落ち着いていません。もう一度確認します" },
  "verify.sendTest.sentUnchecked": {
    en: "sent to {to} (MessageId {messageId}); its DKIM signature was not checked",
    ja: "{to} に送信しました（MessageId {messageId}）。DKIM 署名は確認していません",
  },
  "verify.sendTest.checkHint": {
    en: "a signature is only checked where the message is read back: byodkim verify {domain} --probe (with a probe: mailbox in the config), or save the message as received and run byodkim verify {domain} --eml <received message file>",
    ja: "署名は受信したメールを読み取って初めて確認できます：byodkim verify {domain} --probe（設定ファイルに probe: の受信箱が必要です）、または受信したメールを保存して byodkim verify {domain} --eml <受信したメールのファイル> を実行してください",
  },
  "verify.badAddress": { en: "--send-test {address} is not an email address", ja: "--send-test {address} はメールアドレスではありません" },
  "verify.emlUnreadable": { en: "cannot read the message file {path}", ja: "メッセージファイル {path} を読めません" },
  "verify.eml.signature": { en: "d={domain} s={selector}: {result}", ja: "d={domain} s={selector}：{result}" },
  "verify.eml.noSignature": { en: "the message has no DKIM signature from {domain}", ja: "メッセージに {domain} の DKIM 署名がありません" },
  "verify.eml.failed": { en: "the signature with s={selector} did not verify: {result}", ja: "s={selector} の署名を検証できませんでした：{result}" },
  "verify.eml.otherSelector": {
    en: "signed and verified, but with selector {selector}, not {expected}",
    ja: "署名は検証できましたが、セレクタが {expected} ではなく {selector} です",
  },
  "verify.eml.pass": { en: "signed by d={domain} s={selector}: pass", ja: "d={domain} s={selector} の署名：pass" },
  "gate.sendTest.title": { en: "Test message", ja: "テストメール" },
  "gate.eml.title": { en: "Received message", ja: "受信メッセージ" },
});

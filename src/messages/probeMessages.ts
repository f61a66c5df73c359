import { defineMessages } from "./section.js";

/** The probe: mail sent through the identity and read back (verify --probe). */
export const probeMessages = defineMessages({
  "gate.probe.title": { en: "Probe mail", ja: "プローブメール" },
  "probe.waiting": {
    en: "waiting for the probe in {mailboxes} mailbox(es): {seconds} s left",
    ja: "プローブメールの到着を待っています（受信箱 {mailboxes} 件、残り {seconds} 秒）",
  },
  "probe.notConfigured": {
    en: "--probe needs a probe mailbox, and the config has no probe: section",
    ja: "--probe にはプローブ用の受信箱が必要ですが、設定ファイルに probe: セクションがありません",
  },
  "probe.notConfigured.hint": {
    en: "add probe: with to and inbound (an SES receipt rule's S3 prefix) or imap, or targets (byodkim.config.example.yaml); or check a saved message with --eml",
    ja: "probe: に to と inbound（SES 受信ルールの S3 プレフィックス）または imap、あるいは targets を設定してください（byodkim.config.example.yaml 参照）。保存したメッセージは --eml で確認できます",
  },
  "probe.s3.unavailable": {
    en: "cannot read the inbound bucket {bucket}: no S3 reader here",
    ja: "受信バケット {bucket} を読めません（S3 の読み取り手段がありません）",
  },
  "probe.imap.loginFailed": {
    en: "the IMAP server {where} refused the login of user {user}",
    ja: "IMAP サーバ {where} がユーザー {user} のログインを拒否しました",
  },
  "probe.imap.loginFailed.hint": {
    en: "check the user name in the config and the password in its Secrets Manager secret (probe imap.passwordSecret)",
    ja: "設定ファイルのユーザー名と、Secrets Manager のシークレット（probe の imap.passwordSecret）のパスワードを確認してください",
  },
  "probe.imap.unreachable": { en: "cannot reach the IMAP server {where}: {reason}", ja: "IMAP サーバ {where} に接続できません：{reason}" },
  "probe.imap.unreachable.hint": {
    en: "check host, port and secure in the probe's imap settings, and that this machine may connect to it",
    ja: "probe の imap 設定（host、port、secure）と、このマシンから接続できることを確認してください",
  },
  "probe.imap.noPassword": {
    en: "the Secrets Manager secret {secretId} holds no IMAP password",
    ja: "Secrets Manager のシークレット {secretId} に IMAP のパスワードがありません",
  },
  "probe.imap.noPassword.hint": {
    en: "store the password of IMAP user {user} in it, as plain text or as JSON with a password key",
    ja: "IMAP ユーザー {user} のパスワードを、そのままの文字列か password キーを持つ JSON で保存してください",
  },
  "probe.pass": {
    en: "every mailbox ({count}) got the probe signed by d={domain} s={selector}",
    ja: "すべての受信箱（{count} 件）で d={domain} s={selector} の署名付きプローブを確認しました",
  },
  "probe.fail": {
    en: "{failed} of {count} mailbox(es) did not show the probe signed by d={domain} s={selector}",
    ja: "受信箱 {count} 件中 {failed} 件で d={domain} s={selector} の署名付きプローブを確認できませんでした",
  },
  "probe.target.s3": {
    en: "{target} → {to}, read back from S3 {bucket}/{prefix}:",
    ja: "{target} → {to}（S3 {bucket}/{prefix} から読み取り）：",
  },
  "probe.target.imap": {
    en: "{target} → {to}, read back over IMAP as {user} at {host}:{port}:",
    ja: "{target} → {to}（IMAP {host}:{port} のユーザー {user} で読み取り）：",
  },
  "probe.outcome.pass": {
    en: "  delivered after {seconds} s, signed by d={domain} s={selector}: pass",
    ja: "  {seconds} 秒で到着、d={domain} s={selector} の署名：pass",
  },
  "probe.outcome.otherSelector": {
    en: "  delivered after {seconds} s, signed by d={domain} s={selector}, not by the expected s={expected}",
    ja: "  {seconds} 秒で到着、署名は d={domain} s={selector} で、想定の s={expected} ではありません",
  },
  "probe.outcome.amazonsesOnly": {
    en: "  delivered after {seconds} s, signed only by amazonses.com: no signature of {domain}",
    ja: "  {seconds} 秒で到着、署名は amazonses.com のみで、{domain} の署名がありません",
  },
  "probe.outcome.unsigned": {
    en: "  delivered after {seconds} s without a DKIM signature of {domain}",
    ja: "  {seconds} 秒で到着しましたが、{domain} の DKIM 署名がありません",
  },
  "probe.outcome.failed": {
    en: "  delivered after {seconds} s; the signature d={domain} s={selector} did not verify: {reason}",
    ja: "  {seconds} 秒で到着しましたが、d={domain} s={selector} の署名を検証できませんでした：{reason}",
  },
  "probe.outcome.notDelivered": {
    en: "  not delivered within {seconds} s (sent {sentAt}, SES MessageId {messageId})",
    ja: "  {seconds} 秒以内に届きませんでした（送信 {sentAt}、SES MessageId {messageId}）",
  },
  "probe.outcome.notSent": { en: "  not sent:", ja: "  送信していません：" },
  "probe.outcome.unreadable": { en: "  the mailbox could not be read:", ja: "  受信箱を読めませんでした：" },
  "probe.signature.aligned": {
    en: "    DKIM-Signature d={domain} s={selector}: {result}, aligned with From",
    ja: "    DKIM-Signature d={domain} s={selector}：{result}（From と一致）",
  },
  "probe.signature.notAligned": {
    en: "    DKIM-Signature d={domain} s={selector}: {result}, not aligned with From",
    ja: "    DKIM-Signature d={domain} s={selector}：{result}（From と不一致）",
  },
  "probe.receiverResult": {
    en: "    Authentication-Results by {authservId}: dkim={result} header.d={domain} header.s={selector}",
    ja: "    {authservId} の Authentication-Results：dkim={result} header.d={domain} header.s={selector}",
  },
  "probe.receiverResult.none": {
    en: "    no Authentication-Results from the receiver",
    ja: "    受信側の Authentication-Results はありません",
  },
  "verify.probeWithSendTest": {
    en: "--probe and --send-test both send a message; use one of them",
    ja: "--probe と --send-test はどちらもメールを送信します。どちらか一方を指定してください",
  },
  "verify.probeWithSendTest.hint": {
    en: "--probe sends its message to the config's probe mailboxes and checks its signature there",
    ja: "--probe は設定ファイルのプローブ用受信箱にメールを送り、そこで署名を確認します",
  },
  "verify.badProbeTimeout": {
    en: "--probe-timeout takes a whole number of seconds from 1 to {max}, not {value}",
    ja: "--probe-timeout には 1 から {max} までの秒数（整数）を指定してください（{value} は指定できません）",
  },
});

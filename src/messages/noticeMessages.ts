import { defineMessages } from "./section.js";

/** The notices' own text (in notify.lang), and what the operator is told when one could not be sent. */
export const noticeMessages = defineMessages({
  "notice.title.change-confirmed": { en: "byodkim {command} on {domain}: confirmed, starting", ja: "byodkim {command}（{domain}）：確認済み、開始します" },
  "notice.title.change-succeeded": { en: "byodkim {command} on {domain}: succeeded", ja: "byodkim {command}（{domain}）：成功しました" },
  "notice.title.change-failed": { en: "byodkim {command} on {domain}: FAILED", ja: "byodkim {command}（{domain}）：失敗しました" },
  "notice.title.rollback-started": {
    en: "byodkim rollback on {domain}: started, its SES calls made",
    ja: "byodkim rollback（{domain}）：開始し、SES の呼び出しを実行しました",
  },
  "notice.title.rollback-finished": { en: "byodkim rollback on {domain}: finished ({outcome})", ja: "byodkim rollback（{domain}）：終了（{outcome}）" },
  "notice.title.approval-requested": {
    en: "byodkim {command} on {domain}: a rotation waits for approval",
    ja: "byodkim {command}（{domain}）：ローテーションが承認待ちです",
  },
  "notice.title.test": { en: "byodkim test notice for {domain}", ja: "byodkim テスト通知（{domain}）" },
  "notice.at": { en: "at {time}", ja: "日時：{time}" },
  "notice.label.operator": { en: "Operator", ja: "実行者" },
  "notice.label.where": { en: "Where", ja: "対象" },
  "notice.label.selector": { en: "Selector", ja: "セレクタ" },
  "notice.label.plan": { en: "Plan", ja: "計画" },
  "notice.label.outcome": { en: "Outcome", ja: "結果" },
  "notice.label.summary": { en: "Summary", ja: "概要" },
  "notice.label.sesNow": { en: "SES now", ja: "現在の SES" },
  "notice.label.rollback": { en: "To undo", ja: "元に戻すには" },
  "notice.label.dns": { en: "DNS records still needed", ja: "まだ必要な DNS レコード" },
  "notice.value.where": { en: "account {account}, region {region}, domain {domain}", ja: "アカウント {account}、リージョン {region}、ドメイン {domain}" },
  "notice.value.test": {
    en: "A test notice from byodkim notify-test: this target will hear of changes.",
    ja: "byodkim notify-test からのテスト通知です。この宛先に変更が通知されます。",
  },
  "notice.reason.timeout": { en: "no answer within {ms} ms", ja: "{ms} ms 以内に応答がありません" },
  "notice.reason.httpStatus": { en: "the webhook answered HTTP {status}", ja: "Webhook が HTTP {status} を返しました" },
  "notice.reason.network": { en: "the webhook could not be reached ({code})", ja: "Webhook に接続できません（{code}）" },
  "notice.reason.refused": { en: "the webhook's host refused the connection ({code})", ja: "Webhook のホストが接続を拒否しました（{code}）" },
  "notice.reason.dns": { en: "the webhook's host name did not resolve in DNS ({code})", ja: "Webhook のホスト名を DNS で解決できません（{code}）" },
  "notice.reason.tls": { en: "the TLS handshake with the webhook failed ({code})", ja: "Webhook との TLS ハンドシェイクに失敗しました（{code}）" },
  "notice.reason.silentEarlier": {
    en: "not sent: this target gave no answer to an earlier notice of this run",
    ja: "未送信：この宛先はこの実行の前の通知に応答しませんでした",
  },
  "notice.reason.noSns": { en: "no SNS client in this environment", ja: "この環境には SNS クライアントがありません" },
  // The warnings: one per reason, as a warning's params cannot hold the reason's own sentence.
  "notice.failed.timeout": {
    en: "notice {event} to {target} got no answer within {ms} ms; the change itself is unaffected",
    ja: "通知 {event}（宛先 {target}）は {ms} ms 以内に応答がありませんでした。変更そのものには影響ありません",
  },
  "notice.failed.httpStatus": {
    en: "notice {event} to {target} was refused with HTTP {status}; the change itself is unaffected",
    ja: "通知 {event}（宛先 {target}）は HTTP {status} で拒否されました。変更そのものには影響ありません",
  },
  "notice.failed.network": {
    en: "notice {event} could not reach {target} ({code}); the change itself is unaffected",
    ja: "通知 {event} は {target} に接続できませんでした（{code}）。変更そのものには影響ありません",
  },
  "notice.failed.refused": {
    en: "notice {event} could not reach {target}: the connection was refused ({code}); the change itself is unaffected",
    ja: "通知 {event} は {target} に接続できませんでした：接続が拒否されました（{code}）。変更そのものには影響ありません",
  },
  "notice.failed.dns": {
    en: "notice {event} could not reach {target}: its host name did not resolve in DNS ({code}); the change itself is unaffected",
    ja: "通知 {event} は {target} に接続できませんでした：ホスト名を DNS で解決できません（{code}）。変更そのものには影響ありません",
  },
  "notice.failed.tls": {
    en: "notice {event} could not reach {target}: the TLS handshake failed ({code}); the change itself is unaffected",
    ja: "通知 {event} は {target} に接続できませんでした：TLS ハンドシェイクに失敗しました（{code}）。変更そのものには影響ありません",
  },
  "notice.failed.silentEarlier": {
    en: "notice {event} to {target} was not sent: it gave no answer to an earlier notice; the change itself is unaffected",
    ja: "通知 {event}（宛先 {target}）は送りませんでした。前の通知に応答がなかったためです。変更そのものには影響ありません",
  },
  "notice.failed.noSns": {
    en: "notice {event} to {target} was not sent: no SNS client here; the change itself is unaffected",
    ja: "通知 {event}（宛先 {target}）は送れませんでした。SNS クライアントがありません。変更そのものには影響ありません",
  },
  "notice.failed.aws": {
    en: "notice {event} to {target} failed: {action} was refused or failed ({problem}, request {requestId}); the change itself is unaffected",
    ja: "通知 {event}（宛先 {target}）が失敗しました：{action} が拒否されたか失敗しました（{problem}、リクエスト {requestId}）。変更そのものには影響ありません",
  },
  "notify.none": {
    en: "no notice targets are configured (notify: in the config is absent or empty)",
    ja: "通知先が設定されていません（設定の notify: がないか空です）",
  },
  "notify.none.hint": {
    en: "add notify.sns or notify.webhooks to the config (see byodkim.config.example.yaml)",
    ja: "設定に notify.sns または notify.webhooks を追加してください（byodkim.config.example.yaml を参照）",
  },
  "notify.sent": { en: "sent in {ms} ms", ja: "{ms} ms で送信しました" },
  "notify.heading.target": { en: "target", ja: "宛先" },
  "notify.heading.result": { en: "result", ja: "結果" },
  "notify.summary.allSent": { en: "{count} test notices sent", ja: "{count} 件のテスト通知を送信しました" },
  "notify.summary.someFailed": { en: "{failed} of {count} test notices failed", ja: "{count} 件中 {failed} 件のテスト通知が失敗しました" },
  "notice.label.changeId": { en: "Change ticket", ja: "変更チケット" },
});

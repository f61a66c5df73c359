import { defineMessages } from "./section.js";

export const awsMessages = defineMessages({
  "aws.accessDenied": {
    en: "{service} denied {action} on {resource} (request {requestId})",
    ja: "{service} が {resource} に対する {action} を拒否しました（リクエスト {requestId}）",
  },
  "aws.accessDenied.hint": {
    en: "ask for {action} on {resource} in the role you use, or switch profile",
    ja: "使用中のロールに {resource} への {action} 権限を付与してもらうか、プロファイルを切り替えてください",
  },
  "aws.expiredCredentials": {
    en: "the AWS credentials have expired ({service} {action})",
    ja: "AWS 認証情報の有効期限が切れています（{service} {action}）",
  },
  "aws.expiredCredentials.hint": {
    en: "refresh them (aws sso login, or a new session token) and run again",
    ja: "認証情報を更新して（aws sso login や新しいセッショントークン）再実行してください",
  },
  "aws.invalidCredentials": {
    en: "AWS did not accept the credentials ({service} {action})",
    ja: "AWS が認証情報を受け付けませんでした（{service} {action}）",
  },
  "aws.invalidCredentials.hint": {
    en: "check the access key and profile in use (aws sts get-caller-identity)",
    ja: "使用中のアクセスキーとプロファイルを確認してください（aws sts get-caller-identity）",
  },
  "aws.noCredentials": { en: "no AWS credentials found", ja: "AWS 認証情報が見つかりません" },
  "aws.noCredentials.hint": {
    en: "set AWS_PROFILE or pass --profile (after aws sso login), or set the AWS_ACCESS_KEY_ID variables",
    ja: "AWS_PROFILE を設定するか --profile を指定してください（aws sso login の後）。または AWS_ACCESS_KEY_ID などの環境変数を設定してください",
  },
  "aws.noRegion": { en: "no AWS region for {service}", ja: "{service} の AWS リージョンが決まっていません" },
  "aws.noRegion.hint": {
    en: "pass --region or set region in the config",
    ja: "--region を指定するか、設定ファイルに region を書いてください",
  },
  "aws.throttled": {
    en: "{service} is still throttling {action} after retries (request {requestId})",
    ja: "再試行後も {service} が {action} を制限しています（リクエスト {requestId}）",
  },
  "aws.throttledRetrying": {
    en: "{service} is throttling, retrying {operation} (attempt {attempt} of {maxAttempts})",
    ja: "{service} がリクエストを制限しています。{operation} を再試行します（{maxAttempts} 回中 {attempt} 回目）",
  },
  "aws.throttled.hint": {
    en: "wait a minute and run again; check that no other job is calling {service} in a loop",
    ja: "1 分ほど待って再実行してください。ほかのジョブが {service} を連続して呼んでいないか確認してください",
  },
  "aws.unreachable": {
    en: "could not reach {service} for {action} (endpoint {endpoint})",
    ja: "{action} のために {service} へ接続できませんでした（エンドポイント {endpoint}）",
  },
  "aws.unreachable.hint": {
    en: "check the network or VPN, the region, and any AWS_ENDPOINT_URL setting",
    ja: "ネットワークや VPN、リージョン、AWS_ENDPOINT_URL の設定を確認してください",
  },
  "aws.timedOut": {
    en: "{service} did not answer {action} within {seconds} s, even after retries",
    ja: "{service} が {action} に {seconds} 秒以内に応答しませんでした（再試行後も同じでした）",
  },
  "aws.timedOut.hint": {
    en: "check the network or VPN and the AWS Health Dashboard, then run again (a change reads SES again first and says where it stands)",
    ja: "ネットワークや VPN、AWS Health Dashboard を確認してから再実行してください（変更コマンドは最初に SES を読み直し、現在の状態を示します）",
  },
  "aws.serverError": {
    en: "{service} failed with a server error on {action} ({name}, request {requestId})",
    ja: "{service} が {action} でサーバエラーを返しました（{name}、リクエスト {requestId}）",
  },
  "aws.serverError.hint": {
    en: "run again in a few minutes; check the AWS Health Dashboard if it persists",
    ja: "数分後に再実行してください。続く場合は AWS Health Dashboard を確認してください",
  },
  "aws.kms": {
    en: "Secrets Manager could not decrypt {resource}: the KMS key refused (request {requestId})",
    ja: "Secrets Manager が {resource} を復号できませんでした：KMS キーが拒否しました（リクエスト {requestId}）",
  },
  "aws.kms.hint": {
    en: "ask for kms:Decrypt on the secret's KMS key in the role you use",
    ja: "使用中のロールに、シークレットの KMS キーに対する kms:Decrypt 権限を付与してもらってください",
  },
  "aws.unexpected": {
    en: "{service} {action} failed: {name} (request {requestId})",
    ja: "{service} {action} が失敗しました：{name}（リクエスト {requestId}）",
  },
  "aws.unexpected.hint": {
    en: "check the resource {resource}; run again with --verbose to see the AWS SDK's own message",
    ja: "リソース {resource} を確認してください。--verbose を付けて再実行すると AWS SDK 自身のメッセージが表示されます",
  },
  "aws.unexpectedUnnamed": {
    en: "{service} {action} failed before AWS answered, with an error the AWS SDK gave no name (request {requestId})",
    ja: "{service} {action} が AWS の応答前に失敗しました。AWS SDK はこのエラーに名前を付けていません（リクエスト {requestId}）",
  },
  "aws.unexpectedUnnamed.hint": {
    en: "run again with --verbose to see the AWS SDK's own message; check the region, the profile and any AWS_ENDPOINT_URL setting",
    ja: "--verbose を付けて再実行すると AWS SDK 自身のメッセージが表示されます。リージョン、プロファイル、AWS_ENDPOINT_URL の設定を確認してください",
  },
  "aws.sdkSaid": { en: "AWS SDK said: {message}", ja: "AWS SDK のメッセージ: {message}" },
  "aws.secretNotText": {
    en: "secret {resource} holds binary data, not JSON text",
    ja: "シークレット {resource} は JSON テキストではなくバイナリを保持しています",
  },
  "aws.secretNotText.hint": {
    en: "store the migration state as a JSON SecretString",
    ja: "移行ステータスは JSON の SecretString として保存してください",
  },
  "aws.objectTooLarge": {
    en: "s3://{bucket}/{key} is {size} bytes: too large to be a DKIM private key",
    ja: "s3://{bucket}/{key} は {size} バイトあり、DKIM 秘密鍵としては大きすぎます",
  },
  "aws.objectTooLarge.hint": {
    en: "check the keys.key template: it should name the PEM file (about 1.7 KB)",
    ja: "keys.key テンプレートを確認してください。PEM ファイル（約 1.7 KB）を指す必要があります",
  },
});

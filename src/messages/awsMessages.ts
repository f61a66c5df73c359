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
  "aws.serverErrorRetrying": {
    en: "{service} answered {operation} with a server error ({error}), retrying (attempt {attempt} of {maxAttempts})",
    ja: "{service} が {operation} にサーバエラー（{error}）を返しました。再試行します（{maxAttempts} 回中 {attempt} 回目）",
  },
  "aws.noAnswerRetrying": {
    en: "{service} gave no answer to {operation} ({error}), retrying (attempt {attempt} of {maxAttempts})",
    ja: "{service} から {operation} への応答がありませんでした（{error}）。再試行します（{maxAttempts} 回中 {attempt} 回目）",
  },
  "aws.throttled.hint": {
    en: "wait a minute and run again; check that no other job is calling {service} in a loop",
    ja: "1 分ほど待って再実行してください。ほかのジョブが {service} を連続して呼んでいないか確認してください",
  },
  "aws.unreachable": {
    en: "could not reach {service} for {action} (endpoint {endpoint})",
    ja: "{service} に接続できず、{action} を実行できませんでした（エンドポイント {endpoint}）",
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
  "aws.sdkSaid": { en: "AWS SDK said: {message}", ja: "AWS SDK のメッセージ：{message}" },
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
  "aws.campaignRecordTooLarge": {
    en: "s3://{bucket}/{key} is {size} bytes: larger than any plan or approval byodkim writes (at most {max} bytes)",
    ja: "s3://{bucket}/{key} は {size} バイトあり、byodkim が書く計画や承認としては大きすぎます（最大 {max} バイト）",
  },
  "aws.campaignRecordTooLarge.hint": {
    en: "check the plan id: this object was not written by byodkim plan or approve",
    ja: "計画 ID を確認してください。このオブジェクトは byodkim plan または approve が書いたものではありません",
  },
  "aws.metricName": {
    en: "a metric named {name} cannot go to CloudWatch (a name is 1 to 255 characters): nothing was published",
    ja: "メトリクス名 {name} は CloudWatch に送れません（名前は 1〜255 文字）。何も送信していません",
  },
  "aws.metricDimensions": {
    en: "metric {name} has {count} dimensions, more than the {max} CloudWatch takes: nothing was published",
    ja: "メトリクス {name} のディメンションは {count} 個あり、CloudWatch が受け付ける {max} 個を超えています。何も送信していません",
  },
  "aws.metricDimension": {
    en: "metric {name} has a dimension {dimension} that CloudWatch does not take (a name of 1 to 255 characters, a value of 1 to 1024): nothing was published",
    ja: "メトリクス {name} のディメンション {dimension} は CloudWatch が受け付けません（名前は 1〜255 文字、値は 1〜1024 文字）。何も送信していません",
  },
  "aws.metricValue": {
    en: "metric {name} ({dimensions}) has the value {value}; CloudWatch takes only finite numbers from 2^-360 to 2^360 in size, or 0: nothing was published",
    ja: "メトリクス {name}（{dimensions}）の値 {value} は CloudWatch が受け付けません（0、または大きさ 2^-360〜2^360 の有限の数のみ）。何も送信していません",
  },
  "aws.metricRefused.hint": {
    en: "this is byodkim's fault, not the account's: report it with the command line and the --json output",
    ja: "アカウントではなく byodkim の不具合です。コマンドラインと --json の出力を添えて報告してください",
  },
  "aws.metricTimestamp": {
    en: "metric {name} is stamped {timestamp}, outside what CloudWatch takes (up to 2 weeks ago, up to 2 hours ahead of {now}): nothing was published",
    ja: "メトリクス {name} のタイムスタンプ {timestamp} は CloudWatch が受け付ける範囲外です（{now} の 2 週間前から 2 時間後まで）。何も送信していません",
  },
  "aws.metricTimestamp.hint": {
    en: "check this machine's clock (timedatectl, or the container's time source) and run again",
    ja: "このマシンの時計を確認して（timedatectl やコンテナの時刻同期）再実行してください",
  },
});

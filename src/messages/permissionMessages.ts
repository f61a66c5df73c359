import { defineMessages } from "./section.js";

export const permissionMessages = defineMessages({
  "gate.permissions.title": { en: "AWS permissions", ja: "AWS の権限" },
  "gate.permissions.pass": {
    en: "{count} actions allowed for {principal} (simulated)",
    ja: "{principal} に {count} 件のアクションが許可されています（シミュレーション）",
  },
  "gate.permissions.denied": {
    en: "{principal} may not do {count} of the {total} actions this command makes: {actions}",
    ja: "{principal} はこのコマンドの {total} 件のアクションのうち {count} 件を実行できません: {actions}",
  },
  "gate.permissions.deniedLine": { en: "{decision}: {action} on {resource}", ja: "{decision}: {resource} に対する {action}" },
  "gate.permissions.denied.hint": {
    en: "attach the policy `byodkim iam-policy --role <role>` prints to the role, then run again",
    ja: "`byodkim iam-policy --role <ロール>` が出力するポリシーをロールに付与してから再実行してください",
  },
  "gate.permissions.deniedWarning": {
    en: "{principal} may not do {count} of the {total} actions rollback makes ({actions}): the rollback may stop there",
    ja: "{principal} は rollback の {total} 件のアクションのうち {count} 件を実行できません（{actions}）。ロールバックはそこで止まる可能性があります",
  },
  "gate.permissions.noticesDenied": {
    en: "{principal} may not publish the change notices ({actions} on {count} topics): the change goes ahead, its SNS notices will fail",
    ja: "{principal} は変更通知を発行できません（{count} 件のトピックへの {actions}）。変更は行いますが、SNS 通知は失敗します",
  },
  "gate.permissions.notChecked": {
    en: "could not check permissions, so nothing is blocked for them (why below)",
    ja: "権限を確認できませんでした。そのため権限による停止はしません（理由は下記）",
  },
  "gate.permissions.unsupportedPrincipal": {
    en: "{arn} is neither a role session nor an IAM user, which IAM cannot simulate",
    ja: "{arn} はロールのセッションでも IAM ユーザーでもないため、IAM でシミュレーションできません",
  },
  "gate.permissions.notSent": {
    en: "not sent: the permissions gate found an action the role may not do",
    ja: "送信していません: 権限ゲートがロールに許可されていないアクションを見つけました",
  },
  "gate.permissions.late": {
    en: "IAM had not answered when rollback's reads were done; the incident does not wait for it",
    ja: "rollback の読み取りが終わった時点で IAM が応答していませんでした。障害対応はその応答を待ちません",
  },
  "gate.permissions.noIam": { en: "no IAM to ask", ja: "IAM に問い合わせできません" },
  "gate.permissions.coverage": {
    en: "simulated: {principal}'s own policies and boundary; not resource policies (the secret's, the bucket's, the KMS key's) or session policies",
    ja: "シミュレーション対象は {principal} 自身のポリシーと権限境界です。リソースポリシー（シークレット、バケット、KMS キー）やセッションポリシーは対象外です",
  },
  "iamPolicy.badAudience": {
    en: "--for must be operator or readonly, not {value}",
    ja: "--for には operator か readonly を指定してください（{value} は使えません）",
  },
  "iamPolicy.badFormat": {
    en: "--format must be json, not {value}",
    ja: "--format には json を指定してください（{value} は使えません）",
  },
  "iamPolicy.covers": {
    en: "IAM policy for {audience} ({commands}) on {domain} in {region}, account {account}. Attach it to the operators' role:",
    ja: "{domain}（{region}、アカウント {account}）の {audience} 用 IAM ポリシー（{commands}）。オペレーターのロールに付与してください:",
  },
  "iamPolicy.attach": {
    en: "  aws iam create-policy --policy-name byodkim-{audience} --policy-document file://policy.json && aws iam attach-role-policy --role-name <role> --policy-arn <the new policy's ARN>",
    ja: "  aws iam create-policy --policy-name byodkim-{audience} --policy-document file://policy.json && aws iam attach-role-policy --role-name <ロール名> --policy-arn <作成したポリシーの ARN>",
  },
  "iamPolicy.anyRole": {
    en: "! without --role the preflight statement lets the holder simulate any role of the account: pass --role <the operators' role> to allow its own only",
    ja: "! --role を指定しないと、事前チェック用のステートメントはアカウント内のどのロールでもシミュレーションできます。--role <オペレーターのロール> で自分のロールだけに絞ってください",
  },
});

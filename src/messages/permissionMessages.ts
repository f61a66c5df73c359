import { defineMessages } from "./section.js";

export const permissionMessages = defineMessages({
  "gate.permissions.title": { en: "AWS permissions", ja: "AWS の権限" },
  "gate.permissions.pass": {
    en: "{count} actions allowed for {principal} (simulated)",
    ja: "{principal} には {count} 件のアクションが許可されています（シミュレーションによる確認）",
  },
  "gate.permissions.denied": {
    en: "{principal} may not do {count} of the {total} actions this command makes: {actions}",
    ja: "{principal} はこのコマンドの {total} 件のアクションのうち {count} 件を実行できません：{actions}",
  },
  "gate.permissions.deniedLine": { en: "{decision}: {action} on {resource}", ja: "{decision}：{resource} に対する {action}" },
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
    ja: "権限を確認できませんでした。そのため権限を理由に止めることはしません（理由は下記のとおりです）",
  },
  "gate.permissions.unsupportedPrincipal": {
    en: "{arn} is neither a role session nor an IAM user, which IAM cannot simulate",
    ja: "{arn} はロールのセッションでも IAM ユーザーでもないため、IAM でシミュレーションできません",
  },
  "gate.permissions.notSent": {
    en: "not sent: the permissions gate found an action the role may not do",
    ja: "送信していません：ロールに許可されていないアクションが権限ゲートで見つかりました",
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
    en: "--for must be operator, readonly, approver, unattended or target, not {value}",
    ja: "--for には operator、readonly、approver、unattended、target のいずれかを指定してください（{value} は使えません）",
  },
  "iamPolicy.badFormat": {
    en: "--format must be json, not {value}",
    ja: "--format には json を指定してください（{value} は使えません）",
  },
  "iamPolicy.covers": {
    en: "IAM policy for {audience} ({commands}) on {domain} in {region}, account {account}. Attach it to the role that runs them:",
    ja: "{domain}（{region}、アカウント {account}）の {audience} 用 IAM ポリシーです（{commands}）。これらのコマンドを実行するロールに付与してください：",
  },
  "iamPolicy.attach": {
    en: "  aws iam create-policy --policy-name byodkim-{audience} --policy-document file://policy.json && aws iam attach-role-policy --role-name <role> --policy-arn <the new policy's ARN>",
    ja: "  aws iam create-policy --policy-name byodkim-{audience} --policy-document file://policy.json && aws iam attach-role-policy --role-name <ロール名> --policy-arn <作成したポリシーの ARN>",
  },
  "iamPolicy.badRole": {
    en: "--role must be an IAM role name (1 to 64 letters, digits and +=,.@_-) or a role's ARN with its path (arn:aws:iam::<account>:role/<path>/<name>), without * ? or $, not {value}",
    ja: "--role には IAM ロール名（英数字と +=,.@_- の 1〜64 文字）か、パスを含むロールの ARN（arn:aws:iam::<アカウント>:role/<パス>/<名前>）を * ? $ を含めずに指定してください（{value} は使えません）",
  },
  "iamPolicy.roleOtherAccount": {
    en: "--role {value} is a role of account {roleAccount}, not of the config's account {account}: the preflight may simulate the operators' own role only",
    ja: "--role {value} はアカウント {roleAccount} のロールで、設定のアカウント {account} のものではありません。事前チェックがシミュレーションできるのはオペレーター自身のロールだけです",
  },
  "iamPolicy.keysWithoutDomain": {
    en: "keys.key {template} does not name the domain: the policy's key grants cover s3://{bucket}/{pattern}, every domain's keys in that bucket; put {placeholder} in the template (e.g. {example}) to keep each domain to its own keys",
    ja: "keys.key {template} にドメインが含まれていません。このままではポリシーの鍵の権限が s3://{bucket}/{pattern}、つまりそのバケットにある全ドメインの鍵に及びます。テンプレートに {placeholder} を入れて（例：{example}）、各ドメインが自分の鍵だけを扱えるようにしてください",
  },
  "iamPolicy.anyRole": {
    en: "! without --role the preflight statement lets the holder simulate any role of the account: pass --role <the operators' role> to allow its own only",
    ja: "! --role を指定しないと、事前チェック用のステートメントはアカウント内のどのロールでもシミュレーションできます。--role <オペレーターのロール> で自分のロールだけに絞ってください",
  },
});

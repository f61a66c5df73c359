import { defineMessages } from "./section.js";

export const permissionMessages = defineMessages({
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

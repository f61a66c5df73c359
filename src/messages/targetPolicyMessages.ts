import { defineMessages } from "./section.js";

/** `iam-policy --for target`: the role byodkim assumes in a member account (config `accounts:`). */
export const targetPolicyMessages = defineMessages({
  "iamPolicy.accountNotTarget": {
    en: "--account is for --for target (the role byodkim assumes in a member account); --for {audience} is the operations account's policy and covers every account's identities",
    ja: "--account は --for target（byodkim がメンバーアカウントで引き受けるロール）でのみ使えます。--for {audience} は運用アカウントのポリシーで、すべてのアカウントのドメインを扱います",
  },
  "iamPolicy.trustNotTarget": {
    en: "--trust is for --for target --account <id>: only the member account's role has a trust policy byodkim writes",
    ja: "--trust は --for target --account <ID> でのみ使えます。byodkim が信頼ポリシーを出力するのはメンバーアカウントのロールだけです",
  },
  "iamPolicy.target.noAccounts": {
    en: "--for target is the role byodkim assumes in a member account, and the config lists none under accounts:",
    ja: "--for target は byodkim がメンバーアカウントで引き受けるロール用ですが、設定の accounts: にメンバーアカウントがありません",
  },
  "iamPolicy.target.noAccount": {
    en: "--for target needs --account <id>, one of the config's member accounts: {ids}",
    ja: "--for target には --account <ID> として設定のメンバーアカウントのいずれかを指定してください：{ids}",
  },
  "iamPolicy.target.unknownAccount": {
    en: "--account {value} is not among the config's member accounts (accounts:): {ids}",
    ja: "--account {value} は設定のメンバーアカウント（accounts:）にありません。指定できるのは次のとおりです：{ids}",
  },
  "iamPolicy.target.domain": {
    en: "--for target takes no domain ({domain}): its policy covers every identity the config lists under the account",
    ja: "--for target にはドメイン（{domain}）を指定できません。ポリシーは設定でそのアカウントに記載されたすべてのドメインを対象にします",
  },
  "iamPolicy.target.covers": {
    en: "Permission policy for {roleArn}, the role byodkim assumes in member account {account}: SES on {identities}, and the permission preflight on the role itself. Attach it there:",
    ja: "メンバーアカウント {account} で byodkim が引き受けるロール {roleArn} の権限ポリシーです。対象は {identities} の SES と、ロール自身に対する権限の事前チェックです。そのアカウントで次のように付与してください：",
  },
  "iamPolicy.target.trustCovers": {
    en: "Trust policy for {roleArn} in member account {account}: {principal} may assume it. Attach it there:",
    ja: "メンバーアカウント {account} のロール {roleArn} の信頼ポリシーです。{principal} がこのロールを引き受けられます。そのアカウントで次のように付与してください：",
  },
  "iamPolicy.target.trustCoversExternalId": {
    en: "Trust policy for {roleArn} in member account {account}: {principal} may assume it with the external id the config gives. Attach it there:",
    ja: "メンバーアカウント {account} のロール {roleArn} の信頼ポリシーです。{principal} が設定の外部 ID を付けてこのロールを引き受けられます。そのアカウントで次のように付与してください：",
  },
  "iamPolicy.target.files": {
    en: "  (target-trust.json: this command with --trust; target-policy.json: without it)",
    ja: "  （target-trust.json は --trust 付きのこのコマンドの出力、target-policy.json は --trust なしの出力です）",
  },
  "iamPolicy.target.attach": {
    en: "  aws iam create-role --role-name {roleName}{pathFlag} --assume-role-policy-document file://target-trust.json\n  aws iam put-role-policy --role-name {roleName} --policy-name byodkim-ses --policy-document file://target-policy.json",
    ja: "  aws iam create-role --role-name {roleName}{pathFlag} --assume-role-policy-document file://target-trust.json\n  aws iam put-role-policy --role-name {roleName} --policy-name byodkim-ses --policy-document file://target-policy.json",
  },
  "iamPolicy.organization": {
    en: "accounts: fromOrganization: the member accounts and their identities are found at run time, so the policy lets byodkim list the organization's accounts, assume role {roleName} in any account of your own organization (aws:ResourceOrgID), and keep the key, lock and state secret of any domain; each member account's role grants SES there (`byodkim iam-policy --for target --account <id>`)",
    ja: "accounts: fromOrganization：メンバーアカウントとその ID は実行時に見つかるため、このポリシーは組織のアカウントの一覧、自組織内（aws:ResourceOrgID）の任意のアカウントのロール {roleName} の引き受け、任意のドメインの鍵・ロック・状態シークレットを許可します。各メンバーアカウントの SES はそのアカウントのロールが許可します（`byodkim iam-policy --for target --account <ID>`）",
  },
  "iamPolicy.target.organization": {
    en: "accounts: fromOrganization: account {account}'s identities are found at run time, so the role is granted SES on every identity of the account (identity/*) in {regions}",
    ja: "accounts: fromOrganization：アカウント {account} の ID は実行時に見つかるため、ロールには {regions} のこのアカウントのすべての ID（identity/*）への SES が許可されます",
  },
  "iamPolicy.target.organizationBadAccount": {
    en: "--account {value}: a 12-digit id of a member account of the organization, other than the operations account {operations}",
    ja: "--account {value}：運用アカウント {operations} 以外の、組織のメンバーアカウントの 12 桁の ID を指定してください",
  },
  "iamPolicy.target.anyPrincipal": {
    en: "without --role the trust policy trusts account {account} as a whole: any principal of it whose own policy allows sts:AssumeRole may assume the role; pass --role <the operators' role> to trust that role only",
    ja: "--role を指定しないと、信頼ポリシーはアカウント {account} 全体を信頼します。自身のポリシーで sts:AssumeRole が許可されたそのアカウントのどのプリンシパルでもロールを引き受けられます。--role <オペレーターのロール> でそのロールだけを信頼するようにしてください",
  },
});

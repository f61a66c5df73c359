import { defineMessages } from "./section.js";

/** Member accounts (config `accounts:`), reached by assuming a role in each. */
export const accountMessages = defineMessages({
  "account.assumeDenied": {
    en: "could not assume {role} for account {account}: AWS refused sts:AssumeRole (request {requestId})",
    ja: "アカウント {account} のロール {role} を引き受けられませんでした：AWS が sts:AssumeRole を拒否しました（リクエスト {requestId}）",
  },
  "account.assumeDenied.hint": {
    en: "AWS does not say which: the role's trust policy must trust your role, its sts:ExternalId condition must match accounts:' externalId, and your own policy must allow sts:AssumeRole on it. `byodkim iam-policy --for target --account {account}` prints the role's policies",
    ja: "AWS は理由を区別しません：ロールの信頼ポリシーがあなたのロールを信頼していること、sts:ExternalId の条件が accounts: の externalId と一致すること、あなた自身のポリシーがこのロールへの sts:AssumeRole を許可していることを確認してください。`byodkim iam-policy --for target --account {account}` でロールのポリシーを表示できます",
  },
  "account.listedElsewhere": {
    en: "{domain} is in account {listed}'s SES, but the config puts it in account {configured}: byodkim's commands for it reach {configured} (list it under accounts: to reach {listed})",
    ja: "{domain} はアカウント {listed} の SES にありますが、設定ではアカウント {configured} にあります：byodkim のコマンドは {configured} に対して動きます（{listed} を対象にするには accounts: に記載してください）",
  },
  "account.operatorElsewhere": {
    en: "your own credentials are account {account} ({arn}), not the operations account {expected}, where the keys, state and journals of every account's identities are kept",
    ja: "あなた自身の認証情報はアカウント {account}（{arn}）のもので、運用アカウント {expected} ではありません。すべてのアカウントの ID の鍵・状態・ジャーナルは運用アカウントに置かれます",
  },
  "account.operations": { en: "operations account {account}", ja: "運用アカウント {account}" },
  "account.member": { en: "member account {account} (through {role})", ja: "メンバーアカウント {account}（{role} 経由）" },
  "organization.listDenied": {
    en: "account {account} could not list its organization's accounts (organizations:ListAccounts answered {name}): accounts: with fromOrganization needs the organization's management account or a delegated administrator for AWS Organizations",
    ja: "アカウント {account} は組織のアカウントを一覧できませんでした（organizations:ListAccounts の応答：{name}）：accounts: の fromOrganization には組織の管理アカウントか AWS Organizations の委任管理者アカウントが必要です",
  },
  "organization.listDenied.hint": {
    en: "run byodkim with account {account} registered as a delegated administrator (or from the management account), its policy allowing organizations:ListAccounts (`byodkim iam-policy` prints it); or list the member accounts by id under accounts:",
    ja: "アカウント {account} を委任管理者に登録し（または管理アカウントから）、そのポリシーで organizations:ListAccounts を許可して実行してください（`byodkim iam-policy` で表示できます）。または accounts: にメンバーアカウントを ID で列挙してください",
  },
  "organization.accountSkipped": {
    en: "member account {account} skipped: its SES identities could not be listed through {role} (the reason follows)",
    ja: "メンバーアカウント {account} をスキップしました：{role} 経由で SES の ID を一覧できませんでした（理由は次のとおり）",
  },
  "organization.listFailed": {
    en: "{service} answered {name}",
    ja: "{service} の応答：{name}",
  },
  "organization.domainInTwoAccounts": {
    en: "{domain} is in the SES of member accounts {first} and {second}: byodkim cannot tell which one's identity to change",
    ja: "{domain} はメンバーアカウント {first} と {second} の両方の SES にあります：byodkim はどちらの ID を変更すべきか判断できません",
  },
  "organization.domainInTwoAccounts.hint": {
    en: "delete the identity from the account that does not send for {domain}, or list the member accounts by id under accounts:, each with its identities",
    ja: "{domain} を送信しない側のアカウントから ID を削除するか、accounts: にメンバーアカウントを ID と ID 一覧つきで列挙してください",
  },
  "organization.domainAlsoOwn": {
    en: "{domain} is in member account {member}'s SES, but the config lists it for the operations account {operations} (domain or identities:)",
    ja: "{domain} はメンバーアカウント {member} の SES にありますが、設定では運用アカウント {operations} のもの（domain または identities:）になっています",
  },
  "organization.domainAlsoOwn.hint": {
    en: "take {domain} out of the config's domain and identities: (it is found in {member} at run time), or delete the identity from the account that does not send for it",
    ja: "設定の domain と identities: から {domain} を外すか（実行時に {member} で見つかります）、送信しない側のアカウントから ID を削除してください",
  },
});

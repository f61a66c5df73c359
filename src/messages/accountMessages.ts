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
});

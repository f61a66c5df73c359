import { defineMessages } from "./section.js";

/** Who approves a plan, and what approve, apply and a single change under approvals refuse. */
export const approvalMessages = defineMessages({
  "gate.approval.title": { en: "Approval", ja: "承認" },

  "gate.approval.pass": {
    en: "{who} approves plan {planId}: it will have {count} of the {required} approval(s) required",
    ja: "{who} がプラン {planId} を承認します：必要な承認 {required} 件のうち {count} 件になります",
  },
  "gate.approval.passNotRequired": {
    en: "{who} approves plan {planId}: the config requires no approval (approvals.required: 0), it is recorded all the same",
    ja: "{who} がプラン {planId} を承認します：設定では承認は不要（approvals.required: 0）ですが、承認は記録します",
  },
  "gate.approval.tampered": {
    en: "the stored plan no longer hashes to its id {planId}: it was changed after it was made",
    ja: "保存されているプランのハッシュが ID {planId} と一致しません：作成後に変更されています",
  },
  "gate.approval.tampered.hint": {
    en: "Neither approve nor apply it: make a new plan with byodkim plan, and tell whoever looks after the keys bucket.",
    ja: "承認も適用もしないでください。byodkim plan で新しいプランを作成し、鍵バケットの管理者に報告してください。",
  },
  "gate.approval.expired": {
    en: "the plan expired at {expiresAt}: a stale plan is neither approved nor applied (plans.ttlHours says how long a plan stays good)",
    ja: "プランは {expiresAt} に有効期限が切れました：期限切れのプランは承認も適用もできません（有効期間は plans.ttlHours で設定します）",
  },
  "gate.approval.expiryUnreadable": {
    en: "the plan's expiry ({expiresAt}) cannot be read: it is taken as expired",
    ja: "プランの有効期限（{expiresAt}）を読み取れないため、期限切れとして扱います",
  },
  "gate.approval.expired.hint": {
    en: "Make a new plan with byodkim plan: it checks every target again, as things are now.",
    ja: "byodkim plan で新しいプランを作成してください。すべての対象を現在の状態で確認し直します。",
  },
  "gate.approval.unknownApprover": {
    en: "{who} is not an IAM or STS caller ARN byodkim can tell apart from another person",
    ja: "{who} は、byodkim が他の人と区別できる IAM または STS の呼び出し元 ARN ではありません",
  },
  "gate.approval.unknownApprover.hint": {
    en: "Approve under your own AWS identity (an IAM user or a role session such as IAM Identity Center's): byodkim records who approved from STS.",
    ja: "ご自身の AWS ID（IAM ユーザー、または IAM Identity Center などのロールセッション）で承認してください。承認者は STS の応答から記録します。",
  },
  "gate.approval.unknownPlanner": {
    en: "the plan's planner {who} is not an IAM or STS caller ARN: nobody can be shown to be someone else",
    ja: "プランの作成者 {who} が IAM または STS の呼び出し元 ARN ではないため、承認者が別の人であることを確認できません",
  },
  "gate.approval.self": {
    en: "{who} made this plan: a plan is approved by a second person (approvals.allowSelf is false)",
    ja: "{who} はこのプランの作成者です：プランは別の人が承認します（approvals.allowSelf は false）",
  },
  "gate.approval.self.hint": {
    en: "Ask someone else to approve it under their own identity. Two people in one SSO role are two people: their session names differ.",
    ja: "別の人に、その人自身の ID で承認を依頼してください。同じ SSO ロールでもセッション名が異なれば別の人として扱います。",
  },
  "gate.approval.already": {
    en: "{who} already approved this plan at {at}: one approval a person",
    ja: "{who} は {at} にこのプランを承認済みです：承認は 1 人 1 回です",
  },
  "gate.approval.already.hint": {
    en: "Your approval is recorded: if more are required, another person gives them.",
    ja: "あなたの承認は記録済みです。さらに承認が必要な場合は、別の人が承認してください。",
  },

  "gate.approval.notRequired": {
    en: "approvals are not required (approvals.required: 0)",
    ja: "承認は不要です（approvals.required: 0）",
  },
  "gate.approval.enough": {
    en: "{count} of the {required} approval(s) required, each from a different person",
    ja: "必要な承認 {required} 件のうち {count} 件があります（すべて別の人による承認です）",
  },
  "gate.approval.notEnough": {
    en: "{count} of the {required} approval(s) required: the plan may not run yet",
    ja: "必要な承認 {required} 件のうち {count} 件しかありません：このプランはまだ実行できません",
  },
  "gate.approval.notEnough.hint": {
    en: "Still needed: {missing} approval(s) by people other than the planner (byodkim approve).",
    ja: "あと {missing} 件、作成者以外の人による承認が必要です（byodkim approve）。",
  },
  "gate.approval.counted": { en: "approved by {who} at {at}", ja: "{at} に {who} が承認" },
  "gate.approval.notCounted.unknownBy": {
    en: "not counted: the approval of {at} names {who}, not a caller ARN byodkim can tell apart",
    ja: "数えません：{at} の承認者 {who} は、byodkim が区別できる呼び出し元 ARN ではありません",
  },
  "gate.approval.notCounted.otherPlan": {
    en: "not counted: {who} approved another plan's bytes at {at} (hash {planHash})",
    ja: "数えません：{who} が {at} に承認したのは別の内容のプランです（ハッシュ {planHash}）",
  },
  "gate.approval.notCounted.byPlanner": {
    en: "not counted: {who} made the plan, and approved it at {at} (approvals.allowSelf is false)",
    ja: "数えません：{who} はプランの作成者です（{at} に承認、approvals.allowSelf は false）",
  },
  "gate.approval.notCounted.twice": {
    en: "not counted: {who} approved again at {at}; one person counts once",
    ja: "数えません：{who} が {at} に再度承認しています。1 人の承認は 1 件として数えます",
  },

  "gate.approval.rollback": {
    en: "approvals are not asked of a rollback: it is the incident path (journaled, reported and notified as always)",
    ja: "ロールバックには承認を求めません：障害対応の手順のためです（ジャーナル、レポート、通知はこれまでどおり行います）",
  },
  "gate.approval.needsPlan": {
    en: "approvals are required ({required}): {command} of {domain} in {region} runs only under an approved plan that covers it (--plan <id>)",
    ja: "承認が必要です（{required} 件）：{region} の {domain} の {command} は、対象を含む承認済みのプランでのみ実行できます（--plan <id>）",
  },
  "gate.approval.needsPlan.hint": {
    en: "Plan it with byodkim plan, have another person approve it, then run this again with --plan and the plan's id.",
    ja: "byodkim plan でプランを作成し、別の人の承認を受けてから、--plan にプランの ID を指定して再実行してください。",
  },
  "gate.approval.coveringPlan": {
    en: "approved plan {planId} covers it: run this again with --plan {planId}",
    ja: "承認済みのプラン {planId} が対象を含んでいます：--plan {planId} を付けて再実行してください",
  },
  "gate.approval.noSuchPlan": {
    en: "no approved plan {planId} is known: --plan takes the id of a stored plan",
    ja: "承認済みのプラン {planId} が見つかりません：--plan には保存されているプランの ID を指定してください",
  },
  "gate.approval.otherCommand": {
    en: "plan {planId} plans {planned}, not {command}",
    ja: "プラン {planId} は {planned} のプランで、{command} のプランではありません",
  },
  "gate.approval.notCovered": {
    en: "plan {planId} does not cover {domain} in {region}",
    ja: "プラン {planId} には {region} の {domain} が含まれていません",
  },
  "gate.approval.otherSelector": {
    en: "plan {planId} moves {domain} in {region} to selector {planned}, not {selector}: the approvers approved that key",
    ja: "プラン {planId} では {region} の {domain} をセレクタ {planned} に切り替えます。{selector} ではありません：承認されたのはその鍵です",
  },
  "gate.approval.otherSelector.hint": {
    en: "Run it with the plan's selector ({planned}), or plan this selector and have the new plan approved.",
    ja: "プランのセレクタ（{planned}）で実行するか、このセレクタでプランを作成し直して承認を受けてください。",
  },
  "gate.approval.planNotApproved": {
    en: "plan {planId} has {count} of the {required} approval(s) required",
    ja: "プラン {planId} の承認は、必要な {required} 件のうち {count} 件です",
  },
  "gate.approval.planCovers": {
    en: "plan {planId}, approved ({count} of {required}), covers {command} of {domain} in {region}",
    ja: "承認済みのプラン {planId}（{required} 件中 {count} 件）が {region} の {domain} の {command} を含んでいます",
  },
});

import { defineMessages } from "./section.js";

/** Who to reach, as a failure that needs another team, a notice or the change report says it. */
export const contactsMessages = defineMessages({
  "contacts.reach.operator": { en: "Operator running the change: {who}", ja: "作業担当者：{who}" },
  "contacts.reach.manager": { en: "Project manager: {who}", ja: "プロジェクトマネージャー：{who}" },
  "contacts.reach.dns": { en: "The DNS team publishes the records; reach them: {who}", ja: "DNS レコードの公開は DNS チームに依頼してください：{who}" },
  "contacts.reach.aws": {
    en: "The AWS account's administrators grant access and own SES; reach them: {who}",
    ja: "権限の付与と SES の管理は AWS アカウント管理者に依頼してください：{who}",
  },
  "contacts.reach.emergency": { en: "In an emergency, reach: {who}", ja: "緊急時の連絡先：{who}" },
  "contacts.role.operator": { en: "Operator", ja: "作業担当者" },
  "contacts.role.manager": { en: "Project manager", ja: "プロジェクトマネージャー" },
  "contacts.role.dns": { en: "DNS team", ja: "DNS チーム" },
  "contacts.role.aws": { en: "AWS account administrators", ja: "AWS アカウント管理者" },
  "contacts.role.emergency": { en: "Emergency contact", ja: "緊急連絡先" },
  "contacts.label": { en: "Contacts", ja: "連絡先" },
  "contacts.role": { en: "Role", ja: "役割" },
  "contacts.name": { en: "Name", ja: "氏名・チーム" },
  "contacts.address": { en: "How to reach", ja: "連絡方法" },
});

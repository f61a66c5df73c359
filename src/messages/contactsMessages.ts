import { defineMessages } from "./section.js";

/** Who to reach, as a failure that needs another team, a notice or the change report says it. */
export const contactsMessages = defineMessages({
  "contacts.reach.operator": { en: "Reach the operator running the change: {who}", ja: "作業担当者の連絡先：{who}" },
  "contacts.reach.manager": { en: "Reach the project manager: {who}", ja: "プロジェクトマネージャーの連絡先：{who}" },
  "contacts.reach.dns": { en: "Reach the DNS team: {who}", ja: "DNS チームの連絡先：{who}" },
  "contacts.reach.aws": { en: "Reach the AWS account's administrators: {who}", ja: "AWS アカウント管理者の連絡先：{who}" },
  "contacts.reach.emergency": { en: "Emergency contact: {who}", ja: "緊急連絡先：{who}" },
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

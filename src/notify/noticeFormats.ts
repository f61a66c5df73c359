import type { WebhookFormat } from "../config/config.js";
import { type ContactRole, contactNames, contactsFor } from "../config/contacts.js";
import type { Translate } from "../messages/catalogue.js";
import { msg, msgFromBag, type PlainKey } from "../messages/msg.js";
import type { NoticeFacts } from "./notice.js";

/** A notice as people read it: a title and labelled lines, in the notice's language. */
export interface NoticeText {
  readonly title: string;
  readonly lines: readonly { readonly label: string; readonly value: string }[];
}

/**
 * Whom a notice's readers may need: the operator running the change, the project manager, the
 * emergency contact, and the DNS team when records are still to be published.
 */
function noticeContactRoles(facts: NoticeFacts): ContactRole[] {
  return ["operator", "manager", ...(facts.dnsRecordsNeeded.length > 0 ? (["dns"] as const) : []), "emergency"];
}

/** How the notice writes its time for people; the `json` format and the journal keep ISO. */
export type NoticeTime = (iso: string) => string;
const asWritten: NoticeTime = (iso) => iso;

export function noticeText(facts: NoticeFacts, t: Translate): NoticeText {
  const title = t(msgFromBag(`notice.title.${facts.event}`, { command: facts.command, domain: facts.domain, outcome: facts.outcome ?? "-" }));
  const line = (label: PlainKey, value: string | null) => (value === null || value === "" ? [] : [{ label: t(msg(label)), value }]);
  const lines = [
    ...(facts.event === "test" ? [{ label: t(msg("notice.label.summary")), value: t(msg("notice.value.test")) }] : []),
    ...line("notice.label.changeId", facts.changeId ?? null),
    ...line("notice.label.operator", facts.operator),
    ...line("notice.label.where", t(msg("notice.value.where", { account: facts.account, region: facts.region, domain: facts.domain }))),
    ...line("notice.label.selector", facts.selector),
    ...line("notice.label.plan", facts.plan),
    ...line("notice.label.outcome", facts.outcome),
    ...line("notice.label.summary", facts.summary ? t(facts.summary) : null),
    ...line("notice.label.sesNow", facts.sesNow),
    ...line("notice.label.rollback", facts.rollbackCommand),
    ...line("notice.label.dns", facts.dnsRecordsNeeded.length > 0 ? facts.dnsRecordsNeeded.join("\n") : null),
    ...noticeContactRoles(facts).flatMap((role) => {
      const contacts = contactsFor(role, facts);
      return contacts.length === 0 ? [] : [{ label: t(msg(`contacts.role.${role}`)), value: contactNames(contacts) }];
    }),
  ];
  return { title, lines };
}

/** SNS allows a subject of under 100 characters, on one line. */
export const SNS_SUBJECT_MAX = 99;

const clip = (text: string, max: number) => {
  const oneLine = text.replace(/[\r\n\t]+/g, " ");
  const chars = [...oneLine];
  return chars.length <= max ? oneLine : `${chars.slice(0, max - 1).join("")}…`;
};

export function snsNotice(facts: NoticeFacts, t: Translate, when: NoticeTime = asWritten): { subject: string; message: string } {
  const { title, lines } = noticeText(facts, t);
  return {
    subject: clip(title, SNS_SUBJECT_MAX),
    message: [title, "", ...lines.map(({ label, value }) => `${label}: ${value}`), "", t(msg("notice.at", { time: when(facts.at) }))].join("\n"),
  };
}

/** The webhook's JSON body in the receiver's format. */
export function webhookBody(format: WebhookFormat, facts: NoticeFacts, t: Translate, when: NoticeTime = asWritten): Record<string, unknown> {
  const { title, lines } = noticeText(facts, t);
  switch (format) {
    case "slack":
      // Block Kit: a header (plain text, at most 150 characters) and one mrkdwn section; `text` is the notification's fallback.
      return {
        text: title,
        blocks: [
          { type: "header", text: { type: "plain_text", text: clip(title, 150) } },
          { type: "section", text: { type: "mrkdwn", text: lines.map(({ label, value }) => `*${label}:* ${value}`).join("\n") } },
          { type: "context", elements: [{ type: "mrkdwn", text: when(facts.at) }] },
        ],
      };
    case "teams":
      // The legacy connector card: Teams' incoming webhooks still take it, Workflows webhooks too.
      return {
        "@type": "MessageCard",
        "@context": "https://schema.org/extensions",
        summary: title,
        title,
        themeColor: facts.event === "change-failed" ? "D13438" : "0078D7",
        text: when(facts.at),
        sections: [{ facts: lines.map(({ label, value }) => ({ name: label, value })) }],
      };
    case "json":
      return {
        event: facts.event,
        command: facts.command,
        domain: facts.domain,
        selector: facts.selector,
        region: facts.region,
        account: facts.account,
        operator: facts.operator,
        outcome: facts.outcome,
        summary: facts.summary ? t(facts.summary) : title,
        rollbackCommand: facts.rollbackCommand,
        dnsRecordsNeeded: facts.dnsRecordsNeeded,
        at: facts.at,
        changeId: facts.changeId ?? null,
      };
  }
}

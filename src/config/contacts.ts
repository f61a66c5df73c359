import { type Msg, msgFromBag } from "../messages/msg.js";
import type { ConfigReader } from "./configReader.js";
import { hasControlCharacter } from "./names.js";

/**
 * Who is involved in a change, as the Phase-7 plan names them: the operator who runs it (技術担当者),
 * the project manager (プロジェクトマネージャー), the DNS team, whoever administers the AWS account
 * (技術サポート), and the emergency contact (緊急連絡先).
 */
export type ContactRole = "operator" | "manager" | "dns" | "aws" | "emergency";
export const CONTACT_ROLES: readonly ContactRole[] = ["operator", "manager", "dns", "aws", "emergency"];

export interface Contact {
  readonly role: ContactRole;
  readonly name: string;
  /** However this person or team is reached: a mail address, a phone number, a chat channel. */
  readonly address: string;
}

const isContactRole = (value: unknown): value is ContactRole => CONTACT_ROLES.includes(value as ContactRole);

/** Printable text on one line: a contact is printed in a terminal, a report table and a notice. */
const isContactText = (max: number) => (text: string) => text.trim().length > 0 && text.length <= max && !text.includes("|") && !hasControlCharacter(text);

export function readContacts(read: ConfigReader): Contact[] {
  const entries = read.mappings(
    "contacts",
    `a list of { role, name, address } with role one of: ${CONTACT_ROLES.join(", ")}`,
    "a mapping with role, name and address",
    ["role", "name", "address"],
  );
  return entries.flatMap((at): Contact[] => {
    const role = read.string(`${at}.role`, `one of: ${CONTACT_ROLES.join(", ")}`, isContactRole);
    const name = read.string(`${at}.name`, "a person's or team's name on one line (at most 100 characters, no |)", isContactText(100));
    const address = read.string(
      `${at}.address`,
      "how to reach them on one line: a mail address, phone number or chat channel (at most 200 characters, no |)",
      isContactText(200),
    );
    return isContactRole(role) && isContactText(100)(name) && isContactText(200)(address) ? [{ role, name: name.trim(), address: address.trim() }] : [];
  });
}

/** The contacts of one role, in the order the config lists them; none when the config names none. */
export function contactsFor(role: ContactRole, config: { readonly contacts?: readonly Contact[] | undefined }): Contact[] {
  return (config.contacts ?? []).filter((contact) => contact.role === role);
}

/** "山田 太郎 <dns-team@example.jp> / 夜間当番 03-0000-0000": every contact of a role, one line. */
export const contactNames = (contacts: readonly Contact[]): string => contacts.map((contact) => `${contact.name} ${contact.address}`).join(" / ");

/**
 * The line that says who to reach ("the DNS team: 山田 dns-team@example.jp"), or null when the config
 * names nobody in that role: a failure that needs another team then says only what it always said.
 */
export function contactLine(role: ContactRole, config: { readonly contacts?: readonly Contact[] | undefined }): Msg | null {
  const contacts = contactsFor(role, config);
  return contacts.length === 0 ? null : msgFromBag(`contacts.reach.${role}`, { who: contactNames(contacts) });
}

/** The team a failing gate needs: the DNS team publishes records, the account's admins grant access and own SES, alarms are an emergency. */
export function contactRoleForGate(gateId: string): ContactRole | undefined {
  switch (gateId) {
    case "dns":
    case "revocation":
      return "dns";
    case "identity":
    case "permissions":
    case "ses":
      return "aws";
    case "alarms":
      return "emergency";
    default:
      return undefined;
  }
}

/** The team an error needs: access AWS refused (IAM, KMS) is the account's admins'; a nameserver that cannot be asked is the DNS team's. */
export function contactRoleForError(kind: string, key: string): ContactRole | undefined {
  if (key === "aws.accessDenied" || key === "aws.kms") return "aws";
  if (kind === "dns") return "dns";
  return undefined;
}

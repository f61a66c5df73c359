/**
 * Domain and selector syntax. Both end up in DNS names and in SES request fields, so they are
 * checked before anything is asked of AWS or DNS.
 */

// RFC 1035 §2.3.1 preferred name syntax (letters, digits, inner hyphens), labels ≤ 63 octets,
// whole name ≤ 253 characters in text form; underscores are not valid in a mail domain.
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function normaliseDomain(input: string): string | undefined {
  const domain = input.trim().toLowerCase().replace(/\.$/, "");
  if (domain.length === 0 || domain.length > 253) return undefined;
  const labels = domain.split(".");
  if (labels.length < 2) return undefined;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return undefined;
  // A top-level label is never all digits; this also rejects IPv4 addresses.
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? "")) return undefined;
  return domain;
}

// An AWS region name as the SDK puts it into a hostname: ap-northeast-1, us-gov-west-1.
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export const isRegionName = (region: string): boolean => REGION.test(region);

// IAM's roleNameType, and a role's ARN with its pathType path (`/` or `/…/`, at most 512 characters).
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role(\/|\/[\u0021-\u007E]{1,510}\/)([\w+=,.@-]{1,64})$/;

/** IAM's roleNameType: 1 to 64 letters, digits or `+=,.@_-`. */
export const isRoleName = (name: string): boolean => ROLE_NAME.test(name);

/** A role's ARN: the account it is in, its path (`/` or `/…/`) and its name; undefined for anything else. */
export function parseRoleArn(arn: string): { readonly account: string; readonly path: string; readonly name: string } | undefined {
  const parts = ROLE_ARN.exec(arn);
  return parts ? { account: parts[1]!, path: parts[2]!, name: parts[3]! } : undefined;
}

// SES's own rule for DomainSigningSelector (SESv2 service model, shape "Selector").
const SES_SELECTOR = /^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))$/;

export function isValidSelector(selector: string): boolean {
  return selector.length >= 1 && selector.length <= 63 && SES_SELECTOR.test(selector);
}

/**
 * Every value below becomes part of a Resource ARN in the IAM policy byodkim writes and simulates,
 * where `*` and `?` are wildcards and `${…}` a policy variable: one of them would widen a grant to
 * other applications' secrets, keys or alarms. None of them is legal where it would matter anyway.
 */
const IAM_WILDCARD = /[*?$]/;
// Control characters (C0, DEL, C1): not in a name anyone types, and not safely shown back in an error.
export const hasControlCharacter = (text: string) =>
  [...text].some((char) => char.charCodeAt(0) < 0x20 || (char.charCodeAt(0) >= 0x7f && char.charCodeAt(0) <= 0x9f));

// Secrets Manager's secret names: ASCII letters, digits and /_+=.@- (CreateSecret "Name"), at most 512.
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
// A secret's full ARN ends in its name, a hyphen and the six characters Secrets Manager appended.
const SECRET_ARN = /^arn:aws(-[a-z]+)*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}-[A-Za-z0-9]{6}$/;

export const isSecretId = (id: string): boolean => SECRET_NAME.test(id) || SECRET_ARN.test(id);

/**
 * A state secret id, or a name with `{domain}` (one secret per identity). Not an ARN with it: its
 * six random characters differ per secret. Some text beside the placeholder, or the policy's
 * pattern (`*-??????`) would grant every secret of the account.
 */
export const isStateSecretId = (id: string): boolean => {
  if (!id.includes("{domain}")) return isSecretId(id);
  return !id.startsWith("arn:") && id.replaceAll("{domain}", "").length > 0 && SECRET_NAME.test(id.replaceAll("{domain}", "mail.example.com"));
};

/** An S3 object key template: `{selector}` exactly once, at most S3's 1024 characters, nothing IAM would read as a pattern. */
export const isKeyTemplate = (template: string): boolean =>
  template.split("{selector}").length === 2 && template.length <= 1024 && !IAM_WILDCARD.test(template) && !hasControlCharacter(template);

/** A CloudWatch alarm name: 1 to 255 characters, no control characters (PutMetricAlarm), nothing IAM would read as a pattern. */
export const isAlarmName = (name: string): boolean => name.length >= 1 && name.length <= 255 && !IAM_WILDCARD.test(name) && !hasControlCharacter(name);

export interface DatedSelector {
  readonly selector: string;
  /** YYYYMMDD as a number, so it orders by date. */
  readonly date: number;
  readonly sequence: number;
}

/** Selectors are `<prefix>-<YYYYMMDD>-<n>` (e.g. gooid-21-pro-20250917-3). */
export function parseDatedSelector(selector: string, prefix: string): DatedSelector | undefined {
  if (!selector.startsWith(`${prefix}-`)) return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})-(\d{1,6})$/.exec(selector.slice(prefix.length + 1));
  if (!match || !isValidSelector(selector)) return undefined;
  const [, year, month, day, n] = match as unknown as [string, string, string, string, string];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) {
    return undefined;
  }
  return { selector, date: Number(`${year}${month}${day}`), sequence: Number(n) };
}

/** Newest date first, then the highest sequence number: `-10` is newer than `-9`. */
export function newestSelector(selectors: readonly DatedSelector[]): DatedSelector | undefined {
  let newest: DatedSelector | undefined;
  for (const candidate of selectors) {
    if (!newest || candidate.date > newest.date || (candidate.date === newest.date && candidate.sequence > newest.sequence)) {
      newest = candidate;
    }
  }
  return newest;
}

/** `<prefix>-<YYYYMMDD>-<n>` for `day` (UTC), n one above the highest already used that day (`-10` after `-9`). */
export function nextSelectorFor(prefix: string, taken: readonly DatedSelector[], day: Date): string {
  const date = Number(day.toISOString().slice(0, 10).replaceAll("-", ""));
  const highest = Math.max(0, ...taken.filter((selector) => selector.date === date).map((selector) => selector.sequence));
  return `${prefix}-${date}-${highest + 1}`;
}

/**
 * A change ticket's id as change systems write them (CHG-1234, INC#0042, ops/2026-12/7). It goes
 * into journals, notices, the state secret and printed commands, so nothing that could break a
 * line, a shell word or a chat message gets in; a leading letter or digit keeps it from reading as
 * an option.
 */
const CHANGE_ID = /^[A-Za-z0-9][A-Za-z0-9._:#/-]{0,63}$/;
export const isChangeId = (id: string): boolean => CHANGE_ID.test(id);

/**
 * An S3 key prefix byodkim reads or writes under and grants in IAM (`arn:…:bucket/<prefix>*`): no
 * `*`, `?` or `$` (IAM would read them as a pattern or a variable and widen the grant), no spaces,
 * no leading `/` and no `.` or `..` parts (keys nobody lists under the prefix they meant).
 */
export const isS3KeyPrefix = (prefix: string) =>
  prefix.length <= 512 && !/[*?$\\\s]/.test(prefix) && !prefix.startsWith("/") && !prefix.split("/").some((part) => part === "." || part === "..");

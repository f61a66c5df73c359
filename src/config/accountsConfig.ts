import type { IdentityConfig, MemberAccount } from "./config.js";
import type { ConfigReader } from "./configReader.js";

/** `arn:aws:iam::111111111111:role/path/name`: the account it is in, and the role's name (its path left out). */
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/(?:[\u0021-\u007E]{0,510}\/)?([\w+=,.@-]{1,64})$/;

export const roleArnAccount = (arn: string): string | undefined => ROLE_ARN.exec(arn)?.[1];
export const roleArnName = (arn: string): string | undefined => ROLE_ARN.exec(arn)?.[2];

/** STS's externalIdType: 2 to 1224 characters of letters, digits and `+=,.@:/-` (and `_`). */
export const isExternalId = (text: string): boolean => /^[\w+=,.@:/-]{2,1224}$/.test(text);

const ACCOUNT_KEYS = ["id", "roleArn", "externalId", "identities"] as const;

/**
 * `accounts:`, the member accounts reached by assuming a role in each: a 12-digit id other than the
 * operations account's, the role in that same account, an optional external id, and the identities
 * SES holds there (read as `identities:` entries are, by `readIdentitiesAt`, each marked with its account).
 */
export function readAccounts(
  read: ConfigReader,
  operationsAccount: string,
  readIdentitiesAt: (path: string, account: string) => IdentityConfig[],
): { accounts: MemberAccount[]; identities: IdentityConfig[] } {
  const entries = read.mappings(
    "accounts",
    "a list of member accounts { id, roleArn, externalId, identities }",
    "a mapping with id, roleArn, identities and optionally externalId",
    ACCOUNT_KEYS,
  );
  const accounts: MemberAccount[] = [];
  const identities: IdentityConfig[] = [];
  const seen = new Set<string>();
  for (const at of entries) {
    if (typeof read.value(`${at}.id`) === "number") {
      read.problem(`${at}.id`, 'a 12-digit AWS account id in quotes, e.g. "111111111111" (unquoted numbers lose leading zeros)');
      continue;
    }
    const id = read.string(`${at}.id`, 'a 12-digit AWS account id in quotes, e.g. "111111111111"', (s) => /^\d{12}$/.test(s));
    if (id === operationsAccount) read.problem(`${at}.id`, `a member account other than the operations account (accountId ${operationsAccount})`);
    else if (seen.has(id)) read.problem(`${at}.id`, `an account not listed before (${id} is)`);
    seen.add(id);
    const roleArn = read.string(
      `${at}.roleArn`,
      `the role byodkim assumes in account ${id || "<id>"}, e.g. arn:aws:iam::${id || "111111111111"}:role/byodkim-target`,
      (s) => roleArnAccount(s) === id,
    );
    const externalId = read.optionalString(
      `${at}.externalId`,
      "the external id the role's trust policy asks for: 2 to 1224 letters, digits or _+=,.@:/-",
      isExternalId,
    );
    if (read.value(`${at}.identities`) === undefined)
      read.problem(`${at}.identities`, "the identities SES holds in this account: a list of { domain, regions, … }");
    identities.push(...readIdentitiesAt(`${at}.identities`, id));
    accounts.push({ id, roleArn, ...(externalId === undefined ? {} : { externalId }) });
  }
  return { accounts, identities };
}

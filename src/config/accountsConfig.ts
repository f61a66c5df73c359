import type { IdentityConfig, MemberAccount, OrganizationAccounts } from "./config.js";
import type { ConfigReader } from "./configReader.js";
import { isRegionName, isRoleName, parseRoleArn } from "./names.js";

/** STS's externalIdType: 2 to 1224 characters of letters, digits and `+=,.@:/-` (and `_`). */
export const isExternalId = (text: string): boolean => /^[\w+=,.@:/-]{2,1224}$/.test(text);

const ACCOUNT_KEYS = ["id", "roleArn", "externalId", "identities"] as const;
const ORGANIZATION_KEYS = ["fromOrganization", "roleName", "externalId", "regions"] as const;

/**
 * `accounts: { fromOrganization: true, roleName, externalId?, regions? }`: the member accounts are
 * the organization's, found at run time, each reached through the role of that name.
 */
function readOrganization(read: ConfigReader): OrganizationAccounts {
  read.onlyKeys("accounts", ORGANIZATION_KEYS);
  if (read.value("accounts.fromOrganization") !== true)
    read.problem("accounts.fromOrganization", "true: the member accounts are the organization's, listed with organizations:ListAccounts");
  const roleName = read.string(
    "accounts.roleName",
    "the name of the role byodkim assumes in every member account, e.g. byodkim-target (1 to 64 letters, digits or _+=,.@-)",
    isRoleName,
  );
  const externalId = read.optionalString(
    "accounts.externalId",
    "the external id the roles' trust policies ask for: 2 to 1224 letters, digits or _+=,.@:/-",
    isExternalId,
  );
  const regions = read.value("accounts.regions");
  const regionsValid = Array.isArray(regions) && regions.length > 0 && regions.every((r) => typeof r === "string" && isRegionName(r));
  if (regions !== undefined && regions !== null && !regionsValid)
    read.problem("accounts.regions", "the regions member identities are looked for in, e.g. [ap-northeast-1, ap-northeast-3]");
  return {
    roleName,
    ...(externalId === undefined ? {} : { externalId }),
    ...(regionsValid ? { regions: [...new Set(regions as string[])] } : {}),
  };
}

/**
 * `accounts:`, the member accounts reached by assuming a role in each: a 12-digit id other than the
 * operations account's, the role in that same account, an optional external id, and the identities
 * SES holds there (read as `identities:` entries are, by `readIdentitiesAt`, each marked with its account).
 */
export function readAccounts(
  read: ConfigReader,
  operationsAccount: string,
  readIdentitiesAt: (path: string, account: string) => IdentityConfig[],
): { accounts: MemberAccount[]; identities: IdentityConfig[]; organization?: OrganizationAccounts } {
  const value = read.value("accounts");
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return { accounts: [], identities: [], organization: readOrganization(read) };
  const entries = read.mappings(
    "accounts",
    "a list of member accounts { id, roleArn, externalId, identities }, or { fromOrganization: true, roleName }",
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
      (s) => parseRoleArn(s)?.account === id,
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

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { accountIdOf, memberAccountOf } from "../../src/config/config.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const OPS = example["accountId"] as string;
const SHOP = { id: "111111111111", roleArn: "arn:aws:iam::111111111111:role/byodkim-target", externalId: "shop-ext-01" };
const POINT = { id: "222222222222", roleArn: "arn:aws:iam::222222222222:role/ops/byodkim-target" };
const withAccounts = (accounts: unknown, more: Record<string, unknown> = {}) => ({
  ...example,
  identities: null,
  // The organization form needs one state secret per identity (a test below); the list form takes either.
  ...(accounts !== null && typeof accounts === "object" && !Array.isArray(accounts) ? { state: { secretId: "byodkim/state/{domain}" } } : {}),
  ...more,
  accounts,
});

describe("accounts:, the member accounts reached through a role", () => {
  it("is absent when the config has none: every identity is the operations account's", () => {
    const config = validateConfig({ ...example, identities: null }, "test.yaml");
    expect(config.accounts).toBeUndefined();
    expect(accountIdOf(config, config.domain!)).toBe(OPS);
  });

  it("lists each account's identities beside the operations account's, each marked with its account", () => {
    const config = validateConfig(
      withAccounts(
        [
          { ...SHOP, identities: [{ domain: "Shop.Goo.ne.jp", regions: ["ap-northeast-1", "ap-northeast-3"] }] },
          { ...POINT, identities: [{ domain: "point.goo.ne.jp", selectorPrefix: "point", state: { secretId: "byodkim/state/{domain}" } }] },
        ],
        { identities: [{ domain: "mail.goo.ne.jp" }] },
      ),
      "test.yaml",
    );
    expect(config.accounts).toEqual([SHOP, POINT]);
    expect(config.identities.map(({ domain, account }) => [domain, account])).toEqual([
      ["mail.goo.ne.jp", undefined],
      ["shop.goo.ne.jp", SHOP.id],
      ["point.goo.ne.jp", POINT.id],
    ]);
    // Keys and the selector prefix are inherited as for any identity: they stay in the operations account's bucket.
    const point = config.identities.find((identity) => identity.domain === "point.goo.ne.jp")!;
    expect(point.keys.bucket).toBe(config.keys.bucket);
    expect(point.selectorPrefix).toBe("point");
    expect(memberAccountOf(config, "shop.goo.ne.jp")).toEqual(SHOP);
    expect(memberAccountOf(config, "mail.goo.ne.jp")).toBeUndefined();
    expect(accountIdOf(config, "point.goo.ne.jp")).toBe(POINT.id);
    expect(accountIdOf(config, "unlisted.goo.ne.jp")).toBe(OPS);
  });

  it("refuses a domain listed under two member accounts, naming both", () => {
    const problem = problemOf(
      withAccounts([
        { ...SHOP, identities: [{ domain: "shop.goo.ne.jp" }] },
        { ...POINT, identities: [{ domain: "shop.goo.ne.jp" }] },
      ]),
    );
    expect(problem.params["key"]).toBe("accounts[1].identities[0].domain");
    expect(problem.params["expected"]).toBe(`a domain listed under one account only (shop.goo.ne.jp is listed under both ${SHOP.id} and ${POINT.id})`);
  });

  it("refuses a member domain that is the operations account's own, naming both accounts", () => {
    const problem = problemOf(withAccounts([{ ...SHOP, identities: [{ domain: example["domain"] }] }]));
    expect(problem.params["key"]).toBe("accounts[0].identities[0].domain");
    expect(problem.params["expected"]).toContain(`is listed under both ${OPS} and ${SHOP.id}`);
  });

  const ID = 'a 12-digit AWS account id in quotes, e.g. "111111111111"';
  it.each([
    ["an unquoted id", { ...SHOP, id: 111111111111, identities: [] }, "accounts[0].id", `${ID} (unquoted numbers lose leading zeros)`],
    ["a short id", { ...SHOP, id: "1111", identities: [] }, "accounts[0].id", ID],
    [
      "the operations account itself",
      { ...SHOP, id: OPS, roleArn: `arn:aws:iam::${OPS}:role/x`, identities: [] },
      "accounts[0].id",
      `a member account other than the operations account (accountId ${OPS})`,
    ],
    [
      "a role in another account",
      { ...SHOP, roleArn: "arn:aws:iam::222222222222:role/byodkim-target", identities: [] },
      "accounts[0].roleArn",
      "the role byodkim assumes in account 111111111111, e.g. arn:aws:iam::111111111111:role/byodkim-target",
    ],
    [
      "a role name, not its ARN",
      { ...SHOP, roleArn: "byodkim-target", identities: [] },
      "accounts[0].roleArn",
      "the role byodkim assumes in account 111111111111, e.g. arn:aws:iam::111111111111:role/byodkim-target",
    ],
    [
      "a one-character external id",
      { ...SHOP, externalId: "x", identities: [] },
      "accounts[0].externalId",
      "the external id the role's trust policy asks for: 2 to 1224 letters, digits or _+=,.@:/-",
    ],
    [
      "no identities",
      { id: SHOP.id, roleArn: SHOP.roleArn },
      "accounts[0].identities",
      "the identities SES holds in this account: a list of { domain, regions, … }",
    ],
    ["an unknown key", { ...SHOP, profile: "shop", identities: [] }, "accounts[0].profile", "one of: id, roleArn, externalId, identities"],
  ])("refuses %s", (_what, account, key, expected) => {
    const problem = problemOf(withAccounts([account]));
    expect(problem.params["key"]).toBe(key);
    expect(problem.params["expected"]).toBe(expected);
  });

  it("refuses the same account listed twice", () => {
    const problem = problemOf(
      withAccounts([
        { ...SHOP, identities: [] },
        { ...SHOP, identities: [] },
      ]),
    );
    expect(problem.params["key"]).toBe("accounts[1].id");
    expect(problem.params["expected"]).toBe("an account not listed before (111111111111 is)");
  });
});

describe("accounts: { fromOrganization: true, roleName }, the organization's member accounts", () => {
  it("is kept as the organization's role, external id and regions; no account or identity is known before the run", () => {
    const config = validateConfig(
      withAccounts({ fromOrganization: true, roleName: "byodkim-target", externalId: "org-ext-01", regions: ["ap-northeast-1", "ap-northeast-3"] }),
      "test.yaml",
    );
    expect(config.organization).toEqual({ roleName: "byodkim-target", externalId: "org-ext-01", regions: ["ap-northeast-1", "ap-northeast-3"] });
    expect(config.accounts).toBeUndefined();
    expect(config.identities).toEqual([]);
  });

  it("leaves the external id and regions out when the config does", () => {
    const config = validateConfig(withAccounts({ fromOrganization: true, roleName: "byodkim-target" }), "test.yaml");
    expect(config.organization).toEqual({ roleName: "byodkim-target" });
  });

  it("is absent for the list form", () => {
    expect(validateConfig(withAccounts([{ ...SHOP, identities: [] }]), "test.yaml").organization).toBeUndefined();
  });

  const ROLE = "the name of the role byodkim assumes in every member account, e.g. byodkim-target (1 to 64 letters, digits or _+=,.@-)";
  it.each([
    [
      "fromOrganization false",
      { fromOrganization: false, roleName: "byodkim-target" },
      "accounts.fromOrganization",
      "true: the member accounts are the organization's, listed with organizations:ListAccounts",
    ],
    [
      "fromOrganization missing",
      { roleName: "byodkim-target" },
      "accounts.fromOrganization",
      "true: the member accounts are the organization's, listed with organizations:ListAccounts",
    ],
    ["no role name", { fromOrganization: true }, "accounts.roleName", ROLE],
    ["a role ARN for its name", { fromOrganization: true, roleName: SHOP.roleArn }, "accounts.roleName", ROLE],
    ["a role name with a path", { fromOrganization: true, roleName: "ops/byodkim-target" }, "accounts.roleName", ROLE],
    ["a 65-character role name", { fromOrganization: true, roleName: "r".repeat(65) }, "accounts.roleName", ROLE],
    [
      "a one-character external id",
      { fromOrganization: true, roleName: "byodkim-target", externalId: "x" },
      "accounts.externalId",
      "the external id the roles' trust policies ask for: 2 to 1224 letters, digits or _+=,.@:/-",
    ],
    [
      "a bad region",
      { fromOrganization: true, roleName: "byodkim-target", regions: ["tokyo"] },
      "accounts.regions",
      "the regions member identities are looked for in, e.g. [ap-northeast-1, ap-northeast-3]",
    ],
    [
      "an empty region list",
      { fromOrganization: true, roleName: "byodkim-target", regions: [] },
      "accounts.regions",
      "the regions member identities are looked for in, e.g. [ap-northeast-1, ap-northeast-3]",
    ],
    [
      "an account's key",
      { fromOrganization: true, roleName: "byodkim-target", identities: [] },
      "accounts.identities",
      "one of: fromOrganization, roleName, externalId, regions",
    ],
  ])("refuses %s", (_what, accounts, key, expected) => {
    const problem = problemOf(withAccounts(accounts));
    expect(problem.params["key"]).toBe(key);
    expect(problem.params["expected"]).toBe(expected);
  });

  it("refuses a scalar, naming both forms", () => {
    const problem = problemOf(withAccounts("organization"));
    expect(problem.params["key"]).toBe("accounts");
    expect(problem.params["expected"]).toBe("a list of member accounts { id, roleArn, externalId, identities }, or { fromOrganization: true, roleName }");
  });
});

describe("accounts: { fromOrganization }", () => {
  const organization = { fromOrganization: true, roleName: "byodkim-target" };
  it("needs one state secret per identity, as identities found at run time name none of their own", () => {
    const problem = problemOf({ ...example, identities: null, accounts: organization });
    expect(problem.params["key"]).toBe("state.secretId");
    expect(problem.params["expected"]).toContain("{domain}");
    const config = validateConfig({ ...example, identities: null, state: { secretId: "byodkim/state/{domain}" }, accounts: organization }, "test.yaml");
    expect(config.organization).toEqual({ roleName: "byodkim-target" });
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { OrganizationAccount } from "../../src/aws/organizations.js";
import { type ByodkimConfig, memberAccountOf } from "../../src/config/config.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import type { CommandEvent } from "../../src/engine/events.js";
import { organizationMember, withOrganizationAccounts } from "../../src/engine/organizationAccounts.js";
import { ByodkimError } from "../../src/errors.js";
import { msg } from "../../src/messages/msg.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const OPS = example["accountId"] as string;
const ORG_ARN = (id: string, partition = "aws") => `arn:${partition}:organizations::${OPS}:account/o-abc123/${id}`;
const account = (id: string, status = "ACTIVE", partition = "aws"): OrganizationAccount => ({ id, arn: ORG_ARN(id, partition), status });

const organizationConfig = (more: Record<string, unknown> = {}, accounts: Record<string, unknown> = {}): ByodkimConfig =>
  validateConfig(
    {
      ...example,
      identities: null,
      state: { secretId: "byodkim/state/{domain}" },
      ...more,
      accounts: { fromOrganization: true, roleName: "byodkim-target", externalId: "org-ext", ...accounts },
    },
    "test.yaml",
  );

/** SES's domains per `account region`; an account in `refused` cannot be listed. */
function discovery(accounts: readonly OrganizationAccount[], domains: Record<string, readonly string[]>, refused: ReadonlySet<string> = new Set()) {
  const events: CommandEvent[] = [];
  const asked: string[] = [];
  return {
    events,
    asked,
    deps: {
      listAccounts: async () => accounts,
      listDomains: async (member: { id: string; roleArn: string }, region: string) => {
        asked.push(`${member.id} ${region} ${member.roleArn}`);
        if (refused.has(member.id)) throw new ByodkimError("aws", msg("account.assumeDenied", { role: member.roleArn, account: member.id, requestId: "r-1" }));
        return domains[`${member.id} ${region}`] ?? [];
      },
      regionInForce: "ap-northeast-1",
      events: { emit: (event: CommandEvent) => void events.push(event) },
    },
  };
}

const usageError = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(err).toBeInstanceOf(ByodkimError);
  const error = err as ByodkimError;
  expect(error.exitCode).toBe(2);
  return { key: error.what.key, params: { ...error.what.params } };
};

describe("the organization's member accounts, found at run time", () => {
  it("leaves a config without fromOrganization as it is, asking nothing", async () => {
    const config = validateConfig({ ...example, identities: null }, "test.yaml");
    const { deps, asked } = discovery([account("111111111111")], {});
    expect(await withOrganizationAccounts(config, deps)).toBe(config);
    expect(asked).toEqual([]);
  });

  it("lists each ACTIVE account but the operations account, through the role of that name, and merges in the domains it finds", async () => {
    const config = organizationConfig({}, { regions: ["ap-northeast-1", "ap-northeast-3"] });
    const { deps, asked, events } = discovery(
      [account(OPS), account("111111111111"), account("222222222222"), account("333333333333", "SUSPENDED"), account("444444444444", "PENDING_CLOSURE")],
      {
        "111111111111 ap-northeast-1": ["shop.goo.ne.jp"],
        "111111111111 ap-northeast-3": ["shop.goo.ne.jp"],
        "222222222222 ap-northeast-3": ["point.goo.ne.jp"],
      },
    );
    const merged = await withOrganizationAccounts(config, deps);
    expect(asked).toEqual([
      "111111111111 ap-northeast-1 arn:aws:iam::111111111111:role/byodkim-target",
      "111111111111 ap-northeast-3 arn:aws:iam::111111111111:role/byodkim-target",
      "222222222222 ap-northeast-1 arn:aws:iam::222222222222:role/byodkim-target",
      "222222222222 ap-northeast-3 arn:aws:iam::222222222222:role/byodkim-target",
    ]);
    expect(merged.accounts).toEqual([
      { id: "111111111111", roleArn: "arn:aws:iam::111111111111:role/byodkim-target", externalId: "org-ext" },
      { id: "222222222222", roleArn: "arn:aws:iam::222222222222:role/byodkim-target", externalId: "org-ext" },
    ]);
    expect(merged.identities.map(({ domain, account: id, regions }) => ({ domain, id, regions }))).toEqual([
      { domain: "shop.goo.ne.jp", id: "111111111111", regions: ["ap-northeast-1", "ap-northeast-3"] },
      { domain: "point.goo.ne.jp", id: "222222222222", regions: ["ap-northeast-3"] },
    ]);
    // Found identities inherit the top-level keys and selector prefix, as a listed one does.
    expect(merged.identities[0]!.keys).toEqual(config.keys);
    expect(merged.identities[0]!.selectorPrefix).toBe(config.selectorPrefix);
    expect(memberAccountOf(merged, "point.goo.ne.jp")?.id).toBe("222222222222");
    expect(memberAccountOf(merged, config.domain!)).toBeUndefined();
    expect(events).toEqual([]);
  });

  it("looks in the region in force when the config names no regions", async () => {
    const { deps, asked } = discovery([account("111111111111")], { "111111111111 ap-northeast-1": ["shop.goo.ne.jp"] });
    const merged = await withOrganizationAccounts(organizationConfig(), deps);
    expect(asked).toEqual(["111111111111 ap-northeast-1 arn:aws:iam::111111111111:role/byodkim-target"]);
    expect(merged.identities.map((identity) => identity.regions)).toEqual([["ap-northeast-1"]]);
  });

  it("skips an account whose role cannot be used, with a warning naming it and the reason", async () => {
    const { deps, events } = discovery(
      [account("111111111111"), account("222222222222")],
      { "111111111111 ap-northeast-1": ["shop.goo.ne.jp"], "222222222222 ap-northeast-1": ["point.goo.ne.jp"] },
      new Set(["111111111111"]),
    );
    const merged = await withOrganizationAccounts(organizationConfig(), deps);
    expect(merged.accounts?.map((member) => member.id)).toEqual(["222222222222"]);
    expect(merged.identities.map((identity) => identity.domain)).toEqual(["point.goo.ne.jp"]);
    expect(events).toEqual([
      {
        type: "marked",
        mark: "warning",
        message: msg("organization.accountSkipped", { account: "111111111111", role: "arn:aws:iam::111111111111:role/byodkim-target" }),
      },
      {
        type: "marked",
        mark: "warning",
        message: msg("account.assumeDenied", { role: "arn:aws:iam::111111111111:role/byodkim-target", account: "111111111111", requestId: "r-1" }),
      },
    ]);
  });

  it("refuses a domain found in two member accounts, naming both", async () => {
    const { deps } = discovery([account("111111111111"), account("222222222222")], {
      "111111111111 ap-northeast-1": ["shop.goo.ne.jp"],
      "222222222222 ap-northeast-1": ["shop.goo.ne.jp"],
    });
    const problem = await usageError(withOrganizationAccounts(organizationConfig(), deps));
    expect(problem.key).toBe("organization.domainInTwoAccounts");
    expect(problem.params).toEqual({ domain: "shop.goo.ne.jp", first: "111111111111", second: "222222222222" });
  });

  it.each([
    ["the config's domain", {}, "goo.ne.jp"],
    ["an identities: entry", { identities: [{ domain: "mail.goo.ne.jp" }] }, "mail.goo.ne.jp"],
  ])("refuses a member's domain that is also %s, naming both accounts", async (_what, more, domain) => {
    const { deps } = discovery([account("111111111111")], { "111111111111 ap-northeast-1": [domain] });
    const problem = await usageError(withOrganizationAccounts(organizationConfig(more), deps));
    expect(problem.key).toBe("organization.domainAlsoOwn");
    expect(problem.params).toEqual({ domain, member: "111111111111", operations: OPS });
  });

  it("names the role in the organization's own partition", () => {
    expect(organizationMember(account("111111111111", "ACTIVE", "aws-cn"), { roleName: "byodkim-target" })).toEqual({
      id: "111111111111",
      roleArn: "arn:aws-cn:iam::111111111111:role/byodkim-target",
    });
  });
});

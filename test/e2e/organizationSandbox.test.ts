import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { SANDBOX_DEFAULTS, SANDBOX_MEMBER, SANDBOX_ORGANIZATION } from "../../src/sandbox/defaults.js";
import { roleArn } from "../../src/sandbox/iam/roles.js";
import { identitiesIn } from "../../src/sandbox/world.js";
import { printedCommand } from "../support/printedCommand.js";
import { rehearsal } from "../support/rehearsal.js";

const OPERATIONS = SANDBOX_DEFAULTS.accountId;
const SHOP = SANDBOX_MEMBER.domain;
const POINT = SANDBOX_ORGANIZATION.domain;
const [TOKYO, OSAKA] = SANDBOX_MEMBER.regions;

type Rehearsal = Awaited<ReturnType<typeof rehearsal>>;
const memberIdentity = (r: Rehearsal, account: string, domain: string, region: string) => r.box.world.members.get(account)!.identities.get(region)?.get(domain);
const entries = (r: Rehearsal, from = 0) => r.box.world.log.slice(from) as ((typeof r.box.world.log)[number] & { account?: string })[];

/**
 * The sandbox's `accounts-organization` scenario: the config names no member account, only the
 * organization's role; byodkim lists the organization and each member's SES before the command runs.
 */
describe("member accounts found through the organization, spawned", () => {
  it("status --all shows the discovered member identities with their accounts; enable changes SES in the member account", async () => {
    const r = await rehearsal({ scenario: "accounts-organization" });
    const status = await r.byodkim(["status", "--all", "--json"]);
    expect(status.code, status.stderr).toBe(0);
    const rows = (JSON.parse(status.stdout) as { rows: { domain: string; region: string; account: string }[] }).rows;
    expect(rows.map(({ domain, region, account }) => `${account} ${domain} ${region}`).sort()).toEqual(
      [
        `${SANDBOX_MEMBER.accountId} ${SHOP} ${TOKYO}`,
        `${SANDBOX_MEMBER.accountId} ${SHOP} ${OSAKA}`,
        `${SANDBOX_ORGANIZATION.accountId} ${POINT} ${TOKYO}`,
        `${OPERATIONS} ${SANDBOX_DEFAULTS.domain} ${SANDBOX_DEFAULTS.region}`,
      ].sort(),
    );
    // The organization was listed with the operator's own credentials, every page of it.
    const listings = entries(r).filter((entry) => entry.service === "organizations");
    expect(listings.length).toBeGreaterThanOrEqual(2);
    expect(listings.every((entry) => entry.operation === "ListAccounts" && entry.status === 200 && entry.account === OPERATIONS)).toBe(true);

    const from = r.box.world.log.length;
    const enabled = await r.byodkim(["enable", SHOP, "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    expect(memberIdentity(r, SANDBOX_MEMBER.accountId, SHOP, TOKYO)!.dkim).toMatchObject({ origin: "EXTERNAL", status: "SUCCESS" });
    expect(identitiesIn(r.box.world, TOKYO).has(SHOP)).toBe(false);
    expect(r.identity().dkim.origin).toBe("AWS_SES");
    expect(memberIdentity(r, SANDBOX_ORGANIZATION.accountId, POINT, TOKYO)!.dkim.origin).toBe("AWS_SES");
    const sesChanges = entries(r, from).filter((entry) => entry.service === "ses" && entry.operation.startsWith("Put"));
    expect(sesChanges.map((entry) => `${entry.account} ${entry.operation} ${entry.status}`)).toEqual([
      `${SANDBOX_MEMBER.accountId} PutEmailIdentityDkimSigningAttributes 200`,
    ]);
  }, 120_000);

  it("a plan over the found accounts is approved by a second person (approve lists no organization) and applied, tick sees every account", async () => {
    const r = await rehearsal({ scenario: "accounts-organization" });
    appendFileSync(r.box.configPath, "approvals:\n  required: 1\nbake:\n  minutes: 0\n");
    const planned = await r.byodkim(["plan", "enable", "--all", "--json"]);
    expect(planned.code, planned.stdout + planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as { id: string; next: string; ready: number };
    expect(plan.ready).toBe(4);
    const from = r.box.world.log.length;
    const approved = await r.byodkim(printedCommand(plan.next, "a second person approves it"), { as: "approver", stdin: `${plan.id.slice(0, 8)}\n` });
    expect(approved.code, approved.stdout + approved.stderr).toBe(0);
    expect(entries(r, from).some((entry) => entry.service === "organizations" || entry.operation === "AssumeRole")).toBe(false);
    const applied = await r.byodkim([...printedCommand(approved.stdout, "Approved enough"), "--json"], { stdin: `${plan.id.slice(0, 8)}\n` });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(r.identity().dkim.origin).toBe("EXTERNAL");
    for (const [account, domain, region] of [
      [SANDBOX_MEMBER.accountId, SHOP, TOKYO],
      [SANDBOX_MEMBER.accountId, SHOP, OSAKA],
      [SANDBOX_ORGANIZATION.accountId, POINT, TOKYO],
    ] as const) {
      expect(memberIdentity(r, account, domain, region)!.dkim.origin, `${account} ${domain} ${region}`).toBe("EXTERNAL");
    }
    const ticked = await r.byodkim(["tick", "--all", "--json"]);
    const identities = (JSON.parse(ticked.stdout) as { identities: { domain: string; region: string }[] }).identities;
    expect(identities.map(({ domain, region }) => `${domain} ${region}`).sort()).toEqual(
      [`${SANDBOX_DEFAULTS.domain} ${TOKYO}`, `${SHOP} ${TOKYO}`, `${SHOP} ${OSAKA}`, `${POINT} ${TOKYO}`].sort(),
    );
  }, 180_000);

  it("a domain the config also lists for the operations account is a usage error naming both accounts, before anything is changed", async () => {
    const r = await rehearsal({ scenario: "accounts-organization" });
    const document = parse(readFileSync(r.box.configPath, "utf8")) as Record<string, unknown>;
    writeFileSync(r.box.configPath, stringify({ ...document, identities: [{ domain: POINT }] }));
    const status = await r.byodkim(["status", "--all"]);
    expect(status.code, status.stdout + status.stderr).toBe(2);
    const said = status.stdout + status.stderr;
    expect(said).toContain(POINT);
    expect(said).toContain(SANDBOX_ORGANIZATION.accountId);
    expect(said).toContain(OPERATIONS);
    expect(said).toContain("but the config lists it for the operations account");
    expect(said).not.toMatch(/\n\s+at /);
    expect(r.sesMutations()).toEqual([]);
  }, 120_000);

  it("under the least-privilege policies iam-policy prints (the operator's, and each member role's), status --all and enable meet no AccessDenied", async () => {
    const r = await rehearsal({ scenario: "accounts-organization" });
    const operatorRole = roleArn(OPERATIONS, [...r.box.world.roles.values()][0]!);
    const policyOf = async (args: string[]) => {
      const printed = await r.byodkim(["iam-policy", ...args, "--role", operatorRole]);
      expect(printed.code, printed.stderr).toBe(0);
      return { policy: JSON.parse(printed.stdout) as { Statement: unknown[] }, stderr: printed.stderr };
    };
    const operator = await policyOf([]);
    expect(JSON.stringify(operator.policy)).toContain("aws:ResourceOrgID");
    expect(operator.stderr).toContain("fromOrganization");
    for (const [query, document] of [
      ["", operator.policy],
      [`?account=${SANDBOX_MEMBER.accountId}`, (await policyOf(["--for", "target", "--account", SANDBOX_MEMBER.accountId])).policy],
      [`?account=${SANDBOX_ORGANIZATION.accountId}`, (await policyOf(["--for", "target", "--account", SANDBOX_ORGANIZATION.accountId])).policy],
    ] as const) {
      const set = await fetch(`${r.box.endpoint}/_sandbox/policy${query}`, { method: "POST", body: JSON.stringify(document) });
      expect(set.status, await set.text()).toBe(200);
    }
    const status = await r.byodkim(["status", "--all", "--json"]);
    expect(status.code, status.stdout + status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { rows: unknown[] }).rows).toHaveLength(4);
    const enabled = await r.byodkim(["enable", POINT, "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    expect(memberIdentity(r, SANDBOX_ORGANIZATION.accountId, POINT, TOKYO)!.dkim.origin).toBe("EXTERNAL");
    expect(entries(r).filter((entry) => entry.error === "AccessDenied" || entry.error === "AccessDeniedException")).toEqual([]);
  }, 180_000);

  it("a member account whose role may not list SES is a warning naming it, and the other accounts are still found", async () => {
    const r = await rehearsal({ scenario: "accounts-organization" });
    const denyListing = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:GetEmailIdentity", Resource: "*" }] };
    const set = await fetch(`${r.box.endpoint}/_sandbox/policy?account=${SANDBOX_ORGANIZATION.accountId}`, {
      method: "POST",
      body: JSON.stringify(denyListing),
    });
    expect(set.status).toBe(200);
    const status = await r.byodkim(["status", "--all", "--json"]);
    expect(status.code, status.stdout + status.stderr).toBe(0);
    const rows = (JSON.parse(status.stdout) as { rows: { domain: string; account: string }[] }).rows;
    expect(rows.map((row) => row.domain)).not.toContain(POINT);
    expect(rows.map((row) => row.domain)).toContain(SHOP);
    expect(status.stderr).toContain(`member account ${SANDBOX_ORGANIZATION.accountId} skipped`);
    expect(status.stderr).toContain("ses:ListEmailIdentities");
    expect(status.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});

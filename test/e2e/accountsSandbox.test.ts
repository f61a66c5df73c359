import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { roleArn } from "../../src/sandbox/iam/roles.js";
import { SANDBOX_MEMBER } from "../../src/sandbox/defaults.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { identitiesIn } from "../../src/sandbox/world.js";
import { newIdentity } from "../../src/sandbox/api/sesv2.js";
import { printedCommand } from "../support/printedCommand.js";
import { rehearsal } from "../support/rehearsal.js";

const OPERATIONS = SANDBOX_DEFAULTS.accountId;
const MEMBER = SANDBOX_MEMBER.accountId;
const SHOP = SANDBOX_MEMBER.domain;
const [TOKYO, OSAKA] = SANDBOX_MEMBER.regions;

type Rehearsal = Awaited<ReturnType<typeof rehearsal>>;

const memberIdentity = (r: Rehearsal, region: string) => r.box.world.members.get(MEMBER)!.identities.get(region)?.get(SHOP);
const entries = (r: Rehearsal, from = 0) => r.box.world.log.slice(from) as ((typeof r.box.world.log)[number] & { account?: string })[];
const denials = (r: Rehearsal) => entries(r).filter((entry) => entry.error === "AccessDenied" || entry.error === "AccessDeniedException");

/**
 * The "done when", as a new user tries it: the sandbox's `accounts` scenario, whose member
 * account 111111111111 holds shop.goo.ne.jp in Tokyo and Osaka, reached only through its role.
 */
describe("member accounts in the sandbox, spawned", () => {
  it("status --all shows both accounts' identities; enable of the member's domain changes SES only there, with the key read from the central bucket", async () => {
    const r = await rehearsal({ scenario: "accounts" });
    const status = await r.byodkim(["status", "--all", "--json"]);
    expect(status.code, status.stderr).toBe(0);
    const rows = (JSON.parse(status.stdout) as { rows: { domain: string; region: string; account: string }[] }).rows;
    expect(rows.map(({ domain, region, account }) => `${account} ${domain} ${region}`).sort()).toEqual([
      `${MEMBER} ${SHOP} ${TOKYO}`,
      `${MEMBER} ${SHOP} ${OSAKA}`,
      `${OPERATIONS} ${SANDBOX_DEFAULTS.domain} ${SANDBOX_DEFAULTS.region}`,
    ]);
    const table = await r.byodkim(["status", "--all"], { env: { COLUMNS: "160" } });
    expect(table.stdout).toContain("ACCOUNT");

    const from = r.box.world.log.length;
    const enabled = await r.byodkim(["enable", SHOP, "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    expect(enabled.stdout).toContain(`account ${MEMBER} as arn:aws:sts::${MEMBER}:assumed-role/${SANDBOX_MEMBER.roleName}/byodkim-operator`);
    expect(memberIdentity(r, TOKYO)!.dkim).toMatchObject({ origin: "EXTERNAL", status: "SUCCESS" });
    expect(memberIdentity(r, OSAKA)!.dkim.origin).toBe("AWS_SES");
    // SES in the operations account has no such identity, and nothing there changed.
    expect(identitiesIn(r.box.world, TOKYO).has(SHOP)).toBe(false);
    expect(r.identity().dkim.origin).toBe("AWS_SES");
    const run = entries(r, from);
    const sesChanges = run.filter((entry) => entry.service === "ses" && entry.operation.startsWith("Put"));
    expect(sesChanges.map((entry) => `${entry.account} ${entry.operation} ${entry.status}`)).toEqual([`${MEMBER} PutEmailIdentityDkimSigningAttributes 200`]);
    // The key came from the operations account's bucket, read with the operator's own credentials; the member account was never asked for S3.
    const keyReads = run.filter((entry) => entry.service === "s3" && entry.operation === "GetObject" && entry.status === 200);
    expect(keyReads.length).toBeGreaterThan(0);
    expect(run.filter((entry) => entry.service === "s3").every((entry) => entry.account === OPERATIONS)).toBe(true);
    expect(run.filter((entry) => entry.account === MEMBER).every((entry) => ["ses", "sts", "iam"].includes(entry.service))).toBe(true);
    // The journal, and so the report, name the account the change was made in.
    const report = await r.byodkim(["report", "latest", "--domain", SHOP, "--format", "json"]);
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ report: { account: MEMBER } });
  }, 120_000);

  it("a wrong external id is a failed identity gate naming the role, with nothing read or changed in either account", async () => {
    const r = await rehearsal({ scenario: "accounts" });
    const config = readFileSync(r.box.configPath, "utf8");
    expect(config).toContain(SANDBOX_MEMBER.externalId);
    writeFileSync(r.box.configPath, config.replace(SANDBOX_MEMBER.externalId, "not-the-external-id"));
    const from = r.box.world.log.length;
    const precheck = await r.byodkim(["precheck", SHOP, "--json"]);
    expect(precheck.code).toBe(1);
    const gates = (JSON.parse(precheck.stdout) as { gates: { id: string; status: string; detail: string }[] }).gates;
    expect(gates[0]).toMatchObject({ id: "identity", status: "fail" });
    expect(gates[0]!.detail).toContain(SANDBOX_MEMBER.roleArn);
    expect(gates[0]!.detail).toContain(MEMBER);

    const enable = await r.byodkim(["enable", SHOP, "--yes"]);
    expect(enable.code).toBe(1);
    expect(enable.stdout + enable.stderr).toContain(`could not assume ${SANDBOX_MEMBER.roleArn} for account ${MEMBER}`);
    // The command the hint names, run as printed: the role's policies to give the account administrator.
    const policyCommand = printedCommand(enable.stdout + enable.stderr, "AWS does not say which");
    expect(policyCommand).toEqual(["iam-policy", "--for", "target", "--account", MEMBER]);
    const printed = await r.byodkim(policyCommand);
    expect(printed.code, printed.stderr).toBe(0);
    expect(JSON.parse(printed.stdout)).toMatchObject({ Version: "2012-10-17" });
    expect(printed.stderr).toContain(SANDBOX_MEMBER.roleArn);
    expect(enable.stdout + enable.stderr).not.toMatch(/\n\s+at /);
    const run = entries(r, from);
    expect(run.filter((entry) => entry.operation === "AssumeRole").every((entry) => entry.status === 403)).toBe(true);
    expect(run.some((entry) => entry.account === MEMBER && entry.service !== "sts")).toBe(false);
    expect(r.sesMutations()).toEqual([]);
    expect(memberIdentity(r, TOKYO)!.dkim.origin).toBe("AWS_SES");

    // status --all still shows the member's configured identities, each saying why it could not be read.
    const status = await r.byodkim(["status", "--all", "--json"]);
    expect(status.code).toBe(1);
    const rows = (JSON.parse(status.stdout) as { rows: { domain: string; account: string; reason: string; problem: { code: string } | null }[] }).rows;
    const member = rows.filter((row) => row.account === MEMBER);
    expect(member.map((row) => [row.domain, row.reason, row.problem?.code])).toEqual([
      [SHOP, "sesUnreadable", "account.assumeDenied"],
      [SHOP, "sesUnreadable", "account.assumeDenied"],
    ]);
    expect(rows.find((row) => row.account === OPERATIONS)).toMatchObject({ domain: SANDBOX_DEFAULTS.domain, reason: "healthy" });
  }, 120_000);

  it("a plan spanning both accounts is approved by a second person and applied, under the least-privilege policies iam-policy prints for both sides, with no AccessDenied", async () => {
    const r = await rehearsal({ scenario: "accounts" });
    appendFileSync(r.box.configPath, "approvals:\n  required: 1\nbake:\n  minutes: 0\n");
    const operatorRole = roleArn(OPERATIONS, [...r.box.world.roles.values()][0]!);
    // The policies as an administrator would take them from byodkim, printed for this config.
    const policyOf = async (args: string[]) => {
      const printed = await r.byodkim(["iam-policy", ...args, "--role", operatorRole]);
      expect(printed.code, printed.stderr).toBe(0);
      return JSON.parse(printed.stdout) as { Statement: unknown[] };
    };
    const operator = await policyOf([]);
    const approver = await policyOf(["--for", "approver"]);
    const target = await policyOf(["--for", "target", "--account", MEMBER]);
    expect(JSON.stringify(operator)).toContain(SANDBOX_MEMBER.roleArn);
    // Operator and approver sign in to one role here: it holds both policies.
    const both = { Version: "2012-10-17", Statement: [...operator.Statement, ...approver.Statement] };
    for (const [query, document] of [
      ["", both],
      [`?account=${MEMBER}`, target],
    ] as const) {
      const set = await fetch(`${r.box.endpoint}/_sandbox/policy${query}`, { method: "POST", body: JSON.stringify(document) });
      expect(set.status, await set.text()).toBe(200);
    }

    const planned = await r.byodkim(["plan", "enable", "--all", "--json"]);
    expect(planned.code, planned.stdout + planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as { id: string; next: string; ready: number };
    expect(plan.ready, planned.stdout).toBe(3);
    const stored = JSON.parse(r.box.world.buckets.get(SANDBOX_DEFAULTS.bucket)!.get(`dkim/plans/${plan.id}.json`)!.toString("utf8")) as {
      targets: { domain: string; region: string; account: string }[];
    };
    expect(stored.targets.map(({ domain, region, account }) => `${account} ${domain} ${region}`).sort()).toEqual([
      `${MEMBER} ${SHOP} ${TOKYO}`,
      `${MEMBER} ${SHOP} ${OSAKA}`,
      `${OPERATIONS} ${SANDBOX_DEFAULTS.domain} ${SANDBOX_DEFAULTS.region}`,
    ]);

    const approveCommand = printedCommand(plan.next, "a second person approves it");
    const approved = await r.byodkim(approveCommand, { as: "approver", stdin: `${plan.id.slice(0, 8)}\n` });
    expect(approved.code, approved.stdout + approved.stderr).toBe(0);
    const applyCommand = printedCommand(approved.stdout, "Approved enough");
    const applied = await r.byodkim([...applyCommand, "--json"], { stdin: `${plan.id.slice(0, 8)}\n` });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ outcome: "completed" });
    expect(r.identity().dkim.origin).toBe("EXTERNAL");
    expect(memberIdentity(r, TOKYO)!.dkim.origin).toBe("EXTERNAL");
    expect(memberIdentity(r, OSAKA)!.dkim.origin).toBe("EXTERNAL");
    expect(denials(r)).toEqual([]);
    // Each account's changes were made in it, by the operator (in the member account, as the operator's role session).
    const changes = entries(r).filter((entry) => entry.service === "ses" && entry.operation === "PutEmailIdentityDkimSigningAttributes");
    expect(changes.map((entry) => `${entry.account} ${entry.region}`).sort()).toEqual(
      [`${MEMBER} ${TOKYO}`, `${MEMBER} ${OSAKA}`, `${OPERATIONS} ${TOKYO}`].sort(),
    );
    expect(changes.filter((entry) => entry.account === MEMBER).every((entry) => entry.caller?.endsWith("/byodkim-operator"))).toBe(true);
  }, 180_000);

  it("an identity of a member's name left in the operations account's SES is shown as another account's, with no command, and plan leaves it out", async () => {
    const r = await rehearsal({ scenario: "accounts" });
    appendFileSync(r.box.configPath, "bake:\n  minutes: 0\n");
    // The copy a migration left behind: the same name, in the operations account, Tokyo only.
    identitiesIn(r.box.world, TOKYO).set(SHOP, newIdentity(SHOP, new Date()));
    const status = await r.byodkim(["status", "--all", "--json"]);
    const rows = (JSON.parse(status.stdout) as { rows: { domain: string; region: string; account: string; reasons: string[]; wayOut: unknown }[] }).rows;
    const copy = rows.find((row) => row.domain === SHOP && row.account === OPERATIONS);
    expect(copy).toMatchObject({ region: TOKYO, wayOut: null });
    expect(copy!.reasons[0]).toBe("otherAccount");
    // The member's own rows are judged as before, their regions compared with each other only.
    expect(rows.filter((row) => row.domain === SHOP && row.account === MEMBER).map((row) => row.reasons)).toEqual([["healthy"], ["healthy"]]);

    const planned = await r.byodkim(["plan", "enable", "--all", "--json"]);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as { id: string };
    const stored = JSON.parse(r.box.world.buckets.get(SANDBOX_DEFAULTS.bucket)!.get(`dkim/plans/${plan.id}.json`)!.toString("utf8")) as {
      targets: { domain: string; region: string; account: string; state: string; reasons?: { code: string }[] }[];
    };
    const leftOut = stored.targets.find((target) => target.domain === SHOP && target.account === OPERATIONS);
    expect(leftOut).toMatchObject({ state: "leftOut", reasons: [{ code: "account.listedElsewhere" }] });
    expect(
      stored.targets.filter((target) => target.domain === SHOP && target.account === MEMBER && target.state === "ready"),
      JSON.stringify(stored.targets, null, 1),
    ).toHaveLength(2);
  }, 120_000);

  it("apply skips a target the config has since moved to another account than the one approved", async () => {
    const r = await rehearsal({ scenario: "accounts" });
    appendFileSync(r.box.configPath, "bake:\n  minutes: 0\n");
    const planned = await r.byodkim(["plan", "enable", SHOP, "--regions", `${TOKYO},${OSAKA}`, "--json"]);
    expect(planned.code, planned.stdout + planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as { id: string };
    // The member account's entry taken out: the domain now reads as the operations account's own.
    const config = readFileSync(r.box.configPath, "utf8");
    writeFileSync(r.box.configPath, config.replace(/\naccounts:\n(?: {2}.*\n)+/, "\n"));
    expect(readFileSync(r.box.configPath, "utf8")).not.toContain("accounts:");
    const applied = await r.byodkim(["apply", plan.id, "--yes"]);
    expect(applied.stdout + applied.stderr).toContain(
      `the config now puts it in account ${OPERATIONS}, but the plan was approved for account ${MEMBER}; skipped`,
    );
    expect(r.sesMutations()).toEqual([]);
  }, 120_000);
});

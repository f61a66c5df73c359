import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { parseZoneFileRecord } from "../../src/dkim/handoff.js";
import { OPERATOR_COMMANDS, type PermissionCommand, permissionNeeds } from "../../src/permissions/needs.js";
import { policyScope } from "../../src/permissions/policy.js";
import { SANDBOX_DEFAULTS, sandboxConfigDocument } from "../../src/sandbox/scenarios.js";
import { rehearsal } from "../support/rehearsal.js";

const { domain, selector: OLD, region } = SANDBOX_DEFAULTS;
type Rehearsal = Awaited<ReturnType<typeof rehearsal>>;
interface GateJson {
  readonly id: string;
  readonly status: string;
  readonly detail: string;
  readonly lines: readonly string[];
}

const denials = (r: Rehearsal, from = 0) => r.box.world.log.slice(from).filter((entry) => /AccessDenied/.test(entry.error ?? ""));
const mutations = (r: Rehearsal, from = 0) =>
  r.box.world.log.slice(from).filter((entry) => entry.service !== "sandbox" && /^(Put|Delete|Send|Create|Tag)/.test(entry.operation) && entry.status < 300);

/** A command that must succeed, with its permissions gate passed. */
async function succeeds(r: Rehearsal, args: string[], stdin?: string) {
  const result = await r.byodkim([...args, "--json"], stdin === undefined ? {} : { stdin });
  expect(result.code, `${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0);
  const document = JSON.parse(result.stdout) as { gates: GateJson[] } & Record<string, unknown>;
  expect(document.gates.find((gate) => gate.id === "permissions")?.status, args.join(" ")).toBe("pass");
  return document;
}

/** status --publish-metrics, as the monitoring job runs it: every row healthy, every metric stored. */
async function watches(r: Rehearsal) {
  const stored = r.box.world.metrics.length;
  const result = await r.byodkim(["status", "--publish-metrics", "--json"]);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  const document = JSON.parse(result.stdout) as { rows: { verdict: string }[]; metrics: { published: boolean; data: number } };
  expect(document.rows.map((row) => row.verdict)).toEqual(["ok"]);
  expect(document.metrics).toMatchObject({ published: true });
  expect(r.box.world.metrics.length - stored).toBe(document.metrics.data);
}

describe("the least-privilege policy, against a sandbox that enforces it", () => {
  it("is enough: precheck → enable → verify --send-test → verify --probe → keygen → rotate → retire --delete-key → status --publish-metrics → rollback, with no AccessDenied", async () => {
    const r = await rehearsal({ scenario: "least-privilege" });
    expect(r.box.world.policy).toBeDefined();
    await succeeds(r, ["precheck"]);
    await succeeds(r, ["enable", "--yes", "--wait", "60"]);
    await succeeds(r, ["verify", "--send-test", "postmaster@example.org"]);
    // The probe reads the inbound bucket (another region's) and the IMAP password under the exact grants iam-policy printed.
    await succeeds(r, ["verify", "--probe", "--probe-timeout", "20"]);
    const out = mkdtempSync(join(tmpdir(), "byodkim-handoff-"));
    const made = await succeeds(r, ["keygen", "--yes", "--out", out]);
    const selector = made["selector"] as string;
    const zoneLine = parseZoneFileRecord(readFileSync(join(out, `${selector}._domainkey.${domain}.zone`), "utf8"))!;
    const published = await fetch(`${r.box.endpoint}/_sandbox/dns`, {
      method: "POST",
      body: JSON.stringify({ name: zoneLine.name, type: "TXT", data: zoneLine.strings }),
    });
    expect(published.status).toBe(200);
    await succeeds(r, ["rotate", "--yes", "--wait", "60"]);
    r.ageState(8);
    // --delete-key asks for the selector typed, even with --yes.
    await succeeds(r, ["retire", OLD, "--delete-key", "--yes"], `${OLD}\n`);
    await watches(r);
    await succeeds(r, ["rollback", "--yes", "--to", "disable"]);
    expect(denials(r)).toEqual([]);
  });

  it("lets IAM itself keep the active key: under the operator policy a direct S3 overwrite or a blind delete of it is AccessDenied", async () => {
    const r = await rehearsal({ scenario: "least-privilege" });
    await succeeds(r, ["enable", "--yes", "--wait", "60"]);
    const Bucket = SANDBOX_DEFAULTS.bucket;
    const Key = SANDBOX_DEFAULTS.keyTemplate.replace("{domain}", domain).replace("{selector}", OLD);
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", tokens: [OLD] });
    const before = r.box.world.buckets.get(Bucket)!.get(Key)!;
    const s3 = new S3Client({
      endpoint: r.box.endpoint,
      region,
      credentials: { accessKeyId: r.box.env["AWS_ACCESS_KEY_ID"]!, secretAccessKey: r.box.env["AWS_SECRET_ACCESS_KEY"]! },
      forcePathStyle: true,
      maxAttempts: 1,
    });
    const refused = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    const from = r.box.world.log.length;
    // What an operator's shell could do with the role: a plain upload, an upload over the ETag it read, a plain delete.
    await refused(s3.send(new PutObjectCommand({ Bucket, Key, Body: "not a key", ServerSideEncryption: "AES256" })));
    await refused(s3.send(new PutObjectCommand({ Bucket, Key, Body: "not a key", ServerSideEncryption: "AES256", IfMatch: '"any"' })));
    await refused(s3.send(new DeleteObjectCommand({ Bucket, Key })));
    expect(r.box.world.buckets.get(Bucket)!.get(Key)).toEqual(before);
    expect(r.box.world.log.slice(from).map((entry) => `${entry.operation}:${entry.status}`)).toEqual(["PutObject:403", "PutObject:403", "DeleteObject:403"]);
  });

  it("simulates an SSO session as its role, path included, under a policy narrowed to that role; status runs under it too", async () => {
    const role = { name: "AWSReservedSSO_MailOps_0123456789abcdef", path: "/aws-reserved/sso.amazonaws.com/ap-northeast-1/" };
    const roleArn = `arn:aws:iam::${SANDBOX_DEFAULTS.accountId}:role${role.path}${role.name}`;
    const config = validateConfig(sandboxConfigDocument([]), "the sandbox's config");
    const { policy } = iamPolicy(config, { domain: undefined, audience: "readonly", region, role: roleArn });
    const r = await rehearsal({ role, policy: JSON.parse(JSON.stringify(policy)) });
    const result = await r.byodkim(["precheck", "--json"]);
    expect(result.code, result.stdout).toBe(0);
    const gate = (JSON.parse(result.stdout).gates as GateJson[]).find((found) => found.id === "permissions")!;
    expect(gate.status).toBe("pass");
    expect(gate.detail).toContain(roleArn);
    // The read-only role is a cron job's: status and its metrics need nothing more.
    await watches(r);
    expect(denials(r)).toEqual([]);
  });

  it("refuses enable at the gate under the missing-permission scenario, before any change, naming the action", async () => {
    const r = await rehearsal({ scenario: "missing-permission" });
    const result = await r.byodkim(["enable", "--yes", "--json"]);
    expect(result.code).toBe(1);
    const gate = (JSON.parse(result.stdout).gates as GateJson[]).find((found) => found.id === "permissions");
    expect(gate?.status).toBe("fail");
    expect(gate?.detail).toContain("ses:PutEmailIdentityDkimAttributes");
    expect(mutations(r)).toEqual([]);
    expect(denials(r)).toEqual([]);
  });
});

/**
 * status has no permissions gate: it reads, and says in its rows what it could not read. Removing a
 * statement only status needs makes no gate fail, so those statements are not probed here;
 * test/permissions/policy.test.ts checks that the policies grant everything status needs.
 */
const UNGATED = ["status", "status-publish-metrics", "report-dmarc"] as const satisfies readonly PermissionCommand[];
/**
 * plan, approve and apply are probed here once they are commands; until then their one statement of
 * their own (plans and approvals, created only with If-None-Match) is checked against the enforcing
 * sandbox in test/sandbox/campaignRecords.test.ts.
 */
const CAMPAIGN = ["plan", "approve", "apply"] as const satisfies readonly PermissionCommand[];
/** tick's needs are its steps' (keygen, rotate, retire, status), each probed as itself. */
type GatedCommand = Exclude<PermissionCommand, (typeof UNGATED)[number] | (typeof CAMPAIGN)[number] | "tick">;
/** The statements only status needs: its identity listing and its metrics, the two actions IAM cannot narrow by resource. */
const STATUS_ONLY = ["StatusIdentityListing", "StatusMetrics"];
const CAMPAIGN_ONLY = ["CampaignRecords"];

/** The command line that exercises a command's permissions without changing anything it need not. */
const PROBES: Record<GatedCommand, string[]> = {
  precheck: ["precheck"],
  verify: ["verify"],
  enable: ["enable", "--dry-run"],
  rotate: ["rotate", "--dry-run"],
  keygen: ["keygen", "--dry-run"],
  retire: ["retire", OLD, "--dry-run"],
  "retire-delete-key": ["retire", OLD, "--delete-key", "--dry-run"],
  "verify-send-test": ["verify", "--send-test", "postmaster@example.org"],
  "verify-probe": ["verify", "--probe", "--probe-timeout", "10"],
  rollback: ["rollback", "--dry-run", "--to", "disable"],
};
/** Which command to probe a statement with: the first (least changing) one that needs one of its actions. */
const PROBE_ORDER: readonly GatedCommand[] = [
  "precheck",
  "verify",
  "enable",
  "keygen",
  "retire",
  "retire-delete-key",
  "verify-send-test",
  "verify-probe",
  "rollback",
];

describe("every statement of the generated operator policy is needed, and the gate sees it missing", () => {
  const config = validateConfig(sandboxConfigDocument([]), "the sandbox's config");
  const role = `arn:aws:iam::${SANDBOX_DEFAULTS.accountId}:role/MailOps`;
  const { policy } = iamPolicy(config, { domain: undefined, audience: "operator", region, role });
  const scope = policyScope(config, domain, region, role);
  const list = (value: string | readonly string[]) => (typeof value === "string" ? [value] : value);
  /** The command needs something this statement grants: one of its actions on one of its resources. */
  const needsIt = (command: PermissionCommand, statement: (typeof policy.Statement)[number]) =>
    permissionNeeds(command, scope).some((need) => list(statement.Action).includes(need.action) && list(statement.Resource).includes(need.resource));
  let r: Rehearsal;
  beforeAll(async () => {
    r = await rehearsal({ scenario: "least-privilege" });
  });

  it("probes every statement with a command that needs it, and the sandbox enforces this very policy", () => {
    for (const statement of policy.Statement) {
      const needed = PROBE_ORDER.some((command) => needsIt(command, statement));
      // A statement no gated command needs is one of status's or the campaign's, and only those are left out of the table below.
      expect(needed, statement.Sid).toBe(![...STATUS_ONLY, ...CAMPAIGN_ONLY].includes(statement.Sid));
      if (!needed)
        expect(
          (STATUS_ONLY.includes(statement.Sid) ? UNGATED : CAMPAIGN).some((command) => needsIt(command, statement)),
          statement.Sid,
        ).toBe(true);
    }
    expect(policy.Statement.filter((statement) => [...STATUS_ONLY, ...CAMPAIGN_ONLY].includes(statement.Sid))).toHaveLength(
      STATUS_ONLY.length + CAMPAIGN_ONLY.length,
    );
    // rotate needs nothing enable does not; status has no gate to probe.
    const unprobed: readonly PermissionCommand[] = [...UNGATED, ...CAMPAIGN];
    expect(new Set(PROBE_ORDER)).toEqual(new Set(OPERATOR_COMMANDS.filter((command) => command !== "rotate" && !unprobed.includes(command))));
    expect(r.box.world.policy).toEqual(JSON.parse(JSON.stringify(policy)));
  });

  for (const statement of policy.Statement.filter((other) => ![...STATUS_ONLY, ...CAMPAIGN_ONLY].includes(other.Sid))) {
    const command = PROBE_ORDER.find((candidate) => needsIt(candidate, statement))!;
    const actions = list(statement.Action);
    // Without the preflight's own statement there is no simulation: the gate warns, naming the refused call.
    const expected = actions.some((action) => action.startsWith("iam:")) || command === "rollback" ? "warn" : "fail";
    it(`without ${statement.Sid} (${actions.join(", ")}): byodkim ${PROBES[command].join(" ")} → permissions ${expected}, nothing changed`, async () => {
      const without = { ...policy, Statement: policy.Statement.filter((other) => other !== statement) };
      expect((await fetch(`${r.box.endpoint}/_sandbox/policy`, { method: "PUT", body: JSON.stringify(without) })).status).toBe(200);
      const from = r.box.world.log.length;
      const result = await r.byodkim([...PROBES[command], "--json"]);
      const gate = (JSON.parse(result.stdout).gates as GateJson[]).find((found) => found.id === "permissions")!;
      expect(gate.status, result.stdout).toBe(expected);
      expect(
        actions.some((action) => `${gate.detail}\n${gate.lines.join("\n")}`.includes(action)),
        `${gate.detail}\n${gate.lines.join("\n")}`,
      ).toBe(true);
      if (expected === "fail") expect(result.code).toBe(1);
      expect(mutations(r, from)).toEqual([]);
    });
  }
});

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { type PermissionNeed, permissionNeeds, TICK_STEPS, UNATTENDED_COMMANDS } from "../../src/permissions/needs.js";
import { type PolicyStatement, policyScope } from "../../src/permissions/policy.js";
import { run } from "../../src/cli/main.js";
import { captureIo } from "../support/captureIo.js";

const EXAMPLE_PATH = fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url));
const EXAMPLE = readFileSync(EXAMPLE_PATH, "utf8");
const WITH_NOTICES_AND_REPORTS = `${EXAMPLE}notify:\n  sns: [arn:aws:sns:ap-northeast-1:123456789012:dkim-changes]\ndmarc:\n  reports: s3://dmarc-reports/rua/\n`;
const list = (value: string | readonly string[]) => (typeof value === "string" ? [value] : value);
const key = (need: PermissionNeed) => `${need.action} ${need.resource} ${JSON.stringify(need.conditions ?? [])}`;

const grants = (statements: readonly PolicyStatement[], need: PermissionNeed) =>
  statements.some(
    (statement) =>
      list(statement.Action).includes(need.action) &&
      list(statement.Resource).includes(need.resource) &&
      (need.conditions ?? []).every((condition) =>
        condition.values.every((value) => list(statement.Condition?.[condition.operator]?.[condition.key] ?? []).includes(value)),
      ),
  );

describe("tick's permissions and the unattended role", () => {
  const config = validateConfig(parseYaml(WITH_NOTICES_AND_REPORTS), "example.yaml");
  const scope = policyScope(config, "goo.ne.jp", "ap-northeast-1", "byodkim-unattended");

  it("tick needs exactly what its steps need (keygen, rotate, retire, status; plan and apply under approvals): a need added to a step is tick's too", () => {
    const steps = new Set(TICK_STEPS.flatMap((step) => permissionNeeds(step, scope)).map(key));
    expect(new Set(permissionNeeds("tick", scope).map(key))).toEqual(steps);
    expect(TICK_STEPS).toEqual(["keygen", "rotate", "retire", "status", "plan", "apply"]);
  });

  it("the unattended policy grants everything tick and the metrics jobs need, with their conditions", () => {
    const { policy, commands } = iamPolicy(config, { domain: undefined, audience: "unattended", region: "ap-northeast-1", role: "byodkim-unattended" });
    expect(commands).toEqual(UNATTENDED_COMMANDS);
    for (const command of UNATTENDED_COMMANDS)
      for (const need of permissionNeeds(command, scope)) expect(grants(policy.Statement, need), `${command}: ${key(need)}`).toBe(true);
  });

  it("grants no approval, no test message and no key deletion: those stay with a person", () => {
    const { policy } = iamPolicy(config, { domain: undefined, audience: "unattended", region: "ap-northeast-1" });
    const actions = policy.Statement.flatMap((statement) => list(statement.Action));
    expect(actions).not.toContain("ses:SendEmail");
    // A plan it may write (only as a new object); an approval it may read and never write.
    const writes = policy.Statement.filter((statement) => list(statement.Action).includes("s3:PutObject")).flatMap((statement) => list(statement.Resource));
    expect(writes.filter((resource) => resource.includes("/plans/"))).toEqual([`arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/plans/${"?".repeat(64)}.json`]);
    const deletes = policy.Statement.filter((statement) => list(statement.Action).includes("s3:DeleteObject"));
    // The only delete is the change lock's, which every change takes and lets go.
    expect(deletes.flatMap((statement) => list(statement.Resource))).toEqual(["arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/locks/goo.ne.jp.json"]);
  });

  it("`iam-policy --for unattended` prints it; another audience is refused with the four names", async () => {
    const io = captureIo({});
    expect(await run(["iam-policy", "--config", EXAMPLE_PATH, "--for", "unattended", "--role", "byodkim-unattended"], io)).toBe(0);
    const printed = JSON.parse(io.out()) as { Statement: PolicyStatement[] };
    expect(printed).toEqual(
      JSON.parse(
        JSON.stringify(
          iamPolicy(validateConfig(parseYaml(EXAMPLE), "x"), {
            domain: undefined,
            audience: "unattended",
            region: "ap-northeast-1",
            role: "byodkim-unattended",
          }).policy,
        ),
      ),
    );
    expect(io.err()).toContain("unattended (tick, status --publish-metrics, report dmarc)");
    const refused = captureIo({});
    expect(await run(["iam-policy", "--config", EXAMPLE_PATH, "--for", "cron"], refused)).toBe(2);
    expect(refused.err()).toContain("--for must be operator, readonly, approver, unattended or target, not cron");
  });
});

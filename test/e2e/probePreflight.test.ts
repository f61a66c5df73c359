import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/loadConfig.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { SANDBOX_DEFAULTS, sandboxConfigDocument } from "../../src/sandbox/scenarios.js";
import { rehearsal } from "../support/rehearsal.js";

const { region } = SANDBOX_DEFAULTS;

interface GateJson {
  readonly id: string;
  readonly status: string;
  readonly detail: string;
  readonly lines: readonly string[];
}

describe("a change that probes simulates the probe's permissions in its preflight", () => {
  it("refuses enable --probe before any change when the role may not read the probe's inbound prefix; enable without it goes ahead", async () => {
    const config = validateConfig(sandboxConfigDocument([]), "the sandbox's config");
    const role = `arn:aws:iam::${SANDBOX_DEFAULTS.accountId}:role/MailOps`;
    const { policy } = iamPolicy(config, { domain: undefined, audience: "operator", region, role });
    // The administrator left out the probe's own statements (its mailbox and the IMAP password).
    const withoutProbe = { ...policy, Statement: policy.Statement.filter((statement) => !String(statement.Sid).startsWith("Probe")) };
    expect(withoutProbe.Statement.length).toBeLessThan(policy.Statement.length);
    const r = await rehearsal({ policy: JSON.parse(JSON.stringify(withoutProbe)) });

    const probing = await r.byodkim(["enable", "--yes", "--probe", "--json"]);
    expect(probing.code, probing.stderr).toBe(1);
    const gate = (JSON.parse(probing.stdout) as { gates: GateJson[] }).gates.find((found) => found.id === "permissions")!;
    expect(gate.status).toBe("fail");
    expect([gate.detail, ...gate.lines].join("\n")).toMatch(/s3:(ListBucket|GetObject)|secretsmanager:GetSecretValue/);
    expect(r.sesMutations()).toEqual([]);
    expect(r.box.world.mail.sent).toEqual([]);

    const plain = await r.byodkim(["enable", "--yes", "--json"]);
    expect(plain.code, plain.stdout).toBe(0);
    expect((JSON.parse(plain.stdout) as { gates: GateJson[] }).gates.find((found) => found.id === "permissions")?.status).toBe("pass");
  });
});

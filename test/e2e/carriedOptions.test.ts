import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { printedCommand } from "../support/printedCommand.js";
import { rehearsal } from "../support/rehearsal.js";
import { spawnCli } from "../support/spawnCli.js";

const { domain, region } = SANDBOX_DEFAULTS;

describe("printed commands carry the run's --config and --region (spawned, against the sandbox)", () => {
  it("from a folder with no config, enable's next step and its plan's rollback run exactly as printed", async () => {
    const r = await rehearsal();
    // Another folder, as an operator's shell would be: the default ./byodkim.config.yaml is not there.
    const elsewhere = mkdtempSync(join(tmpdir(), "byodkim-operator-"));
    const env = { ...r.box.env, BYODKIM_JOURNAL_DIR: r.journalDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
    const run = (args: string[], stdin?: string) => spawnCli(args, { env, cwd: elsewhere, ...(stdin === undefined ? {} : { stdin }) });

    const enabled = await run(["enable", domain, "--yes", "--config", r.box.configPath, "--region", region]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    const next = printedCommand(enabled.stdout, "Next:");
    expect(next).toEqual(["verify", domain, "--config", r.box.configPath, "--region", region]);
    const rollback = printedCommand(enabled.stdout, "rollback  ");
    expect(rollback).toEqual(["rollback", domain, "--config", r.box.configPath, "--region", region]);

    const verified = await run(next);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    const rolledBack = await run(rollback, `${domain}\n`);
    expect(rolledBack.code, rolledBack.stdout + rolledBack.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true });

    // Without the carried --config the same command is a dead end in that folder.
    const bare = await run(["verify", domain]);
    expect(bare.code).toBe(2);
  });
});

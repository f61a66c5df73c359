import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";
import { spawnCli } from "../support/spawnCli.js";

const onOldNode = Number(process.versions.node.split(".")[0]) < 22;

describe("the Node version (spawned, against the sandbox, without the SDK's switch set)", () => {
  it("never shows the SDK's warning; byodkim's own line is said once a day on an old Node", async () => {
    const r = await rehearsal();
    const env = { ...r.box.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), "byodkim-state-")), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined };
    const first = await spawnCli(["precheck"], { env, cwd: dirname(r.box.configPath) });
    expect(first.code, first.stderr).toBe(0);
    const second = await spawnCli(["precheck", "--json"], { env, cwd: dirname(r.box.configPath) });
    expect(second.code, second.stderr).toBe(0);
    for (const run of [first, second]) expect(run.stderr + run.stdout).not.toMatch(/NodeVersionSupportWarning|AWS SDK for JavaScript|trace-warnings/);
    const notice = /is past its end of life; byodkim works on it, but install Node 22/;
    expect(notice.test(first.stderr)).toBe(onOldNode);
    expect(first.stdout).not.toMatch(notice);
    // Said today already: the next run is quiet.
    expect(second.stderr).not.toMatch(notice);
    expect(() => JSON.parse(second.stdout)).not.toThrow();
  });
});

import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, spawnCli } from "../support/spawnCli.js";

describe("byodkim sandbox and demo as spawned processes", () => {
  it("lists the scenarios", async () => {
    const result = await spawnCli(["sandbox", "--list"]);
    expect(result.code).toBe(0);
    for (const name of ["good", "wrong-txt", "missing-txt", "partial-propagation", "alarm-firing", "phase-5", "phase-7", "already-enabled"]) {
      expect(result.stdout).toContain(name);
    }
  });

  it("refuses an unknown scenario and a malformed fault with exit 2", async () => {
    const unknown = await spawnCli(["sandbox", "--scenario", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no scenario named nope");
    const badFault = await spawnCli(["sandbox", "--fault", "GetEmailIdentity=explode"]);
    expect(badFault.code).toBe(2);
    expect(badFault.stderr).toContain("is not Operation=kind");
  });

  it("serves a precheck from another process until Ctrl-C, then stops cleanly", async () => {
    const child = spawn(process.execPath, [BIN, "sandbox", "--json", "--scenario", "phase-7"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    const started = new Promise<{ env: Record<string, string>; configPath: string; dnsServers: string[] }>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("\n")) resolve(JSON.parse(stdout.split("\n")[0]!));
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const info = await started;
      expect(info.dnsServers).toHaveLength(2);
      const precheck = await spawnCli(["precheck", "--config", info.configPath, "--json"], {
        env: { ...info.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      });
      const state = JSON.parse(precheck.stdout).gates.find((gate: { id: string }) => gate.id === "state");
      expect(state).toMatchObject({ status: "warn", code: "gate.state.alreadyDone" });
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });

  it("rehearses the runbook with npm run demo's command, exit 0", async () => {
    const result = await spawnCli(["demo"], { timeoutMs: 30_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("$ byodkim precheck");
    expect(result.stdout).toContain("Ready for BYODKIM");
    expect(result.stdout).toContain("$ byodkim enable --yes");
    expect(result.stdout).toContain("BYODKIM is enabled on goo.ne.jp");
    expect(result.stdout).toContain("BYODKIM is working");
    expect(result.stdout).toContain("Rolled back goo.ne.jp (previous).");
  });
});

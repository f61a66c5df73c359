import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/defaults.js";
import { firstJsonLine } from "../support/sandboxProcess.js";
import { BIN, spawnCli } from "../support/spawnCli.js";

interface AlarmsGate {
  readonly id: string;
  readonly status: string;
  readonly data: { readonly alarms: readonly { readonly name: string; readonly state: string }[] };
}

it("fires the sandbox's bounce alarm from another shell with `sandbox alarm`; precheck then reads it in ALARM", async () => {
  // The sandbox leaves its settings in this HOME's ~/.byodkim, where `sandbox alarm` finds it, as `sandbox --env` does.
  const home = mkdtempSync(join(tmpdir(), "byodkim-home-"));
  const env = { HOME: home, NO_COLOR: "1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", PATH: process.env["PATH"] ?? "" };
  const sandbox = spawn(process.execPath, [BIN, "sandbox", "--json"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => sandbox.on("close", resolve));
  try {
    const info = await firstJsonLine<{ env: Record<string, string>; configPath: string }>(sandbox.stdout);

    const fired = await spawnCli(["sandbox", "alarm", SANDBOX_DEFAULTS.bounceAlarm, "ALARM", "--reason", "bounce spike drill", "--json"], {
      env: { HOME: home },
    });
    expect(fired.code, fired.stderr).toBe(0);
    expect(JSON.parse(fired.stdout)).toMatchObject({
      command: "sandbox alarm",
      outcome: "set",
      alarm: { name: SANDBOX_DEFAULTS.bounceAlarm, state: "ALARM", reason: "bounce spike drill" },
      previous: { name: SANDBOX_DEFAULTS.bounceAlarm, state: "OK" },
    });

    const precheck = await spawnCli(["precheck", "--config", info.configPath, "--json"], { env: { ...info.env, HOME: home } });
    const alarms = (JSON.parse(precheck.stdout) as { gates: AlarmsGate[] }).gates.find((gate) => gate.id === "alarms")!;
    expect(alarms.status).toBe("fail");
    expect(alarms.data.alarms).toContainEqual(expect.objectContaining({ name: SANDBOX_DEFAULTS.bounceAlarm, state: "ALARM" }));
    expect(precheck.code).toBe(1);

    const unknown = await spawnCli(["sandbox", "alarm", "bounce-rate", "ALARM"], { env: { HOME: home } });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain(
      `the sandbox has no alarm named bounce-rate (known: ${SANDBOX_DEFAULTS.verificationAlarm}, ${SANDBOX_DEFAULTS.bounceAlarm})`,
    );
    const badState = await spawnCli(["sandbox", "alarm", SANDBOX_DEFAULTS.bounceAlarm, "FIRING", "--lang", "ja"], { env: { HOME: home } });
    expect(badState.code).toBe(2);
    expect(badState.stderr).toContain("FIRING はアラームの状態ではありません（指定できるもの：OK, ALARM, INSUFFICIENT_DATA）");
    expect(badState.stderr).not.toMatch(/\n\s+at /);
  } finally {
    sandbox.kill("SIGINT");
  }
  expect(await exited).toBe(0);

  // Stopped, the sandbox answers no more: the refusal says how to start one.
  const stale = await spawnCli(["sandbox", "alarm", SANDBOX_DEFAULTS.bounceAlarm, "OK", "--json"], { env: { HOME: home } });
  expect(stale.code).toBe(2);
  expect(stale.stderr).toContain("no sandbox is running");
  expect(stale.stderr).toMatch(/start one in another terminal with `node \S+byodkim\.js sandbox`/);
});

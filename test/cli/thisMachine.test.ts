import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { machineIdentity, processAlive } from "../../src/cli/thisMachine.js";

describe("this machine, as the lock's dead-holder check sees it", () => {
  it("names the boot and pid namespace on Linux, the same for every call in one machine", () => {
    const machine = machineIdentity();
    expect(machine).toBe(machineIdentity());
    if (process.platform === "linux") expect(machine).toMatch(/^[0-9a-f-]{36} pid:\[\d+\]$/);
  });

  it("counts a running process that started before the lock as its holder, alive", () => {
    expect(processAlive(process.pid, new Date())).toBe(true);
  });

  it("counts a pid whose process ended as dead", async () => {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await once(child, "exit");
    expect(processAlive(child.pid!, new Date())).toBe(false);
  });

  it.runIf(process.platform === "linux")("counts a process that started after the lock was written as another program that reused the pid", async () => {
    const lockedAt = new Date(Date.now() - 60_000);
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
    try {
      expect(processAlive(child.pid!, lockedAt)).toBe(false);
      expect(processAlive(child.pid!, new Date())).toBe(true);
    } finally {
      child.kill();
    }
  });
});

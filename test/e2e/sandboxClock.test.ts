import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { firstJsonLine } from "../support/sandboxProcess.js";
import { BIN, spawnCli } from "../support/spawnCli.js";
import { rehearsal } from "../support/rehearsal.js";

const DAY_MS = 86_400_000;
const yyyymmdd = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, "");

describe("the sandbox's clock", () => {
  it("moves on with `sandbox advance` from another shell; `sandbox --env` points byodkim at it, and a keygen run there lives on the new date", async () => {
    const home = mkdtempSync(join(tmpdir(), "byodkim-home-"));
    const env = { HOME: home, NO_COLOR: "1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", PATH: process.env["PATH"] ?? "" };
    const sandbox = spawn(process.execPath, [BIN, "sandbox", "--json"], { env, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => sandbox.on("close", resolve));
    try {
      const info = await firstJsonLine<{ endpoint: string; env: Record<string, string>; configPath: string }>(sandbox.stdout);
      expect(info.env["BYODKIM_SANDBOX_CLOCK"]).toBe(`${info.endpoint}/_sandbox/clock`);
      const script = await spawnCli(["sandbox", "--env"], { env });
      expect(script.stdout).toContain(`export BYODKIM_SANDBOX_CLOCK=${info.endpoint}/_sandbox/clock`);

      const advanced = await spawnCli(["sandbox", "advance", "40", "--json"], { env });
      expect(advanced.code, advanced.stderr).toBe(0);
      const clock = JSON.parse(advanced.stdout) as { outcome: string; now: string; offsetDays: number };
      expect(clock).toMatchObject({ outcome: "advanced", offsetDays: 40 });
      expect(Math.abs(Date.parse(clock.now) - (Date.now() + 40 * DAY_MS))).toBeLessThan(60 * 60_000);
      const told = await spawnCli(["sandbox", "advance", "2"], { env });
      expect(told.stdout).toMatch(/^the sandbox's clock now reads \d{4}-\d\d-\d\d \d\d:\d\d UTC \(42 day\(s\) ahead of real time\)/);
      const toldJa = await spawnCli(["sandbox", "advance", "1", "--lang", "ja"], { env });
      expect(toldJa.stdout).toMatch(/^サンドボックスの時計を .+ に進めました（実時間より 43 日先）/);
      const refused = await spawnCli(["sandbox", "advance", "401"], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("<days> takes a whole number from 1 to 400, not 401");

      const sandboxDay = new Date(Date.now() + 43 * DAY_MS);
      const keygen = await spawnCli(["keygen", "--yes", "--json"], { env: { ...env, ...info.env, BYODKIM_CONFIG: info.configPath } });
      expect(keygen.code, keygen.stderr).toBe(0);
      const { selector } = JSON.parse(keygen.stdout) as { selector: string };
      // The run lives on the sandbox's date (a run started just before midnight UTC may see the next day).
      expect([yyyymmdd(sandboxDay), yyyymmdd(new Date(sandboxDay.getTime() + DAY_MS))].some((day) => selector.includes(day))).toBe(true);
      const journalDir = info.env["BYODKIM_JOURNAL_DIR"]!;
      const [journal] = readdirSync(journalDir).filter((name) => name.includes("keygen"));
      const stamps = readFileSync(join(journalDir, journal!), "utf8")
        .trim()
        .split("\n")
        .map((line) => Date.parse((JSON.parse(line) as { at: string }).at));
      for (const at of stamps) expect(Math.abs(at - sandboxDay.getTime())).toBeLessThan(60 * 60_000);
    } finally {
      sandbox.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });

  it("is what a rehearsal's commands stamp with, after advanceClock", async () => {
    const r = await rehearsal();
    const now = r.advanceClock(31);
    const keygen = await r.byodkim(["keygen", "--yes", "--json"]);
    expect(keygen.code, keygen.stderr).toBe(0);
    const entries = r.journalEntries() as unknown as { at: string }[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(Math.abs(Date.parse(entry.at) - now.getTime())).toBeLessThan(60 * 60_000);
    // S3 stamps the key's object with the sandbox's date too.
    const { selector } = JSON.parse(keygen.stdout) as { selector: string };
    const meta = [...r.box.world.objectMeta.entries()].find(([key]) => key.includes(selector))![1];
    expect(Math.abs(meta.lastModified!.getTime() - now.getTime())).toBeLessThan(60 * 60_000);
  });
});

describe("byodkim takes its time from a sandbox on this machine only", () => {
  it("refuses a BYODKIM_SANDBOX_CLOCK on another host before it asks anything (en, ja)", async () => {
    const r = await rehearsal();
    const refused = await spawnCli(["precheck", "--config", r.box.configPath, "--json"], {
      env: { ...r.box.env, BYODKIM_SANDBOX_CLOCK: "http://192.0.2.10:4510/_sandbox/clock", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('BYODKIM_SANDBOX_CLOCK names "http://192.0.2.10:4510/_sandbox/clock", which is not on this machine');
    expect(refused.stderr).toContain("unset BYODKIM_SANDBOX_CLOCK");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(r.box.world.log.filter((entry) => entry.service !== "sandbox")).toEqual([]);
    const ja = await spawnCli(["precheck", "--config", r.box.configPath, "--lang", "ja"], {
      env: { ...r.box.env, BYODKIM_SANDBOX_CLOCK: "https://clock.example.com/_sandbox/clock", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain("このマシン上にありません");
  });

  it("says so clearly when the sandbox's clock does not answer", async () => {
    // A port that was just free: nothing listens there once the server is closed.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const r = await rehearsal();
    const result = await spawnCli(["precheck", "--config", r.box.configPath], {
      // A sandbox that has stopped: its endpoint and its clock both point at nothing.
      env: {
        ...r.box.env,
        AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
        BYODKIM_SANDBOX_CLOCK: `http://127.0.0.1:${port}/_sandbox/clock`,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`the sandbox's clock at http://127.0.0.1:${port}/_sandbox/clock did not answer`);
    expect(result.stderr).toMatch(/start it again with `node \S+byodkim\.js sandbox`/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

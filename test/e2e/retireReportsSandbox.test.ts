import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { firstJsonLine, runInBash, sandboxInOwnHome } from "../support/sandboxProcess.js";
import { BIN } from "../support/spawnCli.js";

interface GateJson {
  id: string;
  status: string;
  code: string;
}

// As an operator rehearses it from a second shell: rotate, let days pass, the receivers' reports, retire.
describe("retire against the sandbox's DMARC reports, from another shell", () => {
  it("is refused while the latest reports still show the old selector passing, and goes ahead once they no longer do", async () => {
    const sandbox = sandboxInOwnHome(["--scenario", "byodkim-active", "--json"]);
    try {
      const started = await firstJsonLine<{ configPath: string }>(sandbox.child.stdout!);
      const inShell = (args: string) =>
        runInBash(`eval "$("${process.execPath}" "${BIN}" sandbox --env)" && "${process.execPath}" "${BIN}" ${args}`, {
          cwd: sandbox.checkout,
          env: sandbox.env,
        });
      const rotated = await inShell("rotate --yes --json");
      expect(rotated.code, rotated.stderr).toBe(0);
      const old = (JSON.parse(rotated.stdout) as { plan: { details: { from: string } } }).plan.details.from;

      // Three days after the rotation the old selector still shows in the latest reports (it fades over the grace period).
      expect((await inShell("sandbox age 3")).code).toBe(0);
      const written = await inShell("sandbox dmarc-reports --days 6 --json");
      expect(written.code, written.stderr).toBe(0);
      const refused = await inShell(`retire ${old} --yes --json`);
      expect(refused.code).toBe(1);
      const reports = (JSON.parse(refused.stdout) as { gates: GateJson[] }).gates.find((gate) => gate.id === "reports");
      expect(reports).toMatchObject({ status: "fail", code: "gate.reports.stillSigning" });

      // Ten days on, the reports are written again for the moved history: the old selector is gone from the latest ones.
      const aged = await inShell("sandbox age 7 --json");
      expect(aged.code, aged.stderr).toBe(0);
      expect(JSON.parse(aged.stdout)).toMatchObject({ days: 7, dmarcReportsRemoved: (JSON.parse(written.stdout) as { reports: unknown[] }).reports.length });
      expect(readdirSync(`${started.configPath.replace(/byodkim\.config\.yaml$/, "")}dmarc-reports`)).toEqual([]);
      expect((await inShell("sandbox dmarc-reports --days 12")).code).toBe(0);
      const retired = await inShell(`retire ${old} --yes --json`);
      expect(retired.code, retired.stdout).toBe(0);
      const quiet = (JSON.parse(retired.stdout) as { gates: GateJson[] }).gates.find((gate) => gate.id === "reports");
      expect(quiet).toMatchObject({ status: "pass", code: "gate.reports.faded" });
    } finally {
      sandbox.child.kill("SIGINT");
      await sandbox.exited;
    }
  });
});

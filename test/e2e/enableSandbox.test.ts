import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SandboxOptions } from "../../src/sandbox/start.js";
import { heldCall } from "../support/heldCall.js";
import { JOURNAL_OF_A_COMPLETED_ENABLE } from "../support/journalEvents.js";
import { rehearsal as sharedRehearsal } from "../support/rehearsal.js";
import { spawnCli } from "../support/spawnCli.js";

/** The shared rehearsal, with enable and its journal named the way these tests read. */
async function rehearsal(options: SandboxOptions = {}) {
  const r = await sharedRehearsal({ dkimChecksBeforeFailure: 120, ...options });
  const enable = (args: string[], spawnOptions: Parameters<typeof r.byodkim>[1] = {}) => r.byodkim(["enable", ...args], spawnOptions);
  return { ...r, enable, journal: r.journalEntries };
}

describe("byodkim enable against the sandbox (spawned, real HTTP and DNS)", () => {
  it("switches to BYODKIM, waits for SUCCESS and records the state, keeping unrelated fields", async () => {
    const r = await rehearsal();
    const result = await r.enable(["--yes", "--json"]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ command: "enable", ok: true, outcome: "completed" });
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", status: "SUCCESS", signingEnabled: true, tokens: ["gooid-21-pro-20250917-3"] });
    // Signing is already on: Step 23 would change nothing, so it is planned as such and not made.
    expect(document.plan.calls.map((call: { needed: boolean }) => call.needed)).toEqual([true, false]);
    expect(r.sesMutations()).toEqual(["PutEmailIdentityDkimSigningAttributes:200"]);
    const state = r.state();
    expect(state).toMatchObject({
      current_phase: "7",
      byodkim_enabled: true,
      signing_enabled: true,
      selector: "gooid-21-pro-20250917-3",
      projectName: "aws-ses-migration",
    });
    expect(Date.parse(String(state["phase_7_completed_at"]))).not.toBeNaN();
    expect(state["phase_7_operator"]).toBe(r.box.world.callerArn);
    expect(state["byodkim_snapshot"]).toMatchObject({ origin: "AWS_SES", signingEnabled: true });
    expect(r.lock()).toBeNull();
    expect(r.journal().map((entry) => entry.event)).toEqual(JOURNAL_OF_A_COMPLETED_ENABLE);
  });

  // The other gates' refusals, and each gate's own verdict, are tested in process (test/commands/enableRefusals.test.ts).
  it("refuses with exit 1 and no mutating call when a gate fails (wrong-txt)", async () => {
    const r = await rehearsal({ scenario: "wrong-txt" });
    const result = await r.enable(["--yes"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("enable refused: a gate failed. Nothing was changed.");
    expect(r.sesMutations()).toEqual([]);
  });

  it("refuses with exit 2 before the plan when the journal folder cannot be written, naming it", async () => {
    const r = await rehearsal();
    const file = join(r.journalDir, "a-file");
    writeFileSync(file, "");
    const folder = join(file, "journal");
    const result = await spawnCli(["enable", "--yes", "--config", r.box.configPath], {
      env: { ...r.box.env, BYODKIM_JOURNAL_DIR: folder, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain(`the journal folder ${folder} cannot be written; nothing was changed`);
    expect(result.stdout).not.toContain("plan");
    expect(r.sesMutations()).toEqual([]);
  });

  it("refuses with exit 2 when an empty HOME would put the journals in the current folder", async () => {
    const r = await rehearsal();
    const { BYODKIM_JOURNAL_DIR: _unused, ...env } = r.box.env;
    const cwd = mkdtempSync(join(tmpdir(), "byodkim-cwd-"));
    const result = await spawnCli(["enable", "--yes", "--config", r.box.configPath], {
      cwd,
      env: { ...env, HOME: "", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain("HOME is empty or not an absolute path");
    expect(readdirSync(cwd)).toEqual([]);
    expect(r.sesMutations()).toEqual([]);
  });

  it("does nothing when BYODKIM with the selector is already active", async () => {
    const r = await rehearsal({ scenario: "already-enabled" });
    const result = await r.enable(["--yes"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("already active");
    expect(r.sesMutations()).toEqual([]);
  });

  it("stops after the plan with --dry-run", async () => {
    const r = await rehearsal();
    const result = await r.enable(["--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Plan: switch goo.ne.jp to BYODKIM");
    expect(result.stdout).toContain("Dry run");
    expect(r.sesMutations()).toEqual([]);
  });

  it("exits 3 and changes nothing when the operator types something else", async () => {
    const r = await rehearsal();
    const result = await r.enable([], { stdin: "goo.ne.j\n" });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("Type the domain name (goo.ne.jp)");
    expect(r.sesMutations()).toEqual([]);
  });

  it("finishes the call in flight on Ctrl-C, journals it, says where SES is, and exits 130", async () => {
    // SES answers only once the run has noted the Ctrl-C.
    const held = heldCall();
    const r = await rehearsal({ faults: [["PutEmailIdentityDkimSigningAttributes", held.fault]] });
    const result = await r.enable(["--yes"], {
      onSpawn: (child) => {
        let stderr = "";
        let interrupted = false;
        child.stderr!.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (!interrupted && stderr.includes("calling PutEmailIdentityDkimSigningAttributes")) {
            interrupted = true;
            child.kill("SIGINT");
          }
          if (stderr.includes("finishing the call in flight")) held.release();
        });
      },
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("finishing the call in flight");
    expect(result.stdout).toContain("Interrupted after the call in flight finished.");
    expect(result.stdout).toContain("To undo: byodkim rollback goo.ne.jp");
    // The call in flight completed; the second was never made.
    expect(r.sesMutations()).toEqual(["PutEmailIdentityDkimSigningAttributes:200"]);
    const events = r.journal().map((entry) => entry.event);
    expect(events).toContain("stopped");
    expect(events.at(-1)).toBe("lock-released");
  });

  it("exits 130 with nothing changed on Ctrl-C at the confirmation", async () => {
    const r = await rehearsal();
    const result = await r.enable([], {
      keepStdinOpen: true,
      onSpawn: (child) => {
        child.stderr!.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("Type the domain name")) child.kill("SIGINT");
        });
      },
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("interrupted: nothing was changed");
    expect(r.sesMutations()).toEqual([]);
  });
});

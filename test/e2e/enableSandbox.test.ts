import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dkimTxtStrings } from "../../src/sandbox/scenarios.js";
import type { SandboxOptions } from "../../src/sandbox/start.js";
import { heldCall } from "../support/heldCall.js";
import { JOURNAL_OF_A_COMPLETED_ENABLE } from "../support/journalEvents.js";
import { generateTestKey } from "../support/keys.js";
import { gatesOf, rehearsal as sharedRehearsal } from "../support/rehearsal.js";
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

  it.each([["wrong-txt"], ["missing-txt"], ["partial-propagation"], ["alarm-firing"]])(
    "refuses with exit 1 and no mutating call when a gate fails (%s)",
    async (scenario) => {
      const r = await rehearsal({ scenario });
      const result = await r.enable(["--yes"]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("enable refused: a gate failed. Nothing was changed.");
      expect(r.sesMutations()).toEqual([]);
    },
  );

  it("refuses at Phase-5 with exit 1 and no mutating call: Phase-6 must be done first (en and ja)", async () => {
    const r = await rehearsal({ scenario: "phase-5" });
    const result = await r.enable(["--yes", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "gatesFailed" });
    expect(gatesOf(result.stdout).find((gate) => gate.id === "state")).toMatchObject({ status: "fail", code: "gate.state.phase6First" });
    const ja = await r.enable(["--yes", "--lang", "ja"]);
    expect(ja.code).toBe(1);
    expect(ja.stdout).toContain("Phase-7 の前に Phase-6 を完了させる必要があります");
    expect(r.sesMutations()).toEqual([]);
    expect(r.state()["current_phase"]).toBe("5");
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

  it.each([
    ["identity", "GetCallerIdentity"],
    ["selector", "ListObjectsV2"],
    ["key", "GetObject"],
    ["ses", "GetEmailIdentity"],
    ["alarms", "DescribeAlarms"],
    ["state", "GetSecretValue"],
  ])("refuses with exit 1 and no mutating call when the %s gate cannot read AWS (%s denied)", async (gate, operation) => {
    const r = await rehearsal({ faults: [[operation, { kind: "access-denied" }]] });
    const result = await r.enable(["--yes", "--json"]);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.outcome).toBe("gatesFailed");
    expect(document.gates.find((candidate: { id: string }) => candidate.id === gate)).toMatchObject({ status: "fail", code: "aws.accessDenied" });
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

  it("refuses at the re-check when the TXT record changed while the operator sat at the prompt", async () => {
    const r = await rehearsal();
    const other = generateTestKey(2048);
    const result = await r.enable([], {
      keepStdinOpen: true,
      onSpawn: (child) => {
        let stderr = "";
        child.stderr!.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (!stderr.includes("Type the domain name")) return;
          stderr = "";
          for (const records of r.box.world.nameservers) {
            const index = records.findIndex((record) => record.type === "TXT" && record.name === r.box.seed.txtName);
            records[index] = { name: r.box.seed.txtName, type: "TXT", data: dkimTxtStrings(other.publicKeyBase64) };
          }
          child.stdin!.end("goo.ne.jp\n");
        });
      },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("the gates changed while waiting at the prompt");
    expect(r.sesMutations()).toEqual([]);
  });

  it("exits 4 when SES denies the second call, with the first call journaled and the snapshot kept", async () => {
    const r = await rehearsal({ scenario: "signing-off", faults: [["PutEmailIdentityDkimAttributes", { kind: "access-denied" }]] });
    const result = await r.enable(["--yes"]);
    expect(result.code).toBe(4);
    expect(result.stdout).toContain("ses:PutEmailIdentityDkimAttributes");
    expect(result.stdout).toContain("To undo: byodkim rollback goo.ne.jp");
    expect(result.stdout).toMatch(/SES now: origin EXTERNAL/);
    const events = r.journal();
    expect(events.filter((entry) => entry.event === "call-done").map((entry) => entry.call)).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
    expect(events.filter((entry) => entry.event === "call-failed").map((entry) => entry.call)).toEqual(["PutEmailIdentityDkimAttributes"]);
    expect(r.state()["byodkim_snapshot"]).toMatchObject({ origin: "AWS_SES" });
    expect(r.lock()).toBeNull();
  });

  it("refuses a second enable while the first holds the lock", async () => {
    // The first run's SES call is held until the second has met the lock, however long that takes.
    const held = heldCall();
    const r = await rehearsal({ faults: [["PutEmailIdentityDkimSigningAttributes", held.fault]] });
    let holding = () => {};
    const holdsTheLock = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const first = r.enable(["--yes"], {
      onSpawn: (child) => {
        // It calls SES under the lock.
        let stderr = "";
        child.stderr!.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes("calling PutEmailIdentityDkimSigningAttributes")) holding();
        });
      },
    });
    await holdsTheLock;
    const holder = r.lock()!;
    const second = await r.enable(["--yes"]).finally(() => held.release());
    expect(second.code).toBe(1);
    expect(second.stdout).toContain("enable refused: another change holds the lock. Nothing was changed.");
    expect(second.stdout).toContain(
      `another change is running: enable by arn:aws:sts::123456789012:assumed-role/MailOps/operator on ${holder["host"]} (pid ${holder["pid"]})`,
    );
    expect((await first).code).toBe(0);
    expect(r.sesMutations()).toEqual(["PutEmailIdentityDkimSigningAttributes:200"]);
    expect(r.lock()).toBeNull();
  });

  it("reports SES's FAILED verification with the rollback command, exit 5: SES is changed, the result unconfirmed", async () => {
    // SES takes the key only once the record is gone, so it never sees the record.
    const held = heldCall();
    const r = await rehearsal({ dkimChecksBeforeFailure: 1, faults: [["PutEmailIdentityDkimSigningAttributes", held.fault]] });
    // The record disappears after the gates passed but before SES looks (as if the DNS team rolled it back).
    const result = await r.enable(["--yes", "--json"], {
      keepStdinOpen: true,
      onSpawn: (child) => {
        let stderr = "";
        child.stderr!.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (!stderr.includes("calling PutEmailIdentityDkimSigningAttributes")) return;
          for (const [i, records] of r.box.world.nameservers.entries())
            r.box.world.nameservers[i] = records.filter((record) => record.name !== r.box.seed.txtName);
          held.release();
        });
      },
    });
    const document = JSON.parse(result.stdout);
    expect(result.code).toBe(5);
    expect(document).toMatchObject({ outcome: "verificationFailed", verificationError: "HOST_NOT_FOUND", rollbackCommand: "byodkim rollback goo.ne.jp" });
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

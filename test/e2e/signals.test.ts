import type { ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { SandboxOptions } from "../../src/sandbox/start.js";
import { heldCall } from "../support/heldCall.js";
import { rehearsal as sharedRehearsal } from "../support/rehearsal.js";

const CALL = "PutEmailIdentityDkimSigningAttributes";

async function rehearsal(options: SandboxOptions = {}) {
  const r = await sharedRehearsal({ dkimChecksBeforeFailure: 120, ...options });
  const events = () => r.journalEntries().map((entry) => entry.event);
  return { ...r, events };
}

/** Runs `then` once the child's stderr shows `text` (the step lines go to stderr). */
function when(child: ChildProcess, text: string, then: () => void): void {
  let seen = "";
  let done = false;
  child.stderr!.on("data", (chunk: Buffer) => {
    seen += chunk.toString();
    if (done || !seen.includes(text)) return;
    done = true;
    then();
  });
}

describe("stop signals during a change (spawned, against the sandbox)", () => {
  it.each([
    ["SIGTERM", 143, "SIGTERM: finishing the call in flight"],
    ["SIGHUP", 129, "SIGHUP (the terminal or session closed)"],
  ] as const)("finishes the call in flight on %s, journals the outcome, releases the lock, says where SES is (exit %i)", async (signal, code, noted) => {
    // SES answers only once the run has noted the signal: the signal certainly comes during the call.
    const held = heldCall();
    const r = await rehearsal({ faults: [[CALL, held.fault]] });
    const result = await r.byodkim(["enable", "--yes"], {
      onSpawn: (child) => {
        when(child, `calling ${CALL}`, () => child.kill(signal));
        when(child, noted, () => held.release());
      },
    });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(noted);
    expect(result.stdout).toContain("Interrupted after the call in flight finished.");
    expect(result.stdout).toMatch(/SES now: origin EXTERNAL/);
    expect(result.stdout).toContain("To undo: byodkim rollback goo.ne.jp");
    expect(r.sesMutations()).toEqual([`${CALL}:200`]);
    const events = r.events();
    expect(events).toEqual(expect.arrayContaining(["call-done", "stopped", "ended"]));
    expect(events.at(-1)).toBe("lock-released");
    expect(r.state()["byodkim_lock"]).toBeUndefined();
  });

  it("a second SIGHUP (the kernel and the shell both send one) does not force the stop", async () => {
    const held = heldCall();
    const r = await rehearsal({ faults: [[CALL, held.fault]] });
    const result = await r.byodkim(["enable", "--yes"], {
      onSpawn: (child) => {
        when(child, `calling ${CALL}`, () => child.kill("SIGHUP"));
        // The second comes once the first is noted; SES answers after it was sent (it is pending in the child by then).
        when(child, "SIGHUP (the terminal or session closed)", () => {
          child.kill("SIGHUP");
          held.release();
        });
      },
    });
    expect(result.code).toBe(129);
    expect(r.sesMutations()).toEqual([`${CALL}:200`]);
    expect(r.events()).not.toContain("abandoned");
    expect(r.events().at(-1)).toBe("lock-released");
  });

  it("exits 143, saying nothing was changed, on SIGTERM at the confirmation", async () => {
    const r = await rehearsal();
    const result = await r.byodkim(["enable", "--json"], {
      keepStdinOpen: true,
      onSpawn: (child) => when(child, "Type the domain name", () => child.kill("SIGTERM")),
    });
    expect(result.code).toBe(143);
    expect(result.stderr).toContain("stopped by SIGTERM: nothing was changed");
    expect(JSON.parse(result.stdout)).toMatchObject({ command: "enable", ok: false, outcome: "interrupted", error: { kind: "interrupted" } });
    expect(r.sesMutations()).toEqual([]);
  });

  it("on a second Ctrl-C abandons the hung call, journals it as abandoned in flight, releases the lock and exits 130", async () => {
    // SES never answers: a run that waited for it would be killed by spawnCli, not exit 130.
    const r = await rehearsal({ faults: [[CALL, heldCall().fault]] });
    const result = await r.byodkim(["enable", "--yes", "--json"], {
      onSpawn: (child) => {
        when(child, `calling ${CALL}`, () => child.kill("SIGINT"));
        // The second Ctrl-C once the first is noted (two signals sent at once may arrive as one).
        when(child, "Ctrl-C: finishing the call in flight", () => child.kill("SIGINT"));
      },
    });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("SIGINT again: abandoning the call in flight");
    expect(JSON.parse(result.stdout)).toMatchObject({ command: "enable", ok: false, outcome: "abandoned", rollbackCommand: "byodkim rollback goo.ne.jp" });
    const entries = r.journalEntries();
    expect(entries.find((entry) => entry.event === "abandoned")).toMatchObject({ inFlight: CALL, signal: "SIGINT" });
    expect(entries.at(-1)?.event).toBe("lock-released");
    expect(r.state()["byodkim_lock"]).toBeUndefined();
  });

  it("survives its output pipe closing mid-call (| grep killed by the same Ctrl-C) and still finishes, journals and unlocks", async () => {
    const held = heldCall();
    const r = await rehearsal({ faults: [[CALL, held.fault]] });
    const result = await r.byodkim(["enable", "--yes"], {
      onSpawn: (child) =>
        when(child, `calling ${CALL}`, () => {
          child.stdout!.destroy();
          child.stderr!.destroy();
          child.kill("SIGINT");
          // The signal is the child's before SES answers.
          held.release();
        }),
    });
    expect(result.code).toBe(130);
    expect(r.sesMutations()).toEqual([`${CALL}:200`]);
    const events = r.events();
    expect(events).toEqual(expect.arrayContaining(["call-done", "stopped", "ended"]));
    expect(events.at(-1)).toBe("lock-released");
    expect(r.state()["byodkim_lock"]).toBeUndefined();
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("does not claim nothing was changed when %s ends a walk after its enable step: it says what the walk changed (exit %i)", async (signal, code) => {
    const r = await rehearsal();
    const result = await r.byodkim(["run", "phase-7", "--wait", "60", "--json"], {
      keepStdinOpen: true,
      onSpawn: (child) => {
        // Seven confirms, then the typed domain for enable; stdin stays open at the first post-check confirm.
        child.stdin!.write("y\ny\ny\ny\ny\ny\ny\ngoo.ne.jp\n");
        // The eighth human check is the first after enable: the walk waits there.
        let stderr = "";
        let sent = false;
        child.stderr!.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (sent || stderr.split("Done? y: done, n: not done").length <= 8) return;
          sent = true;
          child.kill(signal);
        });
      },
    });
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(`${signal}: the walk stops at this step and says what it changed`);
    expect(result.stderr).not.toContain("nothing was changed");
    const run = JSON.parse(result.stdout);
    expect(run).toMatchObject({
      command: "run",
      runbook: "phase-7",
      ok: false,
      stoppedAt: "cloudwatch-logs",
      reason: { code: "runbook.walk.interrupted", message: `stopped by ${signal}` },
      changed: ["enable"],
      sesNow: { origin: "EXTERNAL" },
      undoCommand: "byodkim rollback goo.ne.jp",
      resumeCommand: "byodkim run phase-7 goo.ne.jp --resume",
    });
    expect(run.steps.find((step: { id: string }) => step.id === "enable").status).toBe("done");
    expect(r.sesMutations()).toEqual([`${CALL}:200`]);
  });
});

import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { printedCommand, withdrawRecord } from "../support/printedCommand.js";
import { heldCall } from "../support/heldCall.js";
import { rehearsal } from "../support/rehearsal.js";

// The words of an overtaken enable, a rollback without the lock and an unreadable lock are checked in process in test/commands/changeLock.test.ts.
describe("the change lock and another run's change (spawned, against the sandbox)", () => {
  /**
   * An enable whose SES never verifies (its TXT record is gone before the key reaches SES): it waits
   * out its whole default --wait unless it notices the incident. `incident` runs once the enable
   * says it is waiting, and answers the rollback's result.
   */
  async function enableOvertaken(incident: (r: Awaited<ReturnType<typeof rehearsal>>) => ReturnType<Awaited<ReturnType<typeof rehearsal>>["byodkim"]>) {
    const r = await rehearsal({ dkimChecksBeforeFailure: 100_000 });
    const { nameservers } = r.box.world;
    const txtName = r.box.seed.txtName;
    // SES takes the key only once the record is gone, so it stays PENDING however the machine's load orders things.
    const held = heldCall();
    r.box.world.faults.set("PutEmailIdentityDkimSigningAttributes", { ...held.fault, remaining: 1 });
    let rolledBack: ReturnType<typeof r.byodkim> | undefined;
    const enabled = await r.byodkim(["enable", "--yes", "--json"], {
      onSpawn: (child) => {
        let text = "";
        child.stderr!.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes("calling PutEmailIdentityDkimSigningAttributes")) {
            withdrawRecord(nameservers, txtName);
            held.release();
          }
          if (rolledBack || !text.includes("waiting for SES")) return;
          rolledBack = incident(r);
        });
      },
    });
    const rollback = await rolledBack!;
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
    const { log } = r.box.world;
    const rollbackPut = log.length - 1 - [...log].reverse().findIndex((entry) => entry.service === "ses" && entry.operation.startsWith("Put"));
    // Polls after the rollback's last change: its own proof, and at most one of the enable's, which stopped there.
    const readsAfter = log.slice(rollbackPut + 1).filter((entry) => entry.operation === "GetEmailIdentity").length;
    return { r, enabled, readsAfter };
  }

  it("after `kill -9` of a waiting enable, rollback takes over the lock its dead process left on this host, journals and says it", async () => {
    const r = await rehearsal({ dkimChecksBeforeFailure: 100_000 });
    const { nameservers } = r.box.world;
    const txtName = r.box.seed.txtName;
    // SES takes the key only once the record is gone, so it stays PENDING however the machine's load orders things.
    const held = heldCall();
    r.box.world.faults.set("PutEmailIdentityDkimSigningAttributes", { ...held.fault, remaining: 1 });
    let pid: number | undefined;
    const killed = await r.byodkim(["enable", "--yes"], {
      onSpawn: (child) => {
        pid = child.pid;
        let text = "";
        child.stderr!.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes("calling PutEmailIdentityDkimSigningAttributes")) {
            withdrawRecord(nameservers, txtName);
            held.release();
          }
          if (text.includes("waiting for SES")) child.kill("SIGKILL");
        });
      },
    });
    expect(killed.signal).toBe("SIGKILL");
    // What the dead enable left: its lock, naming this host and its pid, 40 minutes from expiry.
    expect(r.lock()).toMatchObject({ command: "enable", host: hostname(), pid });

    const result = await r.byodkim(["rollback", "--to", "disable", "--yes", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.outcome).toBe("completed");
    expect(document.warnings).toContainEqual({
      code: "change.lockFromDeadRun",
      message: `took over the change lock of enable (pid ${pid} on ${hostname()}, this host): that process no longer exists, so it would never have released it`,
    });
    const taken = r
      .journalEntries()
      .find((entry) => entry.event === "lock-acquired" && (entry as { lock?: { command?: string } }).lock?.command === "rollback");
    expect(taken).toMatchObject({ takeover: "deadHolder", replaced: { kind: "record", holder: { command: "enable", pid: String(pid) } } });
    expect(r.identity().dkim).toMatchObject({ signingEnabled: false });
    expect(r.lock()).toBeNull();
  });

  it("refuses rollback while a live enable waits, saying in one line how an incident takes the lock; that command, run as printed, does, and the enable stops at once recording nothing", async () => {
    let hint = "";
    let forced: Awaited<ReturnType<Awaited<ReturnType<typeof rehearsal>>["byodkim"]>> | undefined;
    const { r, enabled, readsAfter } = await enableOvertaken(async (r) => {
      const refused = await r.byodkim(["rollback", "--to", "disable", "--yes", "--json"]);
      expect(refused.code, refused.stdout + refused.stderr).toBe(1);
      const document = JSON.parse(refused.stdout);
      expect(document).toMatchObject({ outcome: "lockHeld", error: { code: "lock.held" } });
      hint = document.error.hint;
      expect(r.sesMutations()).toEqual(["PutEmailIdentityDkimSigningAttributes:200"]);
      const printed = /: (byodkim rollback [^(]+?) \(/.exec(hint)?.[1] ?? "";
      expect(printed).toBe("byodkim rollback goo.ne.jp --to disable --force-unlock");
      forced = await r.byodkim(printed.split(" ").slice(1), { stdin: "goo.ne.jp\n" });
      return forced;
    });
    expect(hint).toBe(
      "an incident rollback may take the lock now: byodkim rollback goo.ne.jp --to disable --force-unlock (the other run then stops, records nothing and says so)",
    );
    expect(hint).not.toContain("wait for it to finish");
    expect(forced?.code).toBe(0);
    expect(r.identity().dkim).toMatchObject({ signingEnabled: false });
    // The other run did as the hint said: it stopped at once, with no undo or finish advice, and recorded nothing.
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(5);
    const document = JSON.parse(enabled.stdout);
    expect(document).toMatchObject({ outcome: "changedByAnotherRun", finishCommand: null, rollbackCommand: null });
    // Held by the rollback, or already released by it when the enable's next poll came.
    expect(["lock.taken", "lock.gone"]).toContain(document.error.code);
    expect(document.summary).toContain("Nothing was recorded.");
    expect(readsAfter).toBeLessThanOrEqual(2);
    expect(r.state()).toMatchObject({ current_phase: "6", signing_enabled: false, rollback_target: "disable" });
    expect(r.state()["phase_7_completed_at"]).toBeUndefined();
    expect(r.journalEntries().find((entry) => entry.event === "wait-ended")).toMatchObject({ result: "overtaken" });
    expect(r.lock()).toBeNull();
  });

  it("rollback refused by a lock object it cannot read prints its own --force-unlock command, which works as printed", async () => {
    const r = await rehearsal();
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    const objects = r.box.world.buckets.get(SANDBOX_DEFAULTS.bucket)!;
    objects.set("dkim/locks/goo.ne.jp.json", Buffer.from("{ not a lock"));
    const refused = await r.byodkim(["rollback", "--to", "disable", "--yes"]);
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    const forced = printedCommand(refused.stdout + refused.stderr, "may take the lock now");
    expect(forced).toEqual(["rollback", "goo.ne.jp", "--to", "disable", "--force-unlock"]);
    const done = await r.byodkim([...forced, "--yes"]);
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ signingEnabled: false });
  });
});

import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { privateKeyObjectKey, ROTATION_DEFAULTS } from "../../src/config/config.js";
import { parseZoneFileRecord } from "../../src/dkim/handoff.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { keygenRunsAsPrinted, printedCommand, withdrawRecord } from "../support/printedCommand.js";
import { heldCall } from "../support/heldCall.js";
import { rehearsal } from "../support/rehearsal.js";

const { domain, bucket, keyTemplate, selector: OLD, rotationSelector: NEW } = SANDBOX_DEFAULTS;
/** What the operator types at each command's question. */
const TYPED = `${domain}\n`;

/**
 * Every undo, finish and next command byodkim prints is taken from the real output of a spawned
 * run that reached it and run exactly as printed, against the same sandbox; it must make progress.
 * (enable's and rotate's finish commands, and status's ways out of FAILED: stuckVerification.test.ts.)
 */
describe("the commands byodkim prints work when run as printed (spawned, against the sandbox)", () => {
  it("enable's undo after a half-done enable, the same one its change report prints, rolls it back", async () => {
    const r = await rehearsal({ scenario: "signing-off", faults: [["PutEmailIdentityDkimAttributes", { kind: "access-denied", remaining: 1 }]] });
    const failed = await r.byodkim(["enable", "--yes"]);
    expect(failed.code, failed.stdout + failed.stderr).toBe(4);
    const undo = printedCommand(failed.stdout, "To undo:");
    expect(undo).toEqual(["rollback", domain]);
    const report = await r.byodkim(["report"]);
    expect(report.code, report.stderr).toBe(0);
    expect(printedCommand(report.stdout, "To undo what the run changed:")).toEqual(undo);

    const undone = await r.byodkim(undo, { stdin: TYPED });
    expect(undone.code, undone.stdout + undone.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: false });
    expect(r.state()).toMatchObject({ current_phase: "6", rollback_target: "previous", byodkim_enabled: false });
  });

  it("a rollback left part-way: the command it (and its report) prints finishes it, and is not called an undo", async () => {
    // SES keeps looking for the new Easy DKIM CNAMEs for as long as the test runs (its 72 hours).
    const r = await rehearsal({ scenario: "signing-off", dkimChecksBeforeFailure: 100_000 });
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    await r.injectFault("PutEmailIdentityDkimAttributes", "access-denied,times=1");
    const failed = await r.byodkim(["rollback", "--yes"]);
    expect(failed.code, failed.stdout + failed.stderr).toBe(4);
    expect(failed.stdout).not.toContain("To undo");
    const finish = printedCommand(failed.stdout, "The rollback is not finished");
    expect(finish).toEqual(["rollback", domain, "--to", "previous"]);
    const report = await r.byodkim(["report"]);
    expect(printedCommand(report.stdout, "The rollback is not finished")).toEqual(finish);

    const finished = await r.byodkim(finish, { stdin: TYPED });
    expect(finished.code, finished.stdout + finished.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: false });
    expect(r.state()).toMatchObject({ current_phase: "6", rollback_target: "previous", signing_enabled: false });
  });

  it("enable's next, byodkim verify, passes", async () => {
    const r = await rehearsal();
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    const next = printedCommand(enabled.stdout, "Next:");
    expect(next).toEqual(["verify", domain]);
    const verified = await r.byodkim(next);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  });

  it("the record enable could not write: the command it names records it", async () => {
    const r = await rehearsal();
    const failed = await r.byodkim(["enable", "--yes"], { onSpawn: (child) => failTheRecordWhileWaiting(r, child) });
    expect(failed.code, failed.stdout + failed.stderr).toBe(4);
    const again = printedCommand(failed.stdout, "To record it, run:");
    expect(again).toEqual(["enable", domain, "--selector", OLD]);
    const recorded = await r.byodkim(again, { stdin: TYPED });
    expect(recorded.code, recorded.stdout + recorded.stderr).toBe(0);
    expect(r.state()).toMatchObject({ current_phase: "7", selector: OLD });
    expect(r.sesMutations()).toEqual(["PutEmailIdentityDkimSigningAttributes:200"]);
  });

  it("the record rotate could not write: the command it names records that rotation, not one to a newer key uploaded since", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    const failed = await r.byodkim(["rotate", "--yes"], { onSpawn: (child) => failTheRecordWhileWaiting(r, child) });
    expect(failed.code, failed.stdout + failed.stderr).toBe(4);
    expect(r.identity().dkim.tokens).toEqual([NEW]);
    // Next month's key is uploaded before the operator gets to it; its record is not published yet.
    const objects = r.box.world.buckets.get(bucket)!;
    objects.set(privateKeyObjectKey(keyTemplate, domain, "gooid-21-pro-20991231-1"), objects.get(privateKeyObjectKey(keyTemplate, domain, NEW))!);
    const again = printedCommand(failed.stdout, "To record it, run:");
    expect(again).toEqual(["rotate", domain, "--to", NEW]);
    const recorded = await r.byodkim(again, { stdin: TYPED });
    expect(recorded.code, recorded.stdout + recorded.stderr).toBe(0);
    expect(r.state()).toMatchObject({ current_phase: "7", selector: NEW, previous_selector: OLD });
    expect(r.sesMutations()).toEqual(["PutEmailIdentityDkimSigningAttributes:200"]);
  });

  it("rotate's undo after its verification FAILED puts the old selector back", async () => {
    // SES takes the new key only once its record is gone.
    const held = heldCall();
    const r = await rehearsal({
      scenario: "byodkim-active",
      dkimChecksBeforeFailure: 1,
      faults: [["PutEmailIdentityDkimSigningAttributes", { ...held.fault, remaining: 1 }]],
    });
    let withdrawn = false;
    let stderr = "";
    const failed = await r.byodkim(["rotate", "--yes"], {
      keepStdinOpen: true,
      onSpawn: (child) => {
        child.stderr!.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (withdrawn || !stderr.includes("calling PutEmailIdentityDkimSigningAttributes")) return;
          withdrawn = true;
          withdrawRecord(r.box.world.nameservers, `${NEW}._domainkey.${domain}`);
          held.release();
        });
      },
    });
    expect(failed.code, failed.stdout + failed.stderr).toBe(5);
    const undo = printedCommand(failed.stdout, "To undo:");
    expect(undo).toEqual(["rollback", domain, "--to", "previous"]);
    const undone = await r.byodkim(undo, { stdin: TYPED });
    expect(undone.code, undone.stdout + undone.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", tokens: [OLD], signingEnabled: true });
    expect(r.state()).toMatchObject({ current_phase: "7", selector: OLD });
  });

  it("rotate's next: verify passes, and the retire it names, run after the grace period, retires the old selector", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    const rotated = await r.byodkim(["rotate", "--yes"]);
    expect(rotated.code, rotated.stdout + rotated.stderr).toBe(0);
    const verify = printedCommand(rotated.stdout, "Next:");
    expect(verify).toEqual(["verify", domain]);
    expect((await r.byodkim(verify)).code).toBe(0);
    const retire = printedCommand(rotated.stdout, "then:");
    expect(retire).toEqual(["retire", OLD, domain]);
    r.ageState(ROTATION_DEFAULTS.graceDays + 1);
    const retired = await r.byodkim(retire, { stdin: "y\n" });
    expect(retired.code, retired.stdout + retired.stderr).toBe(0);
    expect(r.state()["byodkim_keys"]).toMatchObject({ [OLD]: { status: "retired" } });
  });

  it("retire's finish after the key's deletion failed deletes it", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    expect((await r.byodkim(["rotate", "--yes"])).code).toBe(0);
    r.ageState(ROTATION_DEFAULTS.graceDays + 1);
    await r.injectFault("DeleteObject", "server-error,times=4");
    const failed = await r.byodkim(["retire", OLD, "--delete-key", "--yes"], { stdin: `${OLD}\n` });
    expect(failed.code, failed.stdout + failed.stderr).toBe(4);
    const objectKey = privateKeyObjectKey(keyTemplate, domain, OLD);
    expect(r.box.world.buckets.get(bucket)!.has(objectKey)).toBe(true);
    const finish = printedCommand(failed.stdout, "finish it:");
    expect(finish).toEqual(["retire", OLD, domain, "--delete-key"]);
    const finished = await r.byodkim(finish, { stdin: `${OLD}\n` });
    expect(finished.code, finished.stdout + finished.stderr).toBe(0);
    expect(r.box.world.buckets.get(bucket)!.has(objectKey)).toBe(false);
    expect(r.state()["byodkim_keys"]).toMatchObject({ [OLD]: { status: "retired" } });
  });

  it("keygen's next: the precheck it names passes once the record is published, and the rotate it names rotates to the new key", async () => {
    const r = await rehearsal({ scenario: "already-enabled" });
    const out = mkdtempSync(join(tmpdir(), "byodkim-handoff-"));
    const made = await r.byodkim(["keygen", "--out", out], { stdin: "y\n" });
    expect(made.code, made.stdout + made.stderr).toBe(0);
    const precheck = printedCommand(made.stdout, "once every nameserver serves it:");
    expect(precheck.slice(0, 2)).toEqual(["precheck", "--selector"]);
    const selector = precheck[2]!;
    const rotate = printedCommand(made.stdout, ", then");
    expect(rotate).toEqual(["rotate"]);

    // The DNS team publishes the zone line keygen wrote.
    const zone = parseZoneFileRecord(readFileSync(join(out, `${selector}._domainkey.${domain}.zone`), "utf8"))!;
    await fetch(`${r.box.endpoint}/_sandbox/dns`, { method: "POST", body: JSON.stringify({ name: zone.name, type: "TXT", data: zone.strings }) });
    const checked = await r.byodkim(precheck);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    const rotated = await r.byodkim(rotate, { stdin: TYPED });
    expect(rotated.code, rotated.stdout + rotated.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", tokens: [selector], status: "SUCCESS" });
  });

  it("enable stopped by Ctrl-C after its first call: the undo it prints rolls it back", async () => {
    // SES answers the first call only once the run has noted the Ctrl-C.
    const held = heldCall();
    const r = await rehearsal({ faults: [["PutEmailIdentityDkimSigningAttributes", held.fault]] });
    const stopped = await r.byodkim(["enable", "--yes"], {
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
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(130);
    const undo = printedCommand(stopped.stdout, "To undo:");
    expect(undo).toEqual(["rollback", domain]);
    const undone = await r.byodkim(undo, { stdin: TYPED });
    expect(undone.code, undone.stdout + undone.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true });
    expect(r.state()).toMatchObject({ current_phase: "6", rollback_target: "previous" });
  });

  it("rotate refused on Easy DKIM names enable, which switches it", async () => {
    const r = await rehearsal();
    const refused = await r.byodkim(["rotate", "--yes"]);
    expect(refused.code).toBe(1);
    const enable = printedCommand(refused.stdout, "enable is the command:");
    expect(enable).toEqual(["enable"]);
    const enabled = await r.byodkim(enable, { stdin: TYPED });
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", tokens: [OLD], status: "SUCCESS" });
  });

  it("rotate refused because the target holds the old key under a new name names keygen, which makes a new key", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    const renamed = "gooid-21-pro-20251101-1";
    r.renameSeedKey(renamed);
    const refused = await r.byodkim(["rotate", "--to", renamed, "--yes"]);
    expect(refused.code).toBe(1);
    await keygenRunsAsPrinted(r, refused.stdout, "Generate a new key with");
  });

  it("retire refused for the selector SES signs with names rotate, which moves SES off it", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    const refused = await r.byodkim(["retire", OLD, "--yes"]);
    expect(refused.code).toBe(1);
    const rotate = printedCommand(refused.stdout, "Rotate to a newer selector first");
    expect(rotate).toEqual(["rotate"]);
    const rotated = await r.byodkim(rotate, { stdin: TYPED });
    expect(rotated.code, rotated.stdout + rotated.stderr).toBe(0);
    expect(r.identity().dkim.tokens).toEqual([NEW]);
  });

  it("enable stopped by force mid-call: the precheck it names shows where SES stands", async () => {
    const r = await rehearsal({ faults: [["PutEmailIdentityDkimSigningAttributes", { kind: "latency", ms: 60_000, remaining: 1 }]] });
    const stopped = await r.byodkim(["enable", "--yes"], {
      onSpawn: (child) => {
        let signals = 0;
        child.stderr!.on("data", (chunk: Buffer) => {
          const text = chunk.toString();
          const next = signals === 0 ? "calling PutEmailIdentityDkimSigningAttributes" : "finishing the call in flight";
          if (signals >= 2 || !text.includes(next)) return;
          signals += 1;
          child.kill("SIGINT");
        });
      },
    });
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(130);
    const precheck = printedCommand(stopped.stdout, "See where SES stands:");
    expect(precheck).toEqual(["precheck", domain]);
    const seen = await r.byodkim(precheck);
    expect(seen.code, seen.stdout + seen.stderr).toBe(0);
    expect(seen.stdout).toMatch(/SES identity .*goo\.ne\.jp/);
  });

  it("keygen that lost the race for its selector names keygen again, which takes the next free one", async () => {
    const r = await rehearsal();
    const racing = "gooid-21-pro-20991231-1";
    const objects = r.box.world.buckets.get(bucket)!;
    // The run's first write is its lock, held once it reaches S3: another writer's object lands meanwhile.
    const held = heldCall();
    r.box.world.faults.set("PutObject", { ...held.fault, remaining: 1 });
    // Once the lock's write has reached S3 (the fault is taken then), the other writer's object lands, and then S3 answers.
    const watch = setInterval(() => {
      if (r.box.world.faults.has("PutObject")) return;
      objects.set(privateKeyObjectKey(keyTemplate, domain, racing), Buffer.from("another writer's object"));
      clearInterval(watch);
      held.release();
    }, 10);
    const lost = await r.byodkim(["keygen", "--selector", racing, "--yes"]);
    clearInterval(watch);
    expect(lost.code, lost.stdout + lost.stderr).toBe(4);
    const again = printedCommand(lost.stdout + lost.stderr, "For the next free selector, run again:");
    expect(again).toEqual(["keygen"]);
    const before = objects.size;
    const made = await r.byodkim(again, { stdin: "y\n" });
    expect(made.code, made.stdout + made.stderr).toBe(0);
    expect(objects.size).toBe(before + 1);
  });
});

/** Secrets Manager refuses the one write of the record, set while the run waits for SES: its SES change stands. */
function failTheRecordWhileWaiting(r: Awaited<ReturnType<typeof rehearsal>>, child: ChildProcess): void {
  let injected = false;
  child.stderr!.on("data", (chunk: Buffer) => {
    if (injected || !chunk.toString().includes("waiting for SES")) return;
    injected = true;
    void r.injectFault("PutSecretValue", "access-denied,times=1");
  });
}

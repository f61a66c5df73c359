import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { printedCommand, withdrawRecord } from "../support/printedCommand.js";
import { rehearsal } from "../support/rehearsal.js";

const { domain, rotationSelector: NEW } = SANDBOX_DEFAULTS;
const FINISH = "finish it:";

/** The record leaves every nameserver once byodkim puts the key, as if the DNS team rolled it back mid-change; returns its restore. */
function withdrawnAtThePut(r: Awaited<ReturnType<typeof rehearsal>>, name: string) {
  let restore: (() => void) | undefined;
  return {
    onSpawn: (child: import("node:child_process").ChildProcess) => {
      child.stderr!.on("data", (chunk: Buffer) => {
        if (!restore && chunk.toString().includes("calling PutEmailIdentityDkimSigningAttributes")) restore = withdrawRecord(r.box.world.nameservers, name);
      });
    },
    republish: () => restore!(),
  };
}

describe("a FAILED verification has a way forward (spawned, against the sandbox)", () => {
  it("enable's printed finish command restarts a FAILED verification of the same selector once the record is back", async () => {
    const r = await rehearsal({ dkimChecksBeforeFailure: 1 });
    const dns = withdrawnAtThePut(r, r.box.seed.txtName);
    const failed = await r.byodkim(["enable", "--yes"], { keepStdinOpen: true, onSpawn: dns.onSpawn });
    expect(failed.code, failed.stdout + failed.stderr).toBe(5);
    expect(r.identity().dkim.status).toBe("FAILED");
    const finish = printedCommand(failed.stdout, FINISH);
    expect(finish).toEqual(["enable", domain]);

    dns.republish();
    // SES does not look again by itself: the record is back, the status stays FAILED.
    expect(r.identity().dkim.status).toBe("FAILED");
    const finished = await r.byodkim(finish, { stdin: `${domain}\n` });
    expect(finished.code, finished.stdout + finished.stderr).toBe(0);
    expect(finished.stdout).toContain("putting its key again restarts it");
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", status: "SUCCESS", tokens: [r.box.seed.selector] });
    expect(r.sesMutations()).toEqual(["PutEmailIdentityDkimSigningAttributes:200", "PutEmailIdentityDkimSigningAttributes:200"]);
    expect(r.state()).toMatchObject({ current_phase: "7", selector: r.box.seed.selector, byodkim_enabled: true });
  });

  it("refuses to restart while the record is still missing: the DNS gate fails, no SES call", async () => {
    const r = await rehearsal({ dkimChecksBeforeFailure: 1 });
    const dns = withdrawnAtThePut(r, r.box.seed.txtName);
    const failed = await r.byodkim(["enable", "--yes"], { keepStdinOpen: true, onSpawn: dns.onSpawn });
    expect(failed.code).toBe(5);
    const again = await r.byodkim([...printedCommand(failed.stdout, FINISH), "--yes", "--json"]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).gates.find((gate: { id: string }) => gate.id === "dns")).toMatchObject({ status: "fail" });
    expect(r.sesMutations()).toHaveLength(1);
  });

  it("rotate's printed finish command restarts a FAILED verification of the new selector", async () => {
    const r = await rehearsal({ scenario: "byodkim-active", dkimChecksBeforeFailure: 1 });
    const dns = withdrawnAtThePut(r, `${NEW}._domainkey.${domain}`);
    const failed = await r.byodkim(["rotate", "--yes"], { keepStdinOpen: true, onSpawn: dns.onSpawn });
    expect(failed.code, failed.stdout + failed.stderr).toBe(5);
    expect(r.identity().dkim).toMatchObject({ status: "FAILED", tokens: [NEW] });
    const finish = printedCommand(failed.stdout, FINISH);
    expect(finish).toEqual(["rotate", domain, "--to", NEW]);

    dns.republish();
    const finished = await r.byodkim(finish, { stdin: `${domain}\n` });
    expect(finished.code, finished.stdout + finished.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ status: "SUCCESS", tokens: [NEW] });
    expect(r.state()).toMatchObject({ selector: NEW, previous_selector: SANDBOX_DEFAULTS.selector });
  });
});

import { describe, expect, it, vi } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { printedCommand, withdrawRecord } from "../support/printedCommand.js";
import { heldCall } from "../support/heldCall.js";
import { rehearsal } from "../support/rehearsal.js";
import { EASY_DKIM_HOSTED_ZONE } from "../../src/sandbox/sesDkim.js";

const { domain, rotationSelector: NEW } = SANDBOX_DEFAULTS;
const FINISH = "finish it:";

/** The record leaves every nameserver once byodkim puts the key, as if the DNS team rolled it back mid-change; returns its restore. */
function withdrawnAtThePut(r: Awaited<ReturnType<typeof rehearsal>>, name: string) {
  let restore: (() => void) | undefined;
  // SES takes the key only once the record is gone: it never sees the record, however the machine's load orders things.
  const held = heldCall();
  r.box.world.faults.set("PutEmailIdentityDkimSigningAttributes", { ...held.fault, remaining: 1 });
  let stderr = "";
  return {
    onSpawn: (child: import("node:child_process").ChildProcess) => {
      child.stderr!.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (restore || !stderr.includes("calling PutEmailIdentityDkimSigningAttributes")) return;
        restore = withdrawRecord(r.box.world.nameservers, name);
        held.release();
      });
    },
    republish: () => restore!(),
  };
}

describe("a FAILED verification has a way forward (spawned, against the sandbox)", () => {
  // Each command printed here is run as printed. The branches behind them (a pinned selector, a restart's plan and
  // snapshot, the TEMPORARY_FAILURE hour, a record still missing) are tested in process: test/commands/stuckVerification.test.ts.
  it("enable's printed finish command restarts a FAILED verification of the same selector once the record is back, and says it repeats that call", async () => {
    const r = await rehearsal({ dkimChecksBeforeFailure: 1 });
    const dns = withdrawnAtThePut(r, r.box.seed.txtName);
    const failed = await r.byodkim(["enable", "--yes"], { keepStdinOpen: true, onSpawn: dns.onSpawn });
    expect(failed.code, failed.stdout + failed.stderr).toBe(5);
    expect(r.identity().dkim.status).toBe("FAILED");
    const finish = printedCommand(failed.stdout, FINISH);
    expect(finish).toEqual(["enable", domain, "--selector", r.box.seed.selector]);
    // The finish puts the key a second time: the sentence naming it must not promise "only the calls still needed".
    const finishLine = failed.stdout.split("\n").find((line) => line.includes(FINISH))!;
    expect(finishLine).toContain("repeats one whose verification SES gave up on");
    expect(finishLine).not.toContain("only the calls still needed");

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

  it("status names enable for a FAILED BYODKIM selector, and that command, run as printed, restarts it", async () => {
    const r = await rehearsal({ dkimChecksBeforeFailure: 1 });
    const dns = withdrawnAtThePut(r, r.box.seed.txtName);
    expect((await r.byodkim(["enable", "--yes"], { keepStdinOpen: true, onSpawn: dns.onSpawn })).code).toBe(5);
    dns.republish();
    const status = await r.byodkim(["status", domain]);
    expect(status.code).toBe(1);
    const wayOut = printedCommand(status.stdout, "waiting will not help");
    expect(wayOut).toEqual(["enable", domain, "--selector", r.box.seed.selector, "--region", SANDBOX_DEFAULTS.region]);
    const restarted = await r.byodkim(wayOut, { stdin: `${domain}\n` });
    expect(restarted.code, restarted.stdout + restarted.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ status: "SUCCESS", tokens: [r.box.seed.selector] });
  });

  it("status calls a TEMPORARY_FAILURE that has lasted an hour stuck, names enable, and that command, run as printed, restarts it", async () => {
    const r = await rehearsal({ scenario: "already-enabled" });
    Object.assign(r.identity().dkim, { status: "TEMPORARY_FAILURE", lastKeyGeneration: new Date(Date.now() - 600_000) });
    const fresh = await r.byodkim(["status", domain, "--json"]);
    expect(JSON.parse(fresh.stdout).rows[0]).toMatchObject({ reasons: expect.arrayContaining(["dkimNotVerified"]), wayOut: null });

    Object.assign(r.identity().dkim, { lastKeyGeneration: new Date(Date.now() - 7_200_000) });
    const status = await r.byodkim(["status", domain]);
    expect(status.code, status.stdout + status.stderr).toBe(1);
    expect(status.stdout).toContain("for over an hour: SES no longer retries it");
    const wayOut = printedCommand(status.stdout, "waiting will not help");
    expect(wayOut).toEqual(["enable", domain, "--selector", r.box.seed.selector, "--region", SANDBOX_DEFAULTS.region]);
    const restarted = await r.byodkim(wayOut, { stdin: `${domain}\n` });
    expect(restarted.code, restarted.stdout + restarted.stderr).toBe(0);
    expect(r.sesMutations()).toEqual(["PutEmailIdentityDkimSigningAttributes:200"]);
    expect(r.identity().dkim).toMatchObject({ status: "SUCCESS", tokens: [r.box.seed.selector] });
    expect(JSON.parse((await r.byodkim(["status", domain, "--json"])).stdout).rows[0]).toMatchObject({ dkim: { status: "SUCCESS" }, wayOut: null });
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
    // status names the same command, with the region it looked in.
    const status = await r.byodkim(["status", domain]);
    expect(printedCommand(status.stdout, "after a rotation:")).toEqual([...finish, "--region", SANDBOX_DEFAULTS.region]);
    const finished = await r.byodkim(finish, { stdin: `${domain}\n` });
    expect(finished.code, finished.stdout + finished.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ status: "SUCCESS", tokens: [NEW] });
    expect(r.state()).toMatchObject({ selector: NEW, previous_selector: SANDBOX_DEFAULTS.selector });
  });

  it("after a rollback to Easy DKIM went FAILED, status names the rollback that restarts it, and that command, run as printed, does", async () => {
    const r = await rehearsal();
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    // The rollback's new CNAMEs are not published before SES gives up on them.
    (r.box.world as { dkimChecksBeforeFailure: number }).dkimChecksBeforeFailure = 1;
    const rolledBack = await r.byodkim(["rollback", "--yes"]);
    expect(rolledBack.code, rolledBack.stdout + rolledBack.stderr).toBe(0);
    await until(() => r.identity().dkim.status === "FAILED");
    const staleTokens = [...r.identity().dkim.tokens];
    publishCnames(r, staleTokens);
    // Published late: SES does not look again.
    expect(r.identity().dkim.status).toBe("FAILED");

    const enable = await r.byodkim(["enable", "--yes"]);
    expect(enable.code).toBe(1);
    expect(printedCommand(enable.stdout, "waiting will not help")).toEqual(["rollback", domain]);

    const status = await r.byodkim(["status", domain]);
    expect(status.code).toBe(1);
    const wayOut = printedCommand(status.stdout, "waiting will not help");
    expect(wayOut).toEqual(["rollback", domain, "--region", SANDBOX_DEFAULTS.region]);

    // The way out puts Easy DKIM again: SES looks again, under new tokens, which the result lists.
    (r.box.world as { dkimChecksBeforeFailure: number }).dkimChecksBeforeFailure = 100_000;
    const restarted = await r.byodkim(wayOut, { stdin: `${domain}\n` });
    expect(restarted.code, restarted.stdout + restarted.stderr).toBe(0);
    expect(restarted.stdout).toContain("Easy DKIM is put again, which restarts it with new tokens");
    expect(restarted.stdout).toContain("restarted SES's verification under new tokens");
    const fresh = r.identity().dkim;
    expect(fresh).toMatchObject({ origin: "AWS_SES", status: "PENDING" });
    expect(fresh.tokens).not.toEqual(staleTokens);
    for (const token of fresh.tokens) expect(restarted.stdout).toContain(`${token}._domainkey.${domain} CNAME ${token}.${EASY_DKIM_HOSTED_ZONE}`);
    publishCnames(r, fresh.tokens);
    await until(() => r.identity().dkim.status === "SUCCESS");
  });
});

function publishCnames(r: Awaited<ReturnType<typeof rehearsal>>, tokens: readonly string[]): void {
  for (const records of r.box.world.nameservers)
    for (const token of tokens) records.push({ name: `${token}._domainkey.${domain}`, type: "CNAME", data: `${token}.${EASY_DKIM_HOSTED_ZONE}` });
}

/** SES's background verification moves on its own interval: the test waits on the identity it changes, not on a clock. */
async function until(holds: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(holds()).toBe(true), { timeout: 60_000, interval: 20 });
}

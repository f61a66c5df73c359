import { describe, expect, it } from "vitest";
import { ROTATION_DEFAULTS } from "../../src/config/config.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { keygenRunsAsPrinted, printedCommand } from "../support/printedCommand.js";
import { rehearsal } from "../support/rehearsal.js";

const { domain, selector: OLD } = SANDBOX_DEFAULTS;
/** What the operator types at each command's question. */
const TYPED = `${domain}\n`;

/**
 * The commands the gates' refusals name, taken from the real output of a spawned run that was
 * refused and run exactly as printed, against the same sandbox; each must make progress.
 */
describe("the commands a refusing gate names work when run as printed (spawned, against the sandbox)", () => {
  it("a rotation back to a retired selector names keygen, which makes a new key to rotate to", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    expect((await r.byodkim(["rotate", "--yes"])).code).toBe(0);
    r.ageState(ROTATION_DEFAULTS.graceDays + 1);
    expect((await r.byodkim(["retire", OLD, domain], { stdin: "y\n" })).code).toBe(0);
    const refused = await r.byodkim(["rotate", "--to", OLD, "--yes"]);
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stdout).toContain(`${OLD} was retired`);
    await keygenRunsAsPrinted(r, refused.stdout, "Make one with");
  });

  it("a rotation refused because SES's BYODKIM verification is stuck names the rollback that undoes the switch, and it does", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    Object.assign(r.identity().dkim, { status: "FAILED" });
    const refused = await r.byodkim(["rotate", "--yes"]);
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    const rollback = printedCommand(refused.stdout, "undo the switch:");
    expect(rollback).toEqual(["rollback", domain]);
    const undone = await r.byodkim(rollback, { stdin: TYPED });
    expect(undone.code, undone.stdout + undone.stderr).toBe(0);
    // The sandbox's byodkim-active has no snapshot of the switch: the rollback's default turns signing off.
    expect(undone.stdout).toContain(`Rolled back ${domain} (disable).`);
    expect(r.identity().dkim.signingEnabled).toBe(false);
    expect(r.sesMutations()).toEqual(["PutEmailIdentityDkimAttributes:200"]);
  });

  it("enable refused because Easy DKIM went FAILED after byodkim's rollback names that rollback, which puts Easy DKIM again", async () => {
    const r = await rehearsal();
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    expect((await r.byodkim(["rollback", "--yes"])).code).toBe(0);
    Object.assign(r.identity().dkim, { status: "FAILED" });
    const staleTokens = [...r.identity().dkim.tokens];
    const refused = await r.byodkim(["enable", "--yes"]);
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    const rollback = printedCommand(refused.stdout, "put it again:");
    expect(rollback).toEqual(["rollback", domain]);
    const restarted = await r.byodkim(rollback, { stdin: TYPED });
    expect(restarted.code, restarted.stdout + restarted.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", status: "PENDING" });
    expect(r.identity().dkim.tokens).not.toEqual(staleTokens);
  });
});

import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { gatesOf, rehearsal } from "../support/rehearsal.js";

const { domain, selector: OLD, rotationSelector: NEW } = SANDBOX_DEFAULTS;
const gate = (stdout: string, id: string) => gatesOf(stdout).find((candidate) => candidate.id === id);

describe("byodkim rotate against the sandbox", () => {
  it("rotates byodkim-active to the newer selector with one SES call, and the plan names both keys", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    const result = await r.byodkim(["rotate", "--yes", "--json", "--wait", "60"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.plan.details).toMatchObject({ from: OLD, to: NEW });
    expect(document.plan.details.fromFingerprint).not.toBe(document.plan.details.toFingerprint);
    expect(r.sesMutations()).toEqual(["PutEmailIdentityDkimSigningAttributes:200"]);
    expect(r.state()).toMatchObject({ selector: NEW, previous_selector: OLD, current_phase: "7" });
    // Run again: SES and the record already say the newer selector.
    const again = await r.byodkim(["rotate", "--yes", "--json"]);
    expect(JSON.parse(again.stdout).outcome).toBe("upToDate");
    expect(r.sesMutations()).toHaveLength(1);
  });

  it("refuses, with no SES call, when the old selector's TXT is gone from one nameserver", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    const oldName = `${OLD}._domainkey.${domain}`;
    r.box.world.nameservers[1] = r.box.world.nameservers[1]!.filter((record) => record.name !== oldName);
    const result = await r.byodkim(["rotate", "--yes", "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).outcome).toBe("gatesFailed");
    expect(gate(result.stdout, "current")).toMatchObject({ status: "fail", code: "gate.current.dnsGone" });
    expect(r.sesMutations()).toEqual([]);
  });

  it("refuses, with no SES call, while the new key's TXT is not published", async () => {
    const r = await rehearsal({ scenario: "rotation-unpublished" });
    const result = await r.byodkim(["rotate", "--yes", "--json"]);
    expect(result.code).toBe(1);
    expect(gate(result.stdout, "dns")).toMatchObject({ status: "fail" });
    expect(r.sesMutations()).toEqual([]);
  });

  it("refuses, with no SES call, the same key under a new name", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    const renamed = "gooid-21-pro-20251101-1";
    r.renameSeedKey(renamed);
    const result = await r.byodkim(["rotate", "--to", renamed, "--yes", "--json"]);
    expect(result.code).toBe(1);
    expect(gate(result.stdout, "rotation")).toMatchObject({ status: "fail", code: "gate.rotation.sameKey" });
    expect(r.sesMutations()).toEqual([]);
  });

  it("refuses, with no SES call, an identity on Easy DKIM and names enable as the command", async () => {
    const r = await rehearsal();
    const result = await r.byodkim(["rotate", "--yes"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("enable is the command");
    expect(r.sesMutations()).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { rehearsal } from "../support/rehearsal.js";

describe("byodkim rollback against the sandbox", () => {
  it("--to disable turns signing off and records the rollback", async () => {
    const r = await rehearsal();
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    const result = await r.byodkim(["rollback", "--to", "disable", "--yes", "--reason", "bounce spike", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "completed", plan: { details: { target: "disable", snapshotSource: "secret" } } });
    expect(typeof JSON.parse(result.stdout).elapsedMs).toBe("number");
    expect(r.identity().dkim).toMatchObject({ signingEnabled: false, origin: "EXTERNAL" });
    expect(r.state()).toMatchObject({
      rollback_target: "disable",
      rollback_reason: "bounce spike",
      rollback_operator: r.box.world.callerArn,
      current_phase: "6",
      signing_enabled: false,
    });
    expect(r.lock()).toBeNull();
  });

  it("--to previous restores Easy DKIM and prints the CNAMEs the DNS team must publish", async () => {
    const r = await rehearsal();
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    const result = await r.byodkim(["rollback", "--to", "previous", "--yes", "--json"]);
    const document = JSON.parse(result.stdout);
    expect(result.code).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true, signingHostedZone: "dkim.amazonses.com" });
    expect(document.dnsRecordsNeeded).toEqual(r.identity().dkim.tokens.map((token) => `${token}._domainkey.goo.ne.jp CNAME ${token}.dkim.amazonses.com`));
    expect(r.state()).toMatchObject({ rollback_target: "previous", byodkim_enabled: false, current_phase: "6" });
  });

  it("after a rotation whose old key is gone from S3, the refusal names the rollbacks that need no old key, and each works as printed", async () => {
    const r = await rehearsal();
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    const newer = "gooid-21-pro-20251001-1";
    const objects = r.box.world.buckets.get(SANDBOX_DEFAULTS.bucket)!;
    r.uploadAndPublishKey(newer);
    expect((await r.byodkim(["enable", "--yes", "--selector", newer])).code).toBe(0);
    objects.delete(privateKeyObjectKey(SANDBOX_DEFAULTS.keyTemplate, SANDBOX_DEFAULTS.domain, SANDBOX_DEFAULTS.selector));

    const refused = await r.byodkim(["rollback", "--yes"]);
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stdout).toContain(`no private key at s3://${SANDBOX_DEFAULTS.bucket}/`);
    const printed = [...refused.stdout.matchAll(/byodkim rollback goo\.ne\.jp --to [a-z-]+/g)].map(([command]) => command);
    expect(printed).toEqual(["byodkim rollback goo.ne.jp --to disable", "byodkim rollback goo.ne.jp --to easy-dkim"]);
    expect(r.sesMutations().slice(2)).toEqual([]);

    const easy = await r.byodkim(printed[1]!.split(" ").slice(1), { stdin: "goo.ne.jp\n" });
    expect(easy.code, easy.stdout + easy.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true });
    expect(easy.stdout).toContain("CNAME");
    expect(r.state()).toMatchObject({ rollback_target: "easy-dkim", byodkim_enabled: false, signing_enabled: true, current_phase: "6" });

    const off = await r.byodkim(printed[0]!.split(" ").slice(1), { stdin: "goo.ne.jp\n" });
    expect(off.code, off.stdout + off.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ signingEnabled: false });
  });

  it("on a good identity byodkim never switched, rollback --yes says there is nothing to roll back and changes nothing", async () => {
    const r = await rehearsal();
    const result = await r.byodkim(["rollback", "--yes"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("Nothing to roll back: byodkim never switched goo.ne.jp");
    expect(result.stdout).toContain("byodkim rollback goo.ne.jp --to disable");
    expect(r.sesMutations()).toEqual([]);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true, status: "SUCCESS" });
    expect(r.state()["rollback_target"]).toBeUndefined();
  });

  it("--to disable on it asks for the typed domain even with --yes, saying it turns signing off on a healthy domain", async () => {
    const r = await rehearsal();
    const refused = await r.byodkim(["rollback", "--to", "disable", "--yes"]);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain("this turns signing off on a healthy domain");
    expect(refused.stderr).toContain("--yes does not answer this");
    expect(r.sesMutations()).toEqual([]);

    const typed = await r.byodkim(["rollback", "--to", "disable", "--yes"], { stdin: "goo.ne.jp\n" });
    expect(typed.code, typed.stdout + typed.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ signingEnabled: false });
    expect(r.state()).toMatchObject({ rollback_target: "disable", signing_enabled: false });
  });
  // The other branches (an EXTERNAL predecessor, a half-failed enable, the journal fallbacks, no history, a declined prompt)
  // are tested in process: test/commands/rollbackFallbacks.test.ts.
});

import { appendFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { rehearsal } from "../support/rehearsal.js";
import { spawnCli } from "../support/spawnCli.js";

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

  it("--to previous restores an EXTERNAL predecessor with its own key from S3", async () => {
    const r = await rehearsal();
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    // A newer key, published and uploaded, is enabled on top: its snapshot is the first selector.
    const newer = "gooid-21-pro-20251001-1";
    r.uploadAndPublishKey(newer);
    expect((await r.byodkim(["enable", "--yes", "--selector", newer])).code).toBe(0);
    expect(r.identity().dkim.tokens).toEqual([newer]);

    const result = await r.byodkim(["rollback", "--yes", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ plan: { details: { target: "previous", previousSelector: SANDBOX_DEFAULTS.selector } } });
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", tokens: [SANDBOX_DEFAULTS.selector], signingEnabled: true });
    expect(r.state()).toMatchObject({ byodkim_enabled: true, rollback_target: "previous" });
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

  it("works after a half-failed enable (only Step 22 done)", async () => {
    const r = await rehearsal({ scenario: "signing-off", faults: [["PutEmailIdentityDkimAttributes", { kind: "access-denied" }]] });
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(4);
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", signingEnabled: false });
    r.box.world.faults.clear();
    const result = await r.byodkim(["rollback", "--to", "previous", "--yes"]);
    expect(result.code).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: false });
  });

  it("falls back to the local journal when Secrets Manager fails, and says so; never to another domain's journal", async () => {
    const r = await rehearsal();
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    const ours = r.journalFiles();
    // A newer enable of my-goo.ne.jp on the same machine: its file name contains "-goo.ne.jp-" too.
    r.plantJournal(
      "2999-01-01T00-00-00-000Z-my-goo.ne.jp-enable-other001.jsonl",
      [
        { at: "2999-01-01T00:00:00.000Z", event: "run-started", command: "enable", domain: "my-goo.ne.jp" },
        { at: "2999-01-01T00:00:01.000Z", event: "snapshot", snapshot: { origin: "EXTERNAL", tokens: ["my-goo-1"], signingEnabled: true }, restorable: true },
      ]
        .map((entry) => `${JSON.stringify(entry)}\n`)
        .join(""),
    );
    for (const operation of ["GetSecretValue", "PutSecretValue"]) r.box.world.faults.set(operation, { kind: "server-error" });
    const result = await r.byodkim(["rollback", "--to", "previous", "--yes", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.plan.details).toMatchObject({ snapshotSource: "journal", previousSelector: null, snapshot: { origin: "AWS_SES" } });
    expect(document.warnings.map((warning: { code: string }) => warning.code)).toEqual(
      expect.arrayContaining(["rollback.secretUnreadable", "rollback.fromJournal", "change.stateNotRecorded"]),
    );
    expect(document.warnings.find((warning: { code: string }) => warning.code === "rollback.fromJournal").message).toContain(ours[0]);
    // The lock is an S3 object: Secrets Manager failing does not cost the rollback its lock.
    expect(document.warnings.map((warning: { code: string }) => warning.code)).not.toContain("change.noLock");
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES" });
  });

  it("--to disable goes ahead when the journal it falls back to has a torn last line, and says so", async () => {
    const r = await rehearsal();
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    // What a run killed in the middle of an append leaves behind.
    const [journal] = r.journalFiles();
    appendFileSync(journal!, '{"at":"2026-11-25T10:00:09.000Z","event":"lock-rel');
    for (const operation of ["GetSecretValue", "PutSecretValue"]) r.box.world.faults.set(operation, { kind: "server-error" });
    const result = await r.byodkim(["rollback", "--to", "disable", "--yes", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.warnings).toContainEqual({
      code: "journal.tornLine",
      message: `journal ${journal}: its last line is incomplete (a run stopped while writing it) and was skipped`,
    });
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

  it.each([
    ["fails", { kind: "server-error" }],
    ["is denied", { kind: "access-denied" }],
  ] as const)(
    "with no history (the state secret %s, no local journal), rollback --yes leaves a healthy Easy DKIM identity signing, and says why",
    async (_what, fault) => {
      const r = await rehearsal();
      r.box.world.faults.set("GetSecretValue", fault);
      const result = await r.byodkim(["rollback", "--yes", "--json"]);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const document = JSON.parse(result.stdout);
      expect(document).toMatchObject({ outcome: "upToDate", plan: { details: { target: "none", history: "unknown" } } });
      expect(document.summary).toContain("SES does not sign goo.ne.jp with BYODKIM (origin AWS_SES)");
      expect(document.summary).toContain("byodkim rollback goo.ne.jp --to disable");
      expect(r.sesMutations()).toEqual([]);
      expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true, status: "SUCCESS" });

      // Turning signing off anyway is asked for by name, and --yes does not answer it.
      const refused = await r.byodkim(["rollback", "--to", "disable", "--yes"]);
      expect(refused.code, refused.stdout + refused.stderr).toBe(3);
      expect(refused.stderr).toContain("--yes does not answer this");
      expect(r.sesMutations()).toEqual([]);
      const typed = await r.byodkim(["rollback", "--to", "disable", "--yes"], { stdin: "goo.ne.jp\n" });
      expect(typed.code, typed.stdout + typed.stderr).toBe(0);
      expect(r.identity().dkim).toMatchObject({ signingEnabled: false });
    },
  );

  it("exits 3 and changes nothing when the operator does not type the domain", async () => {
    const r = await rehearsal();
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    const before = r.box.world.log.length;
    const result = await spawnCli(["rollback", "--config", r.box.configPath], {
      env: { ...r.box.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      stdin: "no\n",
    });
    expect(result.code).toBe(3);
    expect(r.box.world.log.slice(before).filter((entry) => entry.operation.startsWith("Put"))).toEqual([]);
  });
});

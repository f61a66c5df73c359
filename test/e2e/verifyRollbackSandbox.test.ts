import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dkimSign } from "mailauth/lib/dkim/sign.js";
import { afterAll, describe, expect, it } from "vitest";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { SANDBOX_DEFAULTS, dkimTxtStrings } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/start.js";
import { leakedCanaries, sandboxKeyCanaries } from "../support/sandboxKey.js";
import { spawnCli } from "../support/spawnCli.js";

const running: Sandbox[] = [];
afterAll(async () => {
  await Promise.all(running.map((sandbox) => sandbox.stop()));
});

async function rehearsal(options: SandboxOptions = {}) {
  const box = await startSandbox({ verifyIntervalMs: 50, dkimChecksBeforeFailure: 40, ...options });
  running.push(box);
  const journalDir = mkdtempSync(join(tmpdir(), "byodkim-journal-"));
  const env = { ...box.env, BYODKIM_JOURNAL_DIR: journalDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  const journals = () => readdirSync(journalDir).map((name) => readFileSync(join(journalDir, name), "utf8")).join("\n");
  const state = () => JSON.parse(box.world.secrets.get(SANDBOX_DEFAULTS.secretId)!.versions.at(-1)!.value) as Record<string, unknown>;
  const byodkim = async (args: string[]) => {
    const result = await spawnCli([...args, "--config", box.configPath], { env, timeoutMs: 30_000 });
    const everything = [result.stdout, result.stderr, journals(), JSON.stringify(box.world.log), JSON.stringify(state())].join("\n");
    expect(leakedCanaries(everything, sandboxKeyCanaries(box))).toEqual([]);
    return result;
  };
  const identity = () => box.world.identities.get(SANDBOX_DEFAULTS.domain)!;
  return { box, byodkim, state, identity };
}

const gatesOf = (stdout: string) => JSON.parse(stdout).gates as { id: string; status: string; code: string }[];

describe("byodkim verify against the sandbox", () => {
  it("passes after enable, and sends a test message through SES", async () => {
    const r = await rehearsal();
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    const result = await r.byodkim(["verify", "--json", "--send-test", "ops@example.org"]);
    expect(result.code).toBe(0);
    expect(gatesOf(result.stdout).map((gate) => `${gate.id}:${gate.status}`)).toEqual([
      "identity:pass", "ses:pass", "state:pass", "alarms:pass", "key:pass", "dns:pass", "sendTest:pass",
    ]);
    expect(r.box.world.log.some((entry) => entry.operation === "SendEmail" && entry.status === 200)).toBe(true);
  });

  it("fails while the verification alarm is still in ALARM", async () => {
    const r = await rehearsal();
    await r.byodkim(["enable", "--yes"]);
    Object.assign(r.box.world.alarms.get(SANDBOX_DEFAULTS.verificationAlarm)!, { state: "ALARM" });
    const result = await r.byodkim(["verify", "--json"]);
    expect(result.code).toBe(1);
    expect(gatesOf(result.stdout).find((gate) => gate.id === "alarms")).toMatchObject({ status: "fail", code: "gate.alarms.fail" });
  });

  it("waits with --wait until the verification alarm settles", async () => {
    const r = await rehearsal();
    await r.byodkim(["enable", "--yes"]);
    const alarm = r.box.world.alarms.get(SANDBOX_DEFAULTS.verificationAlarm)!;
    Object.assign(alarm, { state: "ALARM" });
    setTimeout(() => Object.assign(alarm, { state: "OK" }), 1000);
    const result = await r.byodkim(["verify", "--json", "--wait", "30"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("alarms not settled yet");
  });

  it("fails when the TXT record no longer holds the key", async () => {
    const r = await rehearsal();
    await r.byodkim(["enable", "--yes"]);
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
    r.box.world.nameservers.forEach((records, i) => {
      r.box.world.nameservers[i] = records.map((record) => (record.name === r.box.seed.txtName ? { ...record, data: dkimTxtStrings(other) } : record));
    });
    const result = await r.byodkim(["verify", "--json"]);
    expect(result.code).toBe(1);
    expect(gatesOf(result.stdout).find((gate) => gate.id === "dns")).toMatchObject({ status: "fail" });
  });

  it("verifies a received message signed with the key, and rejects a tampered one (--eml)", async () => {
    const r = await rehearsal();
    await r.byodkim(["enable", "--yes"]);
    const { bucket, keyTemplate, domain, selector } = SANDBOX_DEFAULTS;
    const pem = r.box.world.buckets.get(bucket)!.get(privateKeyObjectKey(keyTemplate, domain, selector))!.toString();
    const message = `From: ops@${domain}\r\nTo: someone@example.org\r\nSubject: DKIM check\r\nDate: Wed, 17 Sep 2025 10:00:00 +0900\r\nMessage-ID: <check@${domain}>\r\n\r\nHello from BYODKIM.\r\n`;
    const { signatures } = await dkimSign(message, { canonicalization: "relaxed/relaxed", algorithm: "rsa-sha256", signatureData: [{ signingDomain: domain, selector, privateKey: pem }] });
    const dir = mkdtempSync(join(tmpdir(), "byodkim-eml-"));
    writeFileSync(join(dir, "good.eml"), signatures + message);
    writeFileSync(join(dir, "tampered.eml"), signatures + message.replace("Hello from BYODKIM.", "Hello from someone else."));

    const good = await r.byodkim(["verify", "--json", "--eml", join(dir, "good.eml")]);
    expect(good.code).toBe(0);
    expect(gatesOf(good.stdout).find((gate) => gate.id === "eml")).toMatchObject({ status: "pass", code: "verify.eml.pass" });
    const tampered = await r.byodkim(["verify", "--json", "--eml", join(dir, "tampered.eml")]);
    expect(tampered.code).toBe(1);
    expect(gatesOf(tampered.stdout).find((gate) => gate.id === "eml")).toMatchObject({ status: "fail", code: "verify.eml.failed" });
  });
});

describe("byodkim rollback against the sandbox", () => {
  it("--to disable turns signing off and records the rollback", async () => {
    const r = await rehearsal();
    await r.byodkim(["enable", "--yes"]);
    const result = await r.byodkim(["rollback", "--to", "disable", "--yes", "--reason", "bounce spike", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "rolledBack", target: "disable", snapshotSource: "secret" });
    expect(typeof JSON.parse(result.stdout).elapsedMs).toBe("number");
    expect(r.identity().dkim).toMatchObject({ signingEnabled: false, origin: "EXTERNAL" });
    expect(r.state()).toMatchObject({ rollback_target: "disable", rollback_reason: "bounce spike", rollback_operator: r.box.world.callerArn, current_phase: "6", signing_enabled: false });
    expect(r.state()["byodkim_lock"]).toBeUndefined();
  });

  it("--to previous restores Easy DKIM and prints the CNAMEs the DNS team must publish", async () => {
    const r = await rehearsal();
    await r.byodkim(["enable", "--yes"]);
    const result = await r.byodkim(["rollback", "--to", "previous", "--yes", "--json"]);
    const document = JSON.parse(result.stdout);
    expect(result.code).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true, signingHostedZone: "dkim.amazonses.com" });
    expect(document.dnsRecordsNeeded).toEqual(r.identity().dkim.tokens.map((token) => `${token}._domainkey.goo.ne.jp CNAME ${token}.dkim.amazonses.com`));
    expect(r.state()).toMatchObject({ rollback_target: "previous", byodkim_enabled: false, current_phase: "6" });
  });

  it("--to previous restores an EXTERNAL predecessor with its own key from S3", async () => {
    const r = await rehearsal();
    await r.byodkim(["enable", "--yes"]);
    // A newer key, published and uploaded, is enabled on top: its snapshot is the first selector.
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const newer = "gooid-21-pro-20251001-1";
    r.box.world.buckets.get(SANDBOX_DEFAULTS.bucket)!.set(privateKeyObjectKey(SANDBOX_DEFAULTS.keyTemplate, SANDBOX_DEFAULTS.domain, newer), Buffer.from(privateKey.export({ type: "pkcs1", format: "pem" }).toString()));
    for (const records of r.box.world.nameservers) records.push({ name: `${newer}._domainkey.goo.ne.jp`, type: "TXT", data: dkimTxtStrings(publicKey.export({ type: "spki", format: "der" }).toString("base64")) });
    expect((await r.byodkim(["enable", "--yes", "--selector", newer])).code).toBe(0);
    expect(r.identity().dkim.tokens).toEqual([newer]);

    const result = await r.byodkim(["rollback", "--yes", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ target: "previous", plan: { previousSelector: SANDBOX_DEFAULTS.selector } });
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", tokens: [SANDBOX_DEFAULTS.selector], signingEnabled: true });
    expect(r.state()).toMatchObject({ byodkim_enabled: true, rollback_target: "previous" });
  });

  it("works after a half-failed enable (only Step 22 done)", async () => {
    const r = await rehearsal({ faults: [["PutEmailIdentityDkimAttributes", { kind: "access-denied" }]] });
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(4);
    expect(r.identity().dkim.origin).toBe("EXTERNAL");
    r.box.world.faults.clear();
    const result = await r.byodkim(["rollback", "--to", "previous", "--yes"]);
    expect(result.code).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true });
  });

  it("falls back to the local journal when Secrets Manager fails, and says so", async () => {
    const r = await rehearsal();
    await r.byodkim(["enable", "--yes"]);
    for (const operation of ["GetSecretValue", "PutSecretValue"]) r.box.world.faults.set(operation, { kind: "server-error" });
    const result = await r.byodkim(["rollback", "--to", "previous", "--yes", "--json"]);
    const document = JSON.parse(result.stdout);
    expect(result.code).toBe(0);
    expect(document.snapshotSource).toBe("journal");
    expect(document.warnings.map((warning: { code: string }) => warning.code)).toEqual(
      expect.arrayContaining(["rollback.secretUnreadable", "rollback.fromJournal", "rollback.noLock", "rollback.stateNotRecorded"]),
    );
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES" });
  });

  it("exits 3 and changes nothing when the operator does not type the domain", async () => {
    const r = await rehearsal();
    await r.byodkim(["enable", "--yes"]);
    const before = r.box.world.log.length;
    const result = await spawnCli(["rollback", "--config", r.box.configPath], { env: { ...r.box.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" }, stdin: "no\n" });
    expect(result.code).toBe(3);
    expect(r.box.world.log.slice(before).filter((entry) => entry.operation.startsWith("Put"))).toEqual([]);
  });
});

import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dkimSign } from "mailauth/lib/dkim/sign.js";
import { describe, expect, it } from "vitest";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { SANDBOX_DEFAULTS, dkimTxtStrings } from "../../src/sandbox/scenarios.js";
import { gatesOf, rehearsal } from "../support/rehearsal.js";

describe("byodkim verify against the sandbox", () => {
  it("passes after enable, and sends a test message through SES", async () => {
    const r = await rehearsal();
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    const result = await r.byodkim(["verify", "--json", "--send-test", "ops@example.org"]);
    expect(result.code).toBe(0);
    expect(gatesOf(result.stdout).map((gate) => `${gate.id}:${gate.status}`)).toEqual([
      "identity:pass",
      "permissions:pass",
      "ses:pass",
      "state:pass",
      "alarms:pass",
      "key:pass",
      "dns:pass",
      "sendTest:pass",
    ]);
    expect(r.box.world.log.some((entry) => entry.operation === "SendEmail" && entry.status === 200)).toBe(true);
  });

  it("says a test message was sent and its signature not checked, and the --eml command it prints checks the received message", async () => {
    const r = await rehearsal();
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    const sent = await r.byodkim(["verify", "--send-test", "ops@example.org"]);
    expect(sent.code, sent.stdout + sent.stderr).toBe(0);
    // A MessageId proves SES took the message, not that its signature verifies.
    expect(sent.stdout).not.toContain("BYODKIM is working");
    expect(sent.stdout).toContain("its DKIM signature was not checked");
    const printed = sent.stdout
      .split("\n")
      .find((line) => line.includes("--eml"))
      ?.match(/byodkim verify \S+ --eml <[^>]+>/)?.[0];
    expect(printed).toBe("byodkim verify goo.ne.jp --eml <received message file>");
    const json = await r.byodkim(["verify", "--json", "--send-test", "ops@example.org"]);
    expect(gatesOf(json.stdout).find((gate) => gate.id === "sendTest")).toMatchObject({ status: "pass", code: "verify.sendTest.sentUnchecked" });

    // The received message, saved as the operator would, checked with the command as printed.
    const file = join(mkdtempSync(join(tmpdir(), "byodkim-eml-")), "received.eml");
    writeFileSync(file, await signedBySandboxKey(r));
    const checked = await r.byodkim([...printed!.replace("<received message file>", file).split(" ").slice(1)]);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    expect(checked.stdout).toContain("BYODKIM is working");
    expect(checked.stdout).toContain("signed by d=goo.ne.jp");
  });

  it("fails while the verification alarm is still in ALARM", async () => {
    const r = await rehearsal();
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    Object.assign(r.box.world.alarms.get(SANDBOX_DEFAULTS.verificationAlarm)!, { state: "ALARM" });
    const result = await r.byodkim(["verify", "--json"]);
    expect(result.code).toBe(1);
    expect(gatesOf(result.stdout).find((gate) => gate.id === "alarms")).toMatchObject({ status: "fail", code: "gate.alarms.fail" });
  });

  it("waits with --wait until the verification alarm settles", async () => {
    const r = await rehearsal();
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    const alarm = r.box.world.alarms.get(SANDBOX_DEFAULTS.verificationAlarm)!;
    Object.assign(alarm, { state: "ALARM" });
    // The alarm clears only after verify has seen it firing once, however slow the machine is.
    const before = r.box.world.log.length;
    const clearAfterFirstLook = setInterval(() => {
      if (!r.box.world.log.slice(before).some((entry) => entry.operation === "DescribeAlarms")) return;
      Object.assign(alarm, { state: "OK" });
      clearInterval(clearAfterFirstLook);
    }, 20);
    const result = await r.byodkim(["verify", "--json", "--wait", "30"]);
    clearInterval(clearAfterFirstLook);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("alarms not settled yet");
  });

  it("fails when the TXT record no longer holds the key", async () => {
    const r = await rehearsal();
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
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
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    const { bucket, keyTemplate, domain, selector } = SANDBOX_DEFAULTS;
    const pem = r.box.world.buckets
      .get(bucket)!
      .get(privateKeyObjectKey(keyTemplate, domain, selector))!
      .toString();
    const message = `From: ops@${domain}\r\nTo: someone@example.org\r\nSubject: DKIM check\r\nDate: Wed, 17 Sep 2025 10:00:00 +0900\r\nMessage-ID: <check@${domain}>\r\n\r\nHello from BYODKIM.\r\n`;
    const { signatures } = await dkimSign(message, {
      canonicalization: "relaxed/relaxed",
      algorithm: "rsa-sha256",
      signatureData: [{ signingDomain: domain, selector, privateKey: pem }],
    });
    const dir = mkdtempSync(join(tmpdir(), "byodkim-eml-"));
    writeFileSync(join(dir, "good.eml"), signatures + message);
    writeFileSync(join(dir, "tampered.eml"), signatures + message.replace("Hello from BYODKIM.", "Hello from someone else."));

    const good = await r.byodkim(["verify", "--json", "--eml", join(dir, "good.eml")]);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    expect(gatesOf(good.stdout).find((gate) => gate.id === "eml")).toMatchObject({ status: "pass", code: "verify.eml.pass" });
    const tampered = await r.byodkim(["verify", "--json", "--eml", join(dir, "tampered.eml")]);
    expect(tampered.code, tampered.stdout).toBe(1);
    expect(gatesOf(tampered.stdout).find((gate) => gate.id === "eml")).toMatchObject({ status: "fail", code: "verify.eml.failed" });
  });
});

/** A message as the receiver gets it: signed with the sandbox's key for the enabled selector. */
async function signedBySandboxKey(r: Awaited<ReturnType<typeof rehearsal>>): Promise<string> {
  const { bucket, keyTemplate, domain, selector } = SANDBOX_DEFAULTS;
  const pem = r.box.world.buckets
    .get(bucket)!
    .get(privateKeyObjectKey(keyTemplate, domain, selector))!
    .toString();
  const message = `From: byodkim-verify@${domain}\r\nTo: ops@example.org\r\nSubject: byodkim verify\r\nDate: Wed, 17 Sep 2025 10:00:00 +0900\r\nMessage-ID: <sent@${domain}>\r\n\r\nSent by byodkim verify.\r\n`;
  const { signatures } = await dkimSign(message, {
    canonicalization: "relaxed/relaxed",
    algorithm: "rsa-sha256",
    signatureData: [{ signingDomain: domain, selector, privateKey: pem }],
  });
  return signatures + message;
}

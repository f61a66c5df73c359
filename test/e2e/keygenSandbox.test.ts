import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { heldCall } from "../support/heldCall.js";
import { rehearsal } from "../support/rehearsal.js";

const { domain, bucket, keyTemplate, selector: SEEDED } = SANDBOX_DEFAULTS;
const objectOf = (selector: string) => privateKeyObjectKey(keyTemplate, domain, selector);
const puts = (r: Awaited<ReturnType<typeof rehearsal>>) => r.box.world.log.filter((entry) => entry.operation === "PutObject" && !entry.error).length;

describe("byodkim keygen against the sandbox", () => {
  it("writes a PKCS#8 key with SSE-S3 and the selector tag at the next free selector, and records it in the key history", async () => {
    const r = await rehearsal();
    const result = await r.byodkim(["keygen", "--yes", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const { selector, plan } = JSON.parse(result.stdout);
    expect(plan.details).toMatchObject({ encryption: "AES256", keyBits: 2048 });
    const stored = r.box.world.buckets.get(bucket)!.get(objectOf(selector))!.toString();
    expect(stored.startsWith("-----BEGIN PRIVATE KEY-----")).toBe(true);
    expect(r.box.world.objectMeta.get(`${bucket}/${objectOf(selector)}`)).toMatchObject({
      serverSideEncryption: "AES256",
      tags: { "byodkim:selector": selector, "byodkim:status": "created" },
    });
    expect(r.state()["byodkim_keys"]).toMatchObject({ [selector]: { status: "created", location: `s3://${bucket}/${objectOf(selector)}` } });
    expect(r.sesMutations()).toEqual([]);
  });

  it("uses SSE-KMS with keys.kmsKeyId, and takes the next number on the same day", async () => {
    const r = await rehearsal();
    writeFileSync(
      r.box.configPath,
      readFileSync(r.box.configPath, "utf8").replace("  key: dkim/{domain}/{selector}.pem", "  key: dkim/{domain}/{selector}.pem\n  kmsKeyId: alias/dkim-keys"),
    );
    const first = JSON.parse((await r.byodkim(["keygen", "--yes", "--json"])).stdout);
    const second = JSON.parse((await r.byodkim(["keygen", "--yes", "--json"])).stdout);
    expect(first.plan.details).toMatchObject({ encryption: "aws:kms", kmsKeyId: "alias/dkim-keys" });
    expect(r.box.world.objectMeta.get(`${bucket}/${objectOf(first.selector)}`)).toMatchObject({ serverSideEncryption: "aws:kms" });
    expect(first.selector).toMatch(/-1$/);
    expect(second.selector).toBe(first.selector.replace(/-1$/, "-2"));
  });

  it("never overwrites: a keygen for a selector already in S3 exits 1 and the object is unchanged", async () => {
    const r = await rehearsal();
    const before = r.box.world.buckets.get(bucket)!.get(objectOf(SEEDED))!;
    const result = await r.byodkim(["keygen", "--selector", SEEDED, "--yes", "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).outcome).toBe("gatesFailed");
    expect(r.box.world.buckets.get(bucket)!.get(objectOf(SEEDED))!.equals(before)).toBe(true);
    expect(puts(r)).toBe(0);
  });

  it("refuses a selector the key history keeps after its key was retired and deleted, saying so, not that it is in S3", async () => {
    const r = await rehearsal();
    const gone = "gooid-21-pro-20200101-1";
    const secret = r.box.world.secrets.get(SANDBOX_DEFAULTS.secretId)!;
    const history = { status: "retired", retired_at: "2020-03-01T00:00:00.000Z", deleted_at: "2020-03-01T00:00:00.000Z" };
    const state = { ...r.state(), byodkim_keys: { ...(r.state()["byodkim_keys"] as object), [gone]: history } };
    secret.versions.push({ id: "history-with-deleted", value: JSON.stringify(state), created: new Date() });
    expect(r.box.world.buckets.get(bucket)!.has(objectOf(gone))).toBe(false);
    const result = await r.byodkim(["keygen", "--selector", gone, "--yes"]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(`selector ${gone} is in the key history (retired) though its key is no longer in S3`);
    expect(result.stdout).not.toContain("already in S3");
    expect(puts(r)).toBe(0);
  });

  it("loses a race cleanly: another writer's object at the selector between the check and the put is not overwritten (S3's 412)", async () => {
    const r = await rehearsal();
    const racing = "gooid-21-pro-20991231-1";
    const theirs = Buffer.from("another writer's object");
    // The run's first write is its lock, held once it reaches S3: the other writer's object lands then, after the re-check.
    const held = heldCall();
    r.box.world.faults.set("PutObject", { ...held.fault, remaining: 1 });
    // Once the lock's write has reached S3 (the fault is taken then), the other writer's object lands, and then S3 answers.
    const watch = setInterval(() => {
      if (r.box.world.faults.has("PutObject")) return;
      r.box.world.buckets.get(bucket)!.set(objectOf(racing), theirs);
      clearInterval(watch);
      held.release();
    }, 10);
    const result = await r.byodkim(["keygen", "--selector", racing, "--yes", "--json"]);
    clearInterval(watch);
    const document = JSON.parse(result.stdout);
    expect(result.code, result.stdout).toBe(4);
    expect(document).toMatchObject({ outcome: "failedDuringChange", sesChange: "none", error: { code: "keygen.raceLost" } });
    expect(r.box.world.buckets.get(bucket)!.get(objectOf(racing))!.equals(theirs)).toBe(true);
    expect(document.rollbackCommand).toBeNull();
  });

  it("--dry-run shows the plan and the record, and writes nothing: no object, no files", async () => {
    const r = await rehearsal();
    const out = join(mkdtempSync(join(tmpdir(), "byodkim-out-")), "ticket");
    const result = await r.byodkim(["keygen", "--dry-run", "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("IN TXT (");
    expect(result.stdout).toContain("throwaway key");
    expect(puts(r)).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses --out when a link is planted at a hand-off file's name in a shared ticket folder: exit 1 before any key is made, the link and its target untouched", async () => {
    const r = await rehearsal();
    const ticket = mkdtempSync(join(tmpdir(), "byodkim-ticket-"));
    const selector = "gooid-21-pro-20991231-1";
    const theirs = join(ticket, "someone-elses-file");
    writeFileSync(theirs, "not yours\n");
    const planted = join(ticket, `${selector}._domainkey.${domain}.zone`);
    symlinkSync(theirs, planted);
    const result = await r.byodkim(["keygen", "--selector", selector, "--out", ticket, "--yes", "--json"]);
    expect(result.code, result.stderr).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.outcome).toBe("gatesFailed");
    expect(document.gates.find((gate: { id: string }) => gate.id === "selector")).toMatchObject({ status: "fail", code: "gate.selector.handoffTaken" });
    expect(readFileSync(theirs, "utf8")).toBe("not yours\n");
    expect(lstatSync(planted).isSymbolicLink() && readlinkSync(planted)).toBe(theirs);
    expect(readdirSync(ticket).sort()).toEqual([`${selector}._domainkey.${domain}.zone`, "someone-elses-file"].sort());
    expect(puts(r)).toBe(0);
  });

  it("refuses --out when an earlier hand-off file has the next selector's name, saying which, and writes over nothing", async () => {
    const r = await rehearsal();
    const ticket = mkdtempSync(join(tmpdir(), "byodkim-ticket-"));
    // The name keygen will choose without --selector, from a dry run: a throwaway key, nothing written.
    const { selector } = JSON.parse((await r.byodkim(["keygen", "--dry-run", "--json"])).stdout);
    const earlier = join(ticket, `${selector}._domainkey.${domain}.txt`);
    writeFileSync(earlier, "an earlier hand-off\n");
    const result = await r.byodkim(["keygen", "--out", ticket, "--yes"]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(`${earlier} is already there: keygen --out never writes over or through what is in the ticket folder`);
    expect(readFileSync(earlier, "utf8")).toBe("an earlier hand-off\n");
    expect(readdirSync(ticket)).toEqual([`${selector}._domainkey.${domain}.txt`]);
    expect(puts(r)).toBe(0);
  });

  it("asks y/N and changes nothing on no", async () => {
    const r = await rehearsal();
    const result = await r.byodkim(["keygen"], { stdin: "n\n" });
    expect(result.code).toBe(3);
    expect(puts(r)).toBe(0);
  });
});

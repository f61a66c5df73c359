import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { heldCall } from "../support/heldCall.js";
import { rehearsal } from "../support/rehearsal.js";

const { domain, bucket, keyTemplate } = SANDBOX_DEFAULTS;
const objectOf = (selector: string) => privateKeyObjectKey(keyTemplate, domain, selector);

// Keygen's refusals (a taken or remembered selector, --out over a link or an earlier file), --dry-run and n are checked in process in test/commands/keygen.test.ts.
describe("byodkim keygen against the sandbox", () => {
  it("writes a PKCS#8 key with SSE-S3 and the selector tag at the next free selector, and records it in the key history; with keys.kmsKeyId, SSE-KMS and the next number on the same day", async () => {
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

    writeFileSync(
      r.box.configPath,
      readFileSync(r.box.configPath, "utf8").replace("  key: dkim/{domain}/{selector}.pem", "  key: dkim/{domain}/{selector}.pem\n  kmsKeyId: alias/dkim-keys"),
    );
    const next = await r.byodkim(["keygen", "--yes", "--json"]);
    expect(next.code, next.stdout + next.stderr).toBe(0);
    const second = JSON.parse(next.stdout);
    expect(second.plan.details).toMatchObject({ encryption: "aws:kms", kmsKeyId: "alias/dkim-keys" });
    expect(r.box.world.objectMeta.get(`${bucket}/${objectOf(second.selector)}`)).toMatchObject({ serverSideEncryption: "aws:kms" });
    expect(selector).toMatch(/-1$/);
    expect(second.selector).toBe(selector.replace(/-1$/, "-2"));
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
});

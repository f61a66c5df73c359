import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lazy } from "../../src/aws/clients.js";
import { createLockStorePort } from "../../src/aws/lockObjects.js";
import type { LockStorePort } from "../../src/aws/types.js";
import { ByodkimError } from "../../src/errors.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";
import { acquireLock, type LockRecord, lockLocation, releaseLock } from "../../src/state/lock.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

// The change lock rests on S3's conditional writes. The same checks run against moto (an S3 nobody
// here wrote) and against the sandbox, so the sandbox's 412s are S3's, not our own idea of them.
// moto 5 honours If-None-Match: * and If-Match on PutObject and If-Match on DeleteObject, one request
// after another. It does not promise atomicity between simultaneous requests: its threaded server
// checks the condition and then stores the object as two steps (moto/s3/responses.py, put_object),
// so the races below run against the sandbox only, which answers one request at a time. On AWS the
// atomicity is S3's documented behaviour; neither emulator can prove it.
const haveMoto = motoAvailable("the cross-check of the S3 lock object against moto");

const { bucket, region, keyTemplate, domain } = SANDBOX_DEFAULTS;
const at = lockLocation({ bucket, key: keyTemplate }, domain);
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let sandbox: Sandbox;
const endpoints: Record<string, string> = {};

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: "good" });
  endpoints["sandbox"] = sandbox.endpoint;
  if (!haveMoto) return;
  moto = await startMoto();
  endpoints["moto"] = moto.endpoint;
  const s3 = new S3Client({ endpoint: moto.endpoint, region, credentials, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region } }));
}, 60_000);

afterAll(async () => {
  moto?.stop();
  await sandbox?.stop();
});

/** byodkim's own adapter, against one endpoint; one attempt, so a 412 is S3's answer and not a retry's. */
const portAt = (target: string): LockStorePort =>
  createLockStorePort(lazy(async () => new S3Client({ endpoint: endpoints[target], region, credentials, forcePathStyle: true, maxAttempts: 1 })));

const record = (runId: string): LockRecord => ({
  runId,
  owner: `arn:aws:sts::123456789012:assumed-role/MailOps/${runId}`,
  host: `host-${runId}`,
  pid: 1000,
  command: "enable",
  startedAt: "2026-11-25T10:00:00Z",
  expiresAt: "2099-01-01T00:00:00Z",
});

const targets = [
  ["moto", haveMoto, false],
  ["the sandbox", true, true],
] as const;

describe.each(targets)("the S3 lock object's conditional writes against %s", (name, available, atomic) => {
  const target = name === "moto" ? "moto" : "sandbox";
  const key = (suffix: string) => `${at.key}.${suffix}`;

  it.runIf(available)("creates with If-None-Match: * once; the second writer gets 412 (null)", async () => {
    const port = portAt(target);
    const first = await port.writeLock(bucket, key("create"), "first", { ifAbsent: true });
    expect(first?.etag).toMatch(/^".+"$/);
    expect(await port.writeLock(bucket, key("create"), "second", { ifAbsent: true })).toBeNull();
    expect(await port.readLock(bucket, key("create"))).toEqual({ text: "first", etag: first!.etag });
  });

  it.runIf(available && atomic)("of 12 concurrent creates exactly one lands", async () => {
    const port = portAt(target);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => port.writeLock(bucket, key("race"), `writer-${i}`, { ifAbsent: true })));
    const winners = results.flatMap((result, i) => (result ? [i] : []));
    expect(winners).toHaveLength(1);
    expect((await port.readLock(bucket, key("race")))?.text).toBe(`writer-${winners[0]}`);
  });

  it.runIf(available)("replaces with If-Match only the version it names, and deletes the same way", async () => {
    const port = portAt(target);
    const first = (await port.writeLock(bucket, key("match"), "first", { ifAbsent: true }))!;
    const second = await port.writeLock(bucket, key("match"), "second", { ifEtag: first.etag });
    expect(second?.etag).not.toBe(first.etag);
    expect(await port.writeLock(bucket, key("match"), "stale", { ifEtag: first.etag })).toBeNull();
    expect(await port.deleteLock(bucket, key("match"), first.etag)).toBe(false);
    expect((await port.readLock(bucket, key("match")))?.text).toBe("second");
    expect(await port.deleteLock(bucket, key("match"), second!.etag)).toBe(true);
    expect(await port.readLock(bucket, key("match"))).toBeNull();
    // If-Match on a key that is gone: 404 NoSuchKey, which the adapter reads as "not ours".
    expect(await port.deleteLock(bucket, key("match"), second!.etag)).toBe(false);
    expect(await port.writeLock(bucket, key("match"), "again", { ifEtag: second!.etag })).toBeNull();
  });

  it.runIf(available)("takes the change lock, refuses the next run naming its host and pid, and releases it", async () => {
    const port = portAt(target);
    const now = new Date("2026-11-25T10:00:00Z");
    const held = await acquireLock(port, at, record("first"), now, false);
    const refused = await acquireLock(port, at, record("second"), now, false).catch((err: unknown) => err);
    expect((refused as ByodkimError).what).toMatchObject({ key: "lock.held", params: { host: "host-first", pid: "1000" } });
    expect(await releaseLock(port, at, held)).toBe(true);
    expect(await port.readLock(bucket, at.key)).toBeNull();
  });

  it.runIf(available && atomic)("of 8 runs taking the change lock at once exactly one holds it, and the others name its host and pid", async () => {
    const port = portAt(target);
    const now = new Date("2026-11-25T10:00:00Z");
    const settled = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => acquireLock(port, at, record(`run${i}`), now, false)));
    const held = settled.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    expect(held).toHaveLength(1);
    const holder = held[0]!.runId;
    for (const outcome of settled.filter((candidate) => candidate.status === "rejected")) {
      expect(outcome.reason).toBeInstanceOf(ByodkimError);
      expect((outcome.reason as ByodkimError).what).toMatchObject({ key: "lock.held", params: { host: `host-${holder}`, pid: "1000" } });
    }
    expect(JSON.parse((await port.readLock(bucket, at.key))!.text)).toMatchObject({ runId: holder });
    expect(await releaseLock(port, at, held[0]!)).toBe(true);
  });
});

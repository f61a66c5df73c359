import { describe, expect, it } from "vitest";
import type { LockStorePort, StateStorePort } from "../../src/aws/types.js";
import { ByodkimError } from "../../src/errors.js";
import {
  acquireLock,
  holderIsDeadHere,
  type LockHolder,
  type LockRecord,
  lockLocation,
  lockLostTo,
  parseLock,
  releaseLock,
  type ThisHost,
} from "../../src/state/lock.js";
import { updateState } from "../../src/state/stateSecret.js";

/** An in-memory secret that can simulate another writer between byodkim's read and write. */
function memorySecret(initial: Record<string, unknown>, interfere?: (write: (text: string) => void, reads: number) => void) {
  let text = JSON.stringify(initial);
  let version = 1;
  let reads = 0;
  const write = (next: string) => {
    text = next;
    version += 1;
  };
  const port: StateStorePort = {
    readStateSecret: async (secretId) => {
      reads += 1;
      interfere?.(write, reads);
      return { secretId, versionId: `v${version}`, text };
    },
    writeStateSecret: async (_secretId, next) => {
      write(next);
      return { requestId: "r", versionId: `v${version}` };
    },
  };
  return { port, current: () => JSON.parse(text) as Record<string, unknown>, text: () => text, replace: write };
}

/** An in-memory S3 lock object with S3's conditional writes; `meanwhile` lets another writer in before a write lands. */
function memoryLockObject(initial?: string, meanwhile?: (put: (text: string) => void, writes: number) => void) {
  let object: { text: string; etag: string } | null = null;
  let etags = 0;
  let writes = 0;
  const put = (text: string) => {
    object = { text, etag: `"e${++etags}"` };
  };
  if (initial !== undefined) put(initial);
  const store: LockStorePort = {
    readLock: async () => (object ? { ...object } : null),
    writeLock: async (_bucket, _key, text, condition) => {
      meanwhile?.(put, ++writes);
      const holds = "ifAbsent" in condition ? object === null : object?.etag === condition.ifEtag;
      if (!holds) return null;
      put(text);
      return { requestId: "r", etag: `"e${etags}"` };
    },
    deleteLock: async (_bucket, _key, etag) => {
      if (object?.etag !== etag) return false;
      object = null;
      return true;
    },
  };
  return { store, put, current: () => (object ? (JSON.parse(object.text) as Record<string, unknown>) : null) };
}

const AT = { bucket: "keys", key: "dkim/locks/goo.ne.jp.json" };

const lock = (runId: string, expiresAt = "2099-01-01T00:00:00Z"): LockRecord => ({
  runId,
  owner: `arn:aws:iam::123456789012:user/${runId}`,
  host: `host-${runId}`,
  pid: 100,
  machine: "boot-1 pid:[4026531836]",
  command: "enable",
  startedAt: "2025-09-17T00:00:00Z",
  expiresAt,
});

const parsedHolder = (runId: string): LockHolder => {
  const found = parseLock(JSON.stringify(lock(runId)));
  if (found.kind !== "record") throw new Error("not a record");
  return found.holder;
};

async function refusal(promise: Promise<unknown>): Promise<ByodkimError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ByodkimError);
  return error as ByodkimError;
}

describe("state secret merge", () => {
  it("sets, replaces and removes fields, keeping the unknown ones", async () => {
    const secret = memorySecret({ keep: 1, current_phase: "6", gone: true });
    await updateState(secret.port, "s", () => ({ current_phase: "7", gone: undefined, added: "x" }));
    expect(secret.current()).toEqual({ keep: 1, current_phase: "7", added: "x" });
  });

  it("keeps the other fields byte for byte: a 20-digit number, odd spacing, 1.50, escapes", async () => {
    const original = '{ "ticket" : 12345678901234567890,\n\t"ratio":1.50, "name":"\\u00e9", "current_phase": "6" }';
    const secret = memorySecret({});
    secret.replace(original);
    const update = await updateState(secret.port, "s", () => ({ current_phase: "7", byodkim_lock: undefined }));
    expect(secret.text()).toBe('{ "ticket" : 12345678901234567890,\n\t"ratio":1.50, "name":"\\u00e9", "current_phase": "7" }');
    expect(update.after).toMatchObject({ current_phase: "7", ratio: 1.5 });
  });

  it("merges into another writer's version instead of overwriting it", async () => {
    const secret = memorySecret({ current_phase: "6" }, (write, reads) => {
      if (reads === 1) write(JSON.stringify({ current_phase: "6", other_team: "was here" }));
    });
    await updateState(secret.port, "s", () => ({ current_phase: "7" }));
    expect(secret.current()).toEqual({ current_phase: "7", other_team: "was here" });
  });
});

describe("change lock (an S3 object under conditional writes)", () => {
  const now = new Date("2025-09-17T01:00:00Z");

  it.each([
    ["dkim/{domain}/{selector}.pem", "dkim/locks/goo.ne.jp.json"],
    ["{domain}/{selector}.pem", "locks/goo.ne.jp.json"],
    ["keys/dkim-{domain}/{selector}.pem", "keys/locks/goo.ne.jp.json"],
  ])("lives beside the keys: template %s → %s", (template, key) => {
    expect(lockLocation({ bucket: "b", key: template }, "goo.ne.jp")).toEqual({ bucket: "b", key });
  });

  it.each([
    ["a lock record", JSON.stringify(lock("a")), { kind: "record", holder: { runId: "a", host: "host-a", pid: "100" } }],
    ["not JSON", "{", { kind: "unreadable", reason: "notJson" }],
    ["null", "null", { kind: "unreadable", reason: "notObject" }],
    ["an array", "[]", { kind: "unreadable", reason: "notObject" }],
    ["no expiry", JSON.stringify({ runId: "a" }), { kind: "unreadable", reason: "badExpiry", holder: { host: "?", pid: "?" } }],
    ["a loose date", JSON.stringify({ ...lock("a"), expiresAt: "Sep 17" }), { kind: "unreadable", reason: "badExpiry" }],
    ["an impossible date", JSON.stringify({ ...lock("a"), expiresAt: "2025-13-45T00:00:00Z" }), { kind: "unreadable", reason: "badExpiry" }],
  ])("parses %s", (_what, text, expected) => {
    expect(parseLock(text)).toMatchObject(expected);
  });

  it("is created only where none exists, and released by its holder only", async () => {
    const object = memoryLockObject();
    const held = await acquireLock(object.store, AT, lock("a"), now, false);
    expect(object.current()).toMatchObject({ runId: "a" });
    expect(await releaseLock(object.store, AT, { ...held, etag: '"someone-else"' })).toBe(false);
    expect(object.current()).toMatchObject({ runId: "a" });
    expect(await releaseLock(object.store, AT, held)).toBe(true);
    expect(object.current()).toBeNull();
  });

  it("refuses while another run holds it, naming its host and pid", async () => {
    const object = memoryLockObject(JSON.stringify(lock("other")));
    const error = await refusal(acquireLock(object.store, AT, lock("mine"), now, false));
    expect(error.what).toMatchObject({ key: "lock.held", params: { owner: "arn:aws:iam::123456789012:user/other", host: "host-other", pid: "100" } });
    expect(error.exitCode).toBe(1);
  });

  it("refuses the second of two runs that both found no lock, naming the first", async () => {
    // The rival's create lands between this run's read and its write: S3 answers the write 412.
    const object = memoryLockObject(undefined, (put, writes) => {
      if (writes === 1) put(JSON.stringify(lock("rival")));
    });
    const error = await refusal(acquireLock(object.store, AT, lock("mine"), now, false));
    expect(error.what).toMatchObject({ key: "lock.held", params: { host: "host-rival" } });
    expect(object.current()).toMatchObject({ runId: "rival" });
  });

  it("takes over a lock past its expiry (its run died), or any lock with --force-unlock", async () => {
    const expired = memoryLockObject(JSON.stringify(lock("dead", "2025-09-17T00:30:00Z")));
    const taken = await acquireLock(expired.store, AT, lock("mine"), now, false);
    expect(taken.replaced).toMatchObject({ kind: "record", holder: { runId: "dead" } });
    expect(expired.current()).toMatchObject({ runId: "mine" });
    const stuck = memoryLockObject(JSON.stringify(lock("stuck")));
    await acquireLock(stuck.store, AT, lock("mine"), now, true);
    expect(stuck.current()).toMatchObject({ runId: "mine" });
  });

  const HERE = "boot-1 pid:[4026531836]";
  it.each([
    ["its pid gone from this host", "host-dead", "100", HERE, [], true],
    ["its pid alive on this host", "host-dead", "100", HERE, [100], false],
    ["another host (its pid means nothing here)", "host-other", "100", HERE, [], false],
    ["this host's name in another pid namespace (a container on host networking)", "host-dead", "100", "boot-1 pid:[4026532001]", [], false],
    ["this host's name before a reboot", "host-dead", "100", "boot-0 pid:[4026531836]", [], false],
    ["no machine (an older byodkim's lock)", "host-dead", "100", null, [], false],
    ["a pid that is not a number byodkim wrote", "host-dead", "?", HERE, [], false],
    ["pid 0 (the process group)", "host-dead", "0", HERE, [], false],
  ] as const)("a live lock's holder with %s is dead here: %s", (_what, host, pid, machine, alive, dead) => {
    const here: ThisHost = { host: "host-dead", machine: HERE, alive: (candidate) => (alive as readonly number[]).includes(candidate) };
    const holder = { ...parsedHolder("x"), host, pid, machine };
    expect(holderIsDeadHere(holder, here)).toBe(dead);
    expect(holderIsDeadHere(holder, undefined)).toBe(false);
  });

  it("asks whether the holder is alive as of the time its lock was written (a pid reused since is not the holder)", () => {
    const asked: Date[] = [];
    const here: ThisHost = {
      host: "host-x",
      machine: HERE,
      alive: (_pid, lockedAt) => {
        asked.push(lockedAt);
        return false;
      },
    };
    expect(holderIsDeadHere(parsedHolder("x"), here)).toBe(true);
    expect(asked).toEqual([new Date("2025-09-17T00:00:00Z")]);
    expect(holderIsDeadHere({ ...parsedHolder("x"), startedAt: "?" }, here)).toBe(false);
  });

  it("takes over a live lock whose process is gone from this host, and says why; refuses one whose process runs", async () => {
    const here: ThisHost = { host: "host-dead", machine: "boot-1 pid:[4026531836]", alive: () => false };
    const dead = memoryLockObject(JSON.stringify(lock("dead")));
    const taken = await acquireLock(dead.store, AT, lock("mine"), now, false, here);
    expect(taken).toMatchObject({ takeover: "deadHolder", replaced: { kind: "record", holder: { runId: "dead" } } });
    expect(dead.current()).toMatchObject({ runId: "mine" });
    const running = memoryLockObject(JSON.stringify(lock("dead")));
    const error = await refusal(acquireLock(running.store, AT, lock("mine"), now, false, { ...here, alive: () => true }));
    expect(error.what).toMatchObject({ key: "lock.held" });
    const expired = memoryLockObject(JSON.stringify(lock("old", "2025-09-17T00:30:00Z")));
    expect(await acquireLock(expired.store, AT, lock("mine"), now, false, here)).toMatchObject({ takeover: "expired" });
    const forced = memoryLockObject(JSON.stringify(lock("stuck")));
    expect(await acquireLock(forced.store, AT, lock("mine"), now, true, here)).toMatchObject({ takeover: "forced" });
  });

  it("loses a takeover to a run that replaced the dead lock first, even with --force-unlock", async () => {
    const object = memoryLockObject(JSON.stringify(lock("dead", "2025-09-17T00:30:00Z")), (put, writes) => {
      if (writes === 1) put(JSON.stringify(lock("rival")));
    });
    const error = await refusal(acquireLock(object.store, AT, lock("mine"), now, true));
    expect(error.what).toMatchObject({ key: "lock.held", params: { host: "host-rival" } });
    expect(object.current()).toMatchObject({ runId: "rival" });
  });

  it("knows its own lock when its write landed but the answer was lost", async () => {
    let lost = true;
    const object = memoryLockObject();
    const store: LockStorePort = {
      ...object.store,
      writeLock: async (...args) => {
        const written = await object.store.writeLock(...args);
        if (!lost) return written;
        lost = false;
        // The SDK's retry of a write that S3 had applied meets the object it created: 412.
        return null;
      },
    };
    const held = await acquireLock(store, AT, lock("mine"), now, false);
    expect(held.runId).toBe("mine");
    expect(await releaseLock(store, AT, held)).toBe(true);
  });

  it("tells a run whether it still holds its lock, and who took it if not", async () => {
    const object = memoryLockObject();
    const held = await acquireLock(object.store, AT, lock("mine"), now, false);
    expect(await lockLostTo(object.store, AT, held)).toBeNull();
    object.put(JSON.stringify(lock("forcer")));
    expect((await lockLostTo(object.store, AT, held))?.what).toMatchObject({ key: "lock.taken", params: { host: "host-forcer", pid: "100" } });
    await object.store.deleteLock(AT.bucket, AT.key, (await object.store.readLock(AT.bucket, AT.key))!.etag);
    expect((await lockLostTo(object.store, AT, held))?.what.key).toBe("lock.gone");
    expect(await releaseLock(object.store, AT, held)).toBe(false);
  });
});

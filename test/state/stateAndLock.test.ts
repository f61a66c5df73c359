import { describe, expect, it } from "vitest";
import type { StateStorePort } from "../../src/aws/types.js";
import { ByodkimError } from "../../src/errors.js";
import { acquireLock, LOCK_FIELD, releaseLock, type LockRecord } from "../../src/state/lock.js";
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

const lock = (runId: string, expiresAt = "2099-01-01T00:00:00Z"): LockRecord => ({
  runId,
  owner: `arn:aws:iam::123456789012:user/${runId}`,
  host: "host",
  pid: 1,
  command: "enable",
  startedAt: "2025-09-17T00:00:00Z",
  expiresAt,
});

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

describe("change lock", () => {
  const now = new Date("2025-09-17T01:00:00Z");

  it("is taken when free and released by its holder only", async () => {
    const secret = memorySecret({ current_phase: "6" });
    await acquireLock(secret.port, "s", lock("a"), now, false);
    expect(secret.current()[LOCK_FIELD]).toMatchObject({ runId: "a" });
    await releaseLock(secret.port, "s", "b");
    expect(secret.current()[LOCK_FIELD]).toMatchObject({ runId: "a" });
    await releaseLock(secret.port, "s", "a");
    expect(secret.current()[LOCK_FIELD]).toBeUndefined();
    expect(secret.current()["current_phase"]).toBe("6");
  });

  it("refuses while another run holds it, naming the holder", async () => {
    const secret = memorySecret({ [LOCK_FIELD]: lock("other") });
    const error = await acquireLock(secret.port, "s", lock("mine"), now, false).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ByodkimError);
    expect((error as ByodkimError).what).toMatchObject({ key: "lock.held", params: { owner: "arn:aws:iam::123456789012:user/other" } });
    expect((error as ByodkimError).exitCode).toBe(1);
  });

  it("takes over a lock past its expiry (its run died), or with --force-unlock", async () => {
    const expired = memorySecret({ [LOCK_FIELD]: lock("dead", "2025-09-17T00:30:00Z") });
    await acquireLock(expired.port, "s", lock("mine"), now, false);
    expect(expired.current()[LOCK_FIELD]).toMatchObject({ runId: "mine" });
    const held = memorySecret({ [LOCK_FIELD]: lock("stuck") });
    await acquireLock(held.port, "s", lock("mine"), now, true);
    expect(held.current()[LOCK_FIELD]).toMatchObject({ runId: "mine" });
  });

  it("backs off when another run's lock lands right after its own", async () => {
    const secret = memorySecret({}, (write, reads) => {
      // byodkim reads twice and writes; its read-back (read 3) sees the rival's lock.
      if (reads === 3) write(JSON.stringify({ [LOCK_FIELD]: lock("rival") }));
    });
    const error = (await acquireLock(secret.port, "s", lock("mine"), now, false).catch((err: unknown) => err)) as ByodkimError;
    expect(error.what.key).toBe("lock.lostRace");
  });
});

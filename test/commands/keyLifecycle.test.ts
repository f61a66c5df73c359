import { describe, expect, it } from "vitest";
import { keygen, type KeygenResult } from "../../src/commands/keygen.js";
import { retire } from "../../src/commands/retire.js";
import { rollback } from "../../src/commands/rollback.js";
import { rotate } from "../../src/commands/rotate.js";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { parseBindTxtLine } from "../../src/dkim/handoff.js";
import { parsePrivateKey } from "../../src/dkim/privateKey.js";
import { PrivateKeyPem } from "../../src/dkim/privateKeyMaterial.js";
import { ExitCode } from "../../src/errors.js";
import { KEY_HISTORY_FIELD } from "../../src/state/keyHistory.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { keygenIn } from "../support/keygenRun.js";

type World = ReturnType<typeof newWorld>;
// One key for every world: generating one per test costs more than the tests.
const key = generateTestKey(2048);
const PHASE_7 = { current_phase: "7", selector: SELECTOR, byodkim_enabled: true, phase_7_completed_at: "2026-10-25T00:00:00.000Z" };
/** An identity byodkim switched to BYODKIM with SELECTOR (the fake's key) at Phase-7. */
const byodkimWorld = () =>
  newWorld({ key, dkim: { origin: "EXTERNAL", tokens: [SELECTOR], status: "SUCCESS", signingEnabled: true, signingHostedZone: undefined }, state: PHASE_7 });
const DAY_MS = 86_400_000;
/** keygen's selector for the fake clock's first day (2026-11-25). */
const FIRST_NEW = "gooid-21-pro-20261125-1";
const objectKeyOf = (world: World, selector: string) => privateKeyObjectKey(world.ctx.config.keys.key, DOMAIN, selector);

const rotateIn = (world: World, to: string | undefined, overrides: { yes?: boolean; dryRun?: boolean } = {}) =>
  rotate(world.ctx, { domain: DOMAIN, to, yes: overrides.yes ?? true, dryRun: overrides.dryRun ?? false, waitSeconds: 60, forceUnlock: false });
const retireIn = (world: World, selector: string, overrides: { yes?: boolean; deleteKey?: boolean } = {}) =>
  retire(world.ctx, { selector, domain: DOMAIN, deleteKey: overrides.deleteKey ?? false, yes: overrides.yes ?? true, dryRun: false });
const historyOf = (world: World) => (world.state()[KEY_HISTORY_FIELD] ?? {}) as Record<string, Record<string, unknown>>;

/** The PEM body lines of the key keygen stored, read back as rotate would. */
async function storedBodyLines(world: World, selector: string): Promise<string[]> {
  const pem = await world.ctx.aws.keys.fetchPrivateKeyPem(world.ctx.config.keys.bucket, objectKeyOf(world, selector));
  expect(pem).not.toBeNull();
  return pem!
    .revealPem()
    .split("\n")
    .filter((line) => line.length > 0 && !line.startsWith("-----"));
}

/** keygen, then the DNS team publishes the hand-off: the first two steps of the monthly cycle. */
async function newKeyPublished(world: World): Promise<KeygenResult & { selector: string }> {
  const made = await keygenIn(world);
  expect(made).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
  world.publishAt(made.handoff!);
  return made as KeygenResult & { selector: string };
}

/** Two monthly cycles: SELECTOR → first → second, so `first` stopped signing at the second rotation and its object is keygen's. */
async function twoRotations(world: World): Promise<{ first: string; second: string; secondRotatedAt: string }> {
  const first = await newKeyPublished(world);
  expect((await rotateIn(world, first.selector)).outcome).toBe("completed");
  await world.ctx.clock.sleep(31 * DAY_MS);
  const second = await newKeyPublished(world);
  expect(second.selector).toBe("gooid-21-pro-20261226-1");
  expect((await rotateIn(world, second.selector)).outcome).toBe("completed");
  return { first: first.selector, second: second.selector, secondRotatedAt: String(world.state()["rotated_at"]) };
}

describe("keygen: a new key in S3 and the record for the DNS team", () => {
  it("writes exactly one key object, records it in the key history and hands off the record for its selector", async () => {
    const world = byodkimWorld();
    const result = await keygenIn(world);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, selector: FIRST_NEW, rollbackCommand: null });
    expect(result.calls).toEqual([{ name: "PutObject", requestId: expect.any(String), outcome: "ok" }]);
    expect(world.keyObjects()).toEqual([objectKeyOf(world, FIRST_NEW)]);
    expect(world.keyTags(objectKeyOf(world, FIRST_NEW))).toEqual({ "byodkim:selector": FIRST_NEW, "byodkim:status": "created" });
    expect(world.mutations()).toEqual([]);

    const stored = await world.ctx.aws.keys.fetchPrivateKeyPem(world.ctx.config.keys.bucket, objectKeyOf(world, FIRST_NEW));
    const fingerprint = parsePrivateKey(stored!).publicKeyFingerprint;
    expect(historyOf(world)[FIRST_NEW]).toEqual({
      status: "created",
      created_at: "2026-11-25T10:00:00.000Z",
      bits: 2048,
      fingerprint,
      location: `s3://keys/${objectKeyOf(world, FIRST_NEW)}`,
    });
    expect(world.state()).toMatchObject({ current_phase: "7", selector: SELECTOR });

    const line = parseBindTxtLine(result.dnsRecordsNeeded[0] ?? "");
    expect(line?.name).toBe(`${FIRST_NEW}._domainkey.${DOMAIN}`);
    expect(result.handoff?.name).toBe(`${FIRST_NEW}._domainkey.${DOMAIN}`);
    expect(result.handoff?.value).toBe(`v=DKIM1; k=rsa; p=${parsePrivateKey(stored!).publicKeySpkiDer.toString("base64")}`);
  });

  it("leaves no key material in any event, journal entry, state version or lock, nor in its result", async () => {
    const world = byodkimWorld();
    const result = await keygenIn(world);
    expect(result.outcome).toBe("completed");
    const body = await storedBodyLines(world, FIRST_NEW);
    expect(body.length).toBeGreaterThan(20);
    const everything = `${world.everything()}${JSON.stringify(result)}`;
    expect(body.filter((line) => everything.includes(line))).toEqual([]);
  });

  it("takes --selector when it is free", async () => {
    const world = byodkimWorld();
    const result = await keygenIn(world, { selector: "gooid-21-pro-20261125-7" });
    expect(result).toMatchObject({ outcome: "completed", selector: "gooid-21-pro-20261125-7" });
    expect(world.keyObjects()).toEqual([objectKeyOf(world, "gooid-21-pro-20261125-7")]);
  });

  it("refuses --selector of a key already in S3 before anything is asked or written", async () => {
    const world = byodkimWorld();
    world.before("prompt", () => {
      throw new Error("asked to confirm a key that would overwrite another");
    });
    const result = await keygenIn(world, { selector: SELECTOR, yes: false });
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed, journalPath: null, handoff: null });
    expect(result.gates.find((gate) => gate.id === "selector")?.detail.key).toBe("gate.selector.taken");
    expect(world.keyObjects()).toEqual([]);
  });

  it("loses a race for the object cleanly: nothing overwritten, nothing changed, exit 4, the other writer named", async () => {
    const world = byodkimWorld();
    const other = generateTestKey(2048);
    const objectKey = objectKeyOf(world, FIRST_NEW);
    let raced = false;
    // The first PutObject is the lock's; the one made while the lock is held is the key's.
    world.before("PutObject", async () => {
      if (world.lock() === null || raced) return;
      raced = true;
      await world.ctx.aws.keys.putNewKey(world.ctx.config.keys.bucket, objectKey, new PrivateKeyPem(other.pem), {
        kmsKeyId: undefined,
        tags: { "byodkim:selector": FIRST_NEW },
      });
    });
    const result = await keygenIn(world);
    expect(raced).toBe(true);
    expect(result).toMatchObject({ outcome: "failedDuringChange", exitCode: ExitCode.awsFailureDuringChange, sesChange: "none", rollbackCommand: null });
    expect(result.error?.what).toEqual({ key: "keygen.raceLost", params: { location: `s3://keys/${objectKey}` } });
    expect(result.summary.key).toBe("change.summary.objects.failedDuringChange.nothingChanged");
    expect(result.handoff).toBeNull();
    const stored = await world.ctx.aws.keys.fetchPrivateKeyPem(world.ctx.config.keys.bucket, objectKey);
    expect(stored?.revealPem()).toBe(other.pem);
    expect(historyOf(world)[FIRST_NEW]).toBeUndefined();
    expect(world.lock()).toBeNull();
  });

  it("is told the key is written when PutObject's answer was lost after S3 stored our object, and completes", async () => {
    const world = byodkimWorld();
    let armed = false;
    world.before("PutObject", () => {
      if (world.lock() === null || armed) return;
      armed = true;
      world.fail("PutObject", { times: 1, apply: true });
    });
    const result = await keygenIn(world);
    expect(armed).toBe(true);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, selector: FIRST_NEW });
    expect(result.warnings.map((warning) => warning.key)).toContain("change.failedButReached");
    expect(world.keyObjects()).toEqual([objectKeyOf(world, FIRST_NEW)]);
    expect(historyOf(world)[FIRST_NEW]).toMatchObject({ status: "created", bits: 2048 });
    expect(result.dnsRecordsNeeded).toHaveLength(1);
  });

  it("stops at the re-check when another writer put an object at the chosen place while the operator sat at the prompt", async () => {
    const world = byodkimWorld();
    const other = generateTestKey(2048);
    world.answer("y");
    world.before("prompt", () =>
      world.ctx.aws.keys.putNewKey(world.ctx.config.keys.bucket, objectKeyOf(world, FIRST_NEW), new PrivateKeyPem(other.pem), {
        kmsKeyId: undefined,
        tags: {},
      }),
    );
    const result = await keygenIn(world, { yes: false });
    expect(result).toMatchObject({ outcome: "recheckFailed", exitCode: ExitCode.checkFailed, calls: [] });
    // The re-check lists the other writer's object under the selector the operator confirmed.
    expect(result.gates.find((gate) => gate.id === "selector")?.detail.key).toBe("gate.selector.taken");
    const stored = await world.ctx.aws.keys.fetchPrivateKeyPem(world.ctx.config.keys.bucket, objectKeyOf(world, FIRST_NEW));
    expect(stored?.revealPem()).toBe(other.pem);
  });

  it("keeps the key and warns when its entry in the key history cannot be written", async () => {
    const world = byodkimWorld();
    world.fail("PutSecretValue", { times: 10 });
    const result = await keygenIn(world);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(result.warnings.map((warning) => warning.key)).toContain("keygen.historyNotRecorded");
    expect(world.keyObjects()).toEqual([objectKeyOf(world, FIRST_NEW)]);
    expect(historyOf(world)[FIRST_NEW]).toBeUndefined();
  });

  it("changes nothing when the operator answers n", async () => {
    const world = byodkimWorld();
    const before = world.stateText();
    world.answer("n");
    const result = await keygenIn(world, { yes: false });
    expect(result).toMatchObject({ outcome: "declined", exitCode: ExitCode.declined, calls: [], handoff: null, dnsRecordsNeeded: [] });
    expect(world.keyObjects()).toEqual([]);
    expect(world.stateText()).toBe(before);
  });

  it("writes nothing on a dry run", async () => {
    const world = byodkimWorld();
    const before = world.stateText();
    const result = await keygenIn(world, { dryRun: true });
    expect(result).toMatchObject({ outcome: "dryRun", exitCode: ExitCode.ok, calls: [] });
    expect(world.journalEvents(result.journalPath)).toEqual(["run-started", "gates", "plan", "ended"]);
    expect(result.plan?.calls.map((call) => call.name)).toEqual(["PutObject"]);
    expect(world.keyObjects()).toEqual([]);
    expect(world.calls).not.toContain("PutObject");
    expect(world.stateText()).toBe(before);
  });
});

describe("keygen with keys.kmsKeyId", () => {
  it("plans the new key under SSE-KMS with that key", async () => {
    const world = byodkimWorld();
    const config = { ...world.ctx.config, keys: { ...world.ctx.config.keys, kmsKeyId: "alias/dkim-keys" } };
    const result = await keygen({ ...world.ctx, config }, { domain: DOMAIN, selector: undefined, bits: 2048, yes: true, dryRun: true, outDir: undefined });
    expect(result.plan?.details).toMatchObject({ encryption: "aws:kms", kmsKeyId: "alias/dkim-keys" });
    expect(result.gates.find((gate) => gate.id === "key")?.lines?.[0]?.params).toMatchObject({ encryption: "SSE-KMS alias/dkim-keys" });
  });
});

describe("rotate: SES to the new key, the old one kept verifiable", () => {
  it("refuses to rotate to the same key under a new name, with no SES call", async () => {
    const world = byodkimWorld();
    world.uploadKey(FIRST_NEW);
    const result = await rotateIn(world, FIRST_NEW);
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed, journalPath: null });
    expect(result.gates.find((gate) => gate.id === "rotation")?.detail.key).toBe("gate.rotation.sameKey");
    expect(world.mutations()).toEqual([]);
    expect(world.dkim.tokens).toEqual([SELECTOR]);
  });

  it("refuses to rotate an Easy DKIM identity, with no SES call, and names enable", async () => {
    const world = newWorld({ key, state: PHASE_7 });
    world.uploadKey(FIRST_NEW);
    const result = await rotateIn(world, FIRST_NEW);
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed });
    const gate = result.gates.find((found) => found.id === "rotation");
    expect(gate).toMatchObject({ status: "fail", detail: { key: "gate.rotation.notByodkim", params: { origin: "AWS_SES" } } });
    expect(gate?.lines?.map((line) => line.key)).toEqual(["gate.rotation.notByodkim.hint"]);
    expect(world.mutations()).toEqual([]);
  });

  it("refuses to rotate before Phase-7, with no SES call", async () => {
    const world = newWorld({ key, dkim: { origin: "EXTERNAL", tokens: [SELECTOR], signingHostedZone: undefined }, state: { current_phase: "6" } });
    const made = await newKeyPublished(world);
    const result = await rotateIn(world, made.selector);
    expect(result.outcome).toBe("gatesFailed");
    expect(result.gates.find((gate) => gate.id === "state")?.detail.key).toBe("gate.state.rotationNeedsPhase7");
    expect(world.mutations()).toEqual([]);
  });

  it("refuses while the new key's record is not published yet", async () => {
    const world = byodkimWorld();
    const made = await keygenIn(world);
    const result = await rotateIn(world, made.selector ?? undefined);
    expect(result.outcome).toBe("gatesFailed");
    expect(result.gates.find((gate) => gate.id === "dns")?.status).toBe("fail");
    expect(world.mutations()).toEqual([]);
  });

  it("switches SES, records the rotation and starts the old key's grace period", async () => {
    const world = byodkimWorld();
    const made = await newKeyPublished(world);
    const result = await rotateIn(world, made.selector);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, selector: made.selector });
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
    expect(world.dkim).toMatchObject({ origin: "EXTERNAL", tokens: [made.selector], signingEnabled: true });
    expect(result.next).toEqual({ key: "rotate.next", params: { domain: DOMAIN, from: SELECTOR, date: "2026-12-02T10:00:00.000Z" } });

    const state = world.state();
    expect(state).toMatchObject({ current_phase: "7", selector: made.selector, previous_selector: SELECTOR, rotated_at: "2026-11-25T10:00:00.000Z" });
    const history = historyOf(world);
    expect(history[made.selector]).toMatchObject({ status: "active", active_since: state["rotated_at"], bits: 2048 });
    expect(history[made.selector]?.["fingerprint"]).toBe(result.plan?.details["toFingerprint"]);
    expect(history[SELECTOR]).toEqual({ status: "retiring", retiring_since: state["rotated_at"], retire_after: "2026-12-02T10:00:00.000Z" });
    expect(world.lock()).toBeNull();
  });

  it("refuses when the current selector's record is no longer served: mail signed minutes ago must still verify", async () => {
    const world = byodkimWorld();
    const made = await newKeyPublished(world);
    world.publishAt({ name: `${SELECTOR}._domainkey.${DOMAIN}`, strings: ["v=DKIM1; k=rsa; p="] });
    const result = await rotateIn(world, made.selector);
    expect(result.outcome).toBe("gatesFailed");
    expect(result.gates.find((gate) => gate.id === "current")).toMatchObject({ status: "fail", detail: { key: "gate.current.dnsGone" } });
    expect(world.mutations()).toEqual([]);
  });

  it("a rotation whose record could not be written is finished by running it again, with no second SES call", async () => {
    const world = byodkimWorld();
    const made = await newKeyPublished(world);
    // The snapshot is written before the SES call; the record after it.
    world.before("PutEmailIdentityDkimSigningAttributes", () => world.fail("PutSecretValue", { times: 10 }));
    const failed = await rotateIn(world, made.selector);
    expect(failed).toMatchObject({ outcome: "recordFailed", exitCode: ExitCode.awsFailureDuringChange, sesChange: "target" });
    expect(world.state()["selector"]).toBe(SELECTOR);
    world.before("PutEmailIdentityDkimSigningAttributes", () => {});
    world.fail("PutSecretValue", { times: 0 });

    const again = await rotateIn(world, made.selector);
    expect(again).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(again.plan?.recordOnly).toBe(true);
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
    expect(world.state()).toMatchObject({ current_phase: "7", selector: made.selector, previous_selector: SELECTOR });
    expect(historyOf(world)[SELECTOR]).toMatchObject({ status: "retiring" });
    expect(historyOf(world)[made.selector]).toMatchObject({ status: "active" });
  });

  it("has nothing to do the second time, and makes no SES call", async () => {
    const world = byodkimWorld();
    const made = await newKeyPublished(world);
    expect((await rotateIn(world, made.selector)).outcome).toBe("completed");
    const again = await rotateIn(world, made.selector);
    expect(again).toMatchObject({ outcome: "upToDate", exitCode: ExitCode.ok });
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
  });

  it("rollback --to previous afterwards returns SES to the old selector and keeps Phase-7", async () => {
    const world = byodkimWorld();
    const made = await newKeyPublished(world);
    expect((await rotateIn(world, made.selector)).outcome).toBe("completed");
    await world.ctx.clock.sleep(3_600_000);

    const result = await rollback(world.ctx, { domain: DOMAIN, to: "previous", yes: true, dryRun: false, reason: "test", forceUnlock: false });
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, plan: { details: { target: "previous", previousSelector: SELECTOR } } });
    expect(world.dkim).toMatchObject({ origin: "EXTERNAL", tokens: [SELECTOR], signingEnabled: true });
    expect(world.state()).toMatchObject({ current_phase: "7", selector: SELECTOR, byodkim_enabled: true, rollback_target: "previous" });
    const history = historyOf(world);
    expect(history[SELECTOR]).toEqual({ status: "active", active_since: "2026-11-25T11:00:00.000Z" });
    expect(history[made.selector]).toMatchObject({ status: "retiring", retiring_since: "2026-11-25T11:00:00.000Z", retire_after: "2026-12-02T11:00:00.000Z" });
  });
});

describe("retire: the end of a key's life", () => {
  it("refuses to retire the selector SES signs with", async () => {
    const world = byodkimWorld();
    const result = await retireIn(world, SELECTOR);
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed, handoff: null, dnsRecordsNeeded: [] });
    expect(result.gates.find((gate) => gate.id === "ses")?.detail.key).toBe("gate.ses.selectorActive");
    expect(world.calls).not.toContain("PutObjectTagging");
  });

  it("refuses inside the grace period and says when it ends", async () => {
    const world = byodkimWorld();
    const { first, secondRotatedAt } = await twoRotations(world);
    await world.ctx.clock.sleep(3 * DAY_MS);
    const result = await retireIn(world, first);
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed });
    const grace = result.gates.find((gate) => gate.id === "grace");
    expect(grace).toMatchObject({
      status: "fail",
      detail: { key: "gate.grace.tooSoon", params: { since: secondRotatedAt, until: "2027-01-02T10:00:00.000Z" } },
    });
    expect(world.keyTags(objectKeyOf(world, first))?.["byodkim:status"]).toBe("created");
    expect(historyOf(world)[first]?.["status"]).toBe("retiring");
  });

  it("after the grace period tags the object retired, records it and hands off the revocation record", async () => {
    const world = byodkimWorld();
    const { first } = await twoRotations(world);
    await world.ctx.clock.sleep(8 * DAY_MS);
    const result = await retireIn(world, first);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, selector: first });
    expect(result.calls.map((call) => `${call.name}:${call.outcome}`)).toEqual(["PutObjectTagging:ok"]);
    expect(world.keyTags(objectKeyOf(world, first))).toEqual({ "byodkim:selector": first, "byodkim:status": "retired", "byodkim:retired-at": "2027-01-03" });
    expect(world.keyObjects()).toContain(objectKeyOf(world, first));
    expect(historyOf(world)[first]).toMatchObject({ status: "retired", retired_at: "2027-01-03T10:00:00.000Z" });
    expect(historyOf(world)[first]).not.toHaveProperty("deleted_at");
    expect(result.handoff).toMatchObject({ name: `${first}._domainkey.${DOMAIN}`, value: "v=DKIM1; k=rsa; p=" });
    expect(result.dnsRecordsNeeded).toEqual([result.handoff?.bindLine]);
    expect(world.mutations().filter((name) => name === "PutEmailIdentityDkimSigningAttributes")).toHaveLength(2);
  });

  it("has nothing to do the second time: no tag call, the first retired_at kept", async () => {
    const world = byodkimWorld();
    const { first } = await twoRotations(world);
    await world.ctx.clock.sleep(8 * DAY_MS);
    expect((await retireIn(world, first)).outcome).toBe("completed");
    await world.ctx.clock.sleep(DAY_MS);
    const again = await retireIn(world, first);
    expect(again).toMatchObject({ outcome: "upToDate", exitCode: ExitCode.ok, journalPath: null });
    expect(world.calls.filter((name) => name === "PutObjectTagging")).toHaveLength(1);
    expect(historyOf(world)[first]).toMatchObject({ status: "retired", retired_at: "2027-01-03T10:00:00.000Z" });
  });

  it("retires a key keygen made and SES never signed with, without a grace period", async () => {
    const world = byodkimWorld();
    const made = await keygenIn(world);
    const result = await retireIn(world, made.selector!);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(result.gates.find((gate) => gate.id === "grace")?.detail.key).toBe("gate.grace.neverSigned");
    expect(world.keyTags(objectKeyOf(world, made.selector!))?.["byodkim:status"]).toBe("retired");
  });

  it("refuses a selector nothing byodkim recorded says stopped signing", async () => {
    const world = newWorld({
      key,
      dkim: { origin: "EXTERNAL", tokens: [FIRST_NEW], signingHostedZone: undefined },
      state: { current_phase: "7", selector: FIRST_NEW },
    });
    const result = await retireIn(world, SELECTOR);
    expect(result.outcome).toBe("gatesFailed");
    expect(result.gates.find((gate) => gate.id === "grace")?.detail.key).toBe("gate.grace.unknown");
  });

  it("--delete-key needs the typed selector even with --yes: y is declined and the key stays", async () => {
    const world = byodkimWorld();
    const { first } = await twoRotations(world);
    await world.ctx.clock.sleep(8 * DAY_MS);
    world.answer("y");
    const result = await retireIn(world, first, { yes: true, deleteKey: true });
    expect(result).toMatchObject({ outcome: "declined", exitCode: ExitCode.declined, calls: [] });
    expect(world.keyObjects()).toContain(objectKeyOf(world, first));
    expect(historyOf(world)[first]?.["status"]).toBe("retiring");
  });

  it("--delete-key with the selector typed tags, then deletes the key and records the deletion", async () => {
    const world = byodkimWorld();
    const { first } = await twoRotations(world);
    await world.ctx.clock.sleep(8 * DAY_MS);
    world.answer(first);
    const result = await retireIn(world, first, { yes: true, deleteKey: true });
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(result.calls.map((call) => `${call.name}:${call.outcome}`)).toEqual(["PutObjectTagging:ok", "DeleteObject:ok"]);
    expect(world.keyObjects()).not.toContain(objectKeyOf(world, first));
    expect(historyOf(world)[first]).toMatchObject({ status: "retired", retired_at: "2027-01-03T10:00:00.000Z", deleted_at: "2027-01-03T10:00:00.000Z" });
  });
});

describe("what a lifecycle change says when it does not complete", () => {
  it("hands no revocation record to the DNS team after the operator says no to retire", async () => {
    const world = byodkimWorld();
    const made = await keygenIn(world);
    world.answer("n");
    const result = await retireIn(world, made.selector!, { yes: false });
    expect(result).toMatchObject({ outcome: "declined", handoff: null, dnsRecordsNeeded: [] });
  });

  it("tells retire --delete-key whose tag went through but whose delete failed that SES's key object changed part-way", async () => {
    const world = byodkimWorld();
    const made = await keygenIn(world);
    world.answer(made.selector!);
    world.fail("DeleteObject", { times: 1 });
    const result = await retireIn(world, made.selector!, { deleteKey: true });
    expect(result.calls.map((call) => `${call.name}:${call.outcome}`)).toEqual(["PutObjectTagging:ok", "DeleteObject:failed"]);
    expect(world.keyTags(objectKeyOf(world, made.selector!))?.["byodkim:status"]).toBe("retired");
    expect(result).toMatchObject({ outcome: "failedDuringChange", sesChange: "partial" });
  });

  it("names the selector it chose in the finish command of a rotation SES has not confirmed", async () => {
    const world = byodkimWorld();
    await newKeyPublished(world);
    // SES takes the key but stays PENDING, so the wait runs out.
    world.before("PutEmailIdentityDkimSigningAttributes", () => world.before("GetEmailIdentity", () => Object.assign(world.dkim, { status: "PENDING" })));
    const result = await rotate(world.ctx, { domain: DOMAIN, to: undefined, yes: true, dryRun: false, waitSeconds: 0, forceUnlock: false });
    expect(result).toMatchObject({ outcome: "timedOut", selector: FIRST_NEW });
    expect(result.finishCommand).toBe(`byodkim rotate ${DOMAIN} --to ${FIRST_NEW}`);
  });
});

describe("keygen and retire speak of the key object, not SES, when they stop", () => {
  it("says the key object is as before when S3 refuses keygen's write", async () => {
    const world = byodkimWorld();
    world.before("PutObject", () => {
      if (world.lock() !== null) world.fail("PutObject", { times: 1 });
    });
    const result = await keygenIn(world);
    expect(result).toMatchObject({
      outcome: "failedDuringChange",
      sesChange: "none",
      summary: { key: "change.summary.objects.failedDuringChange.nothingChanged" },
    });
    expect(world.keyObjects()).toEqual([]);
  });
});

describe("a retired key is never signed with again", () => {
  it("rollback --to previous refuses a previous selector that was retired, and names the rollbacks that need no old key", async () => {
    const world = byodkimWorld();
    const { first } = await twoRotations(world);
    await world.ctx.clock.sleep(8 * DAY_MS);
    expect((await retireIn(world, first)).outcome).toBe("completed");
    // The last rotation's snapshot names `first`, now retired.
    const result = await rollback(world.ctx, { domain: DOMAIN, to: "previous", yes: true, dryRun: false, reason: "test", forceUnlock: false });
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed });
    const gate = result.gates.find((candidate) => candidate.id === "key");
    expect(gate).toMatchObject({
      status: "fail",
      detail: { key: "rollback.previousRetired" },
      lines: [{ key: "rollback.otherTargets.both", params: { domain: DOMAIN } }],
    });
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimSigningAttributes"]);
  });

  it("rotate --to a retired selector is refused, with no SES call", async () => {
    const world = byodkimWorld();
    const { first } = await twoRotations(world);
    await world.ctx.clock.sleep(8 * DAY_MS);
    expect((await retireIn(world, first)).outcome).toBe("completed");
    const result = await rotateIn(world, first);
    expect(result.outcome).toBe("gatesFailed");
    expect(result.gates.find((gate) => gate.id === "rotation")).toMatchObject({ status: "fail", detail: { key: "gate.rotation.targetRetired" } });
    expect(world.mutations()).toHaveLength(2);
  });

  it("keygen never hands out a selector the key history knows, even after its key was deleted", async () => {
    const world = byodkimWorld();
    const made = await keygenIn(world);
    world.answer(made.selector!);
    expect((await retireIn(world, made.selector!, { deleteKey: true })).outcome).toBe("completed");
    const next = await keygenIn(world);
    expect(next.selector).not.toBe(made.selector);
    expect(historyOf(world)[made.selector!]).toMatchObject({ status: "retired", deleted_at: expect.any(String) });
  });
});

describe("retire's grace period and its advice", () => {
  it("keeps the grace period the rotation promised when the config's is shorter now", async () => {
    const world = byodkimWorld();
    const { first } = await twoRotations(world);
    const shorter = { ...world.ctx, config: { ...world.ctx.config, rotation: { ...world.ctx.config.rotation, graceDays: 0 } } };
    const result = await retire(shorter, { selector: first, domain: DOMAIN, deleteKey: false, yes: true, dryRun: false });
    expect(result.outcome).toBe("gatesFailed");
    expect(result.gates.find((gate) => gate.id === "grace")).toMatchObject({ status: "fail", detail: { key: "gate.grace.tooSoon" } });
  });

  it("retires a key keygen made whose history entry could not be written, by its S3 tag", async () => {
    const world = byodkimWorld();
    world.before("PutObject", () => {
      if (world.lock() !== null) world.fail("PutSecretValue", { times: 1 });
    });
    const made = await keygenIn(world);
    expect(made.warnings.map((warning) => warning.key)).toContain("keygen.historyNotRecorded");
    world.before("PutObject", () => {});
    const result = await retireIn(world, made.selector!);
    expect(result.gates.find((gate) => gate.id === "grace")).toMatchObject({ status: "pass", detail: { key: "gate.grace.neverSigned" } });
    expect(result.outcome).toBe("completed");
  });

  it("offers to finish, never to undo, a retire --delete-key whose delete failed after its tag", async () => {
    const world = byodkimWorld();
    const made = await keygenIn(world);
    world.answer(made.selector!);
    world.fail("DeleteObject", { times: 1 });
    const result = await retireIn(world, made.selector!, { deleteKey: true });
    expect(result).toMatchObject({ rollbackCommand: null, finishCommand: `byodkim retire ${made.selector} ${DOMAIN} --delete-key` });
  });

  it.each([["keygen's y/N", "keygen.summary.declined", (world: World) => keygenIn(world, { yes: false })]] as const)(
    "says what was not answered when %s is declined",
    async (_what, key, run) => {
      const world = byodkimWorld();
      world.answer("n");
      expect((await run(world)).summary.key).toBe(key);
    },
  );

  it("says the selector was not typed when retire --delete-key is declined, and y/N when retire is", async () => {
    const world = byodkimWorld();
    const made = await keygenIn(world);
    world.answer("y");
    expect((await retireIn(world, made.selector!, { deleteKey: true })).summary.key).toBe("retire.summary.declinedDelete");
    world.answer("n");
    expect((await retireIn(world, made.selector!, { yes: false })).summary.key).toBe("retire.summary.declined");
  });

  it("a keygen dry run hands nothing to the DNS team", async () => {
    const world = byodkimWorld();
    const result = await keygenIn(world, { dryRun: true });
    expect(result).toMatchObject({ outcome: "dryRun", dnsRecordsNeeded: [] });
    expect(result.handoff).not.toBeNull();
  });
});

describe("a lock the run could not release", () => {
  it("is said with the change's result, with when it expires, rather than found by the next run", async () => {
    const world = byodkimWorld();
    const made = await newKeyPublished(world);
    world.fail("DeleteObject", { times: 1 });
    const result = await rotateIn(world, made.selector);
    expect(result.outcome).toBe("completed");
    expect(result.warnings.map((warning) => warning.key)).toContain("change.lockLeft");
    expect(world.lock()).not.toBeNull();
  });
});

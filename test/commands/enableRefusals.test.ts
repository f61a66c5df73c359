import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import type { ChangeResult } from "../../src/engine/change/changeTypes.js";
import { ExitCode } from "../../src/errors.js";
import { changeJson, renderChangeText } from "../../src/ui/renderChange.js";
import { DOMAIN, fakeWorld as newWorld, OPERATOR, SELECTOR } from "../support/fakeWorld.js";
import { dkimRecordStrings, generateTestKey } from "../support/keys.js";
import { keyFree, plainOutput } from "../support/plainOutput.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const fakeWorld = (options: Parameters<typeof newWorld>[0] = {}) => newWorld({ key, ...options });
const enableIn = (world: World, yes = true) =>
  enable(world.ctx, { domain: DOMAIN, selector: undefined, yes, dryRun: false, waitSeconds: 60, forceUnlock: false });
const TXT_NAME = `${SELECTOR}._domainkey.${DOMAIN}`;
const text = (result: ChangeResult, lang: "en" | "ja" = "en") => keyFree(renderChangeText(plainOutput(lang), result), key.canaries);
const json = (result: ChangeResult) => {
  const document = changeJson(plainOutput("en", true), result);
  keyFree(JSON.stringify(document), key.canaries);
  return document as { outcome: string; gates: { id: string; status: string; code: string }[] } & Record<string, unknown>;
};

describe("enable refuses with exit 1 and no mutating call when a gate fails (in process, fakes)", () => {
  it.each([
    ["the TXT record holds another key", "dns", (world: World) => world.publish(generateTestKey(1024))],
    [
      "no TXT record at the selector yet",
      "dns",
      (world: World) => world.answerAt(TXT_NAME, [{ server: { label: "ns1", role: "configured" }, answer: { kind: "nxdomain" } }]),
    ],
    [
      "the TXT record is on the first nameserver only",
      "dns",
      (world: World) =>
        world.answerAt(TXT_NAME, [
          { server: { label: "ns1", role: "authoritative" }, answer: { kind: "records", records: [dkimRecordStrings(key.publicKeyBase64)] } },
          { server: { label: "ns2", role: "authoritative" }, answer: { kind: "nxdomain" } },
        ]),
    ],
    ["the bounce-rate alarm is in ALARM", "alarms", (world: World) => world.setAlarm("ALARM")],
  ])("%s", async (_what, gate, twist) => {
    const world = fakeWorld();
    twist(world);
    const result = await enableIn(world);
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed, journalPath: null });
    expect(result.gates.find((candidate) => candidate.id === gate)?.status).toBe("fail");
    expect(text(result)).toContain("enable refused: a gate failed. Nothing was changed.");
    expect(world.mutations()).toEqual([]);
  });

  it("refuses at Phase-5: Phase-6 must be done first (en and ja)", async () => {
    const world = fakeWorld({ state: { current_phase: "5", projectName: "aws-ses-migration" } });
    const result = await enableIn(world);
    expect(result.exitCode).toBe(ExitCode.checkFailed);
    expect(json(result).outcome).toBe("gatesFailed");
    expect(json(result).gates.find((gate) => gate.id === "state")).toMatchObject({ status: "fail", code: "gate.state.phase6First" });
    expect(text(result, "ja")).toContain("Phase-7 の前に Phase-6 を完了させる必要があります");
    expect(world.mutations()).toEqual([]);
    expect(world.state()["current_phase"]).toBe("5");
  });

  it.each([
    ["identity", "GetCallerIdentity"],
    ["selector", "ListObjectsV2"],
    ["key", "GetObject"],
    ["ses", "GetEmailIdentity"],
    ["alarms", "DescribeAlarms"],
    ["state", "GetSecretValue"],
  ])("when the %s gate cannot read AWS (%s denied)", async (gate, operation) => {
    const world = fakeWorld();
    world.fail(operation, { times: 100 });
    const result = await enableIn(world);
    expect(result.exitCode).toBe(ExitCode.checkFailed);
    const document = json(result);
    expect(document.outcome).toBe("gatesFailed");
    expect(document.gates.find((candidate) => candidate.id === gate)).toMatchObject({ status: "fail", code: "aws.accessDenied" });
    expect(world.mutations()).toEqual([]);
  });

  it("refuses at the re-check when the TXT record changed while the operator sat at the prompt, and says so", async () => {
    const world = fakeWorld();
    world.answer(DOMAIN);
    world.before("prompt", () => world.publish(generateTestKey(1024)));
    const result = await enableIn(world, false);
    expect(result).toMatchObject({ outcome: "recheckFailed", exitCode: ExitCode.checkFailed });
    expect(text(result)).toContain("the gates changed while waiting at the prompt");
    expect(world.mutations()).toEqual([]);
  });
});

describe("enable meets another run's lock (in process, fakes)", () => {
  it("refuses a second enable while the first holds the lock, naming the holder; the first completes", async () => {
    const world = fakeWorld();
    let second: ChangeResult | undefined;
    let holder: Record<string, unknown> | null = null;
    // The second run starts while the first, holding the lock, makes its call.
    world.before("PutEmailIdentityDkimSigningAttributes", async () => {
      if (second) return;
      holder = world.lock();
      second = await enableIn(world);
    });
    const first = await enableIn(world);
    expect(holder).not.toBeNull();
    expect(second).toMatchObject({ outcome: "lockHeld", exitCode: ExitCode.checkFailed });
    const refusal = text(second!);
    expect(refusal).toContain("enable refused: another change holds the lock. Nothing was changed.");
    expect(refusal).toContain(`another change is running: enable by ${OPERATOR} on ${holder!["host"]} (pid ${holder!["pid"]})`);
    expect(first).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
    expect(world.lock()).toBeNull();
  });
});

describe("enable after SES changed (in process, fakes)", () => {
  it("exits 4 when SES denies the second call, with the first call journaled and the snapshot kept", async () => {
    const world = fakeWorld({ dkim: { signingEnabled: false } });
    world.fail("PutEmailIdentityDkimAttributes", { times: 100 });
    const result = await enableIn(world);
    expect(result).toMatchObject({ exitCode: ExitCode.awsFailureDuringChange, rollbackCommand: `byodkim rollback ${DOMAIN}` });
    expect(result.error?.what).toMatchObject({ key: "aws.accessDenied", params: { action: "PutEmailIdentityDkimAttributes" } });
    const rendered = text(result);
    expect(rendered).toContain("PutEmailIdentityDkimAttributes");
    expect(rendered).toContain(`To undo: byodkim rollback ${DOMAIN}`);
    expect(rendered).toMatch(/SES now: origin EXTERNAL/);
    const entries = world.ctx.journal.read(result.journalPath!).entries;
    expect(entries.filter((entry) => entry.event === "call-done").map((entry) => entry["call"])).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
    expect(entries.filter((entry) => entry.event === "call-failed").map((entry) => entry["call"])).toEqual(["PutEmailIdentityDkimAttributes"]);
    expect(world.state()["byodkim_snapshot"]).toMatchObject({ origin: "AWS_SES" });
    expect(world.lock()).toBeNull();
  });

  it("reports SES's FAILED verification with its reason and the rollback command, exit 5", async () => {
    const world = fakeWorld();
    // The record disappears after the gates passed but before SES looks (as if the DNS team rolled it back).
    world.before("PutEmailIdentityDkimSigningAttributes", () => {
      world.answerAt(TXT_NAME, [{ server: { label: "ns1", role: "configured" }, answer: { kind: "nxdomain" } }]);
      world.before("GetEmailIdentity", () => {
        world.dkim.status = "FAILED";
        world.setVerificationInfo({ errorType: "HOST_NOT_FOUND", lastCheckedTimestamp: undefined, lastSuccessTimestamp: undefined });
      });
    });
    const result = await enableIn(world);
    expect(result.exitCode).toBe(ExitCode.unconfirmed);
    expect(json(result)).toMatchObject({
      outcome: "verificationFailed",
      verificationError: "HOST_NOT_FOUND",
      rollbackCommand: `byodkim rollback ${DOMAIN}`,
    });
  });
});

import { describe, expect, it } from "vitest";
import { precheck } from "../../src/commands/precheck.js";
import { precheckJson, renderPrecheckText } from "../../src/ui/renderPrecheck.js";
import { plainOutput } from "../support/plainOutput.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const out = plainOutput("en", true);
const PHASE_6 = { current_phase: "6", projectName: "aws-ses-migration" };
const PHASE_7_DONE = { ...PHASE_6, current_phase: "7", phase_7_completed_at: "2025-09-17T03:00:00.000Z" };

/** The rehearsal's scenarios the fakes can stand for, each a twist on the good world. */
const SCENARIOS: Record<string, () => World> = {
  "wrong-txt": () => {
    const world = newWorld({ key });
    world.publish(generateTestKey(2048));
    return world;
  },
  "alarm-firing": () => {
    const world = newWorld({ key });
    world.setAlarm("ALARM");
    return world;
  },
  "phase-5": () => newWorld({ key, state: { ...PHASE_6, current_phase: "5" } }),
  "phase-7": () => newWorld({ key, state: PHASE_7_DONE }),
  "already-enabled": () =>
    newWorld({
      key,
      dkim: { origin: "EXTERNAL", tokens: [SELECTOR], signingHostedZone: undefined, status: "SUCCESS", signingEnabled: true },
      state: { ...PHASE_7_DONE, byodkim_enabled: true, signing_enabled: true, selector: SELECTOR },
    }),
};

describe("precheck's verdicts (in process, fakes, through the --json renderer)", () => {
  it.each([
    ["wrong-txt", "dns", "fail", "gate.dns.noMatch"],
    ["alarm-firing", "alarms", "fail", "gate.alarms.fail"],
    ["phase-5", "state", "fail", "gate.state.phase6First"],
    ["phase-7", "state", "warn", "gate.state.alreadyDone"],
    ["already-enabled", "ses", "pass", "gate.ses.alreadyActive"],
  ])("scenario %s: the %s gate says %s (%s)", async (scenario, gateId, status, code) => {
    const world = SCENARIOS[scenario]!();
    const result = await precheck(world.ctx, { domain: DOMAIN, selector: undefined });
    const document = precheckJson(out, result) as { ok: boolean; gates: { id: string; status: string; code: string }[] };
    expect(document.gates.find((gate) => gate.id === gateId)).toMatchObject({ status, code });
    expect(document.gates.filter((gate) => gate.id !== gateId && gate.status === "fail")).toEqual([]);
    expect(document.ok).toBe(status !== "fail");
    const said = JSON.stringify(document) + world.everything();
    expect(key.canaries.filter((canary) => said.includes(canary))).toEqual([]);
  });
});

describe("precheck's headline says where the identity stands", () => {
  it.each([
    ["en", "Already on BYODKIM with this selector", "Ready for BYODKIM"],
    ["ja", "このセレクタの BYODKIM はすでに有効です", "準備ができています"],
  ] as const)("an identity already on this selector is not called ready for the switch (%s)", async (lang, said, notSaid) => {
    const result = await precheck(SCENARIOS["already-enabled"]!().ctx, { domain: DOMAIN, selector: undefined });
    const text = renderPrecheckText(plainOutput(lang), result);
    expect(text).toContain(said);
    expect(text).not.toContain(notSaid);
    expect(text.split(said)).toHaveLength(2);
  });

  it("calls a domain that is not yet switched ready, in both languages", async () => {
    const result = await precheck(newWorld({ key }).ctx, { domain: DOMAIN, selector: undefined });
    expect(renderPrecheckText(plainOutput("en"), result)).toContain("Ready for BYODKIM: 8 passed");
    expect(renderPrecheckText(plainOutput("ja"), result)).toContain("BYODKIM を有効化する準備ができています：OK 8 件");
  });
});

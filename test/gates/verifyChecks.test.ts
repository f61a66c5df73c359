import { describe, expect, it } from "vitest";
import type { AlarmFacts } from "../../src/aws/types.js";
import { checkAlarmsAfterEnable, checkSesAfterEnable, checkStateAfterEnable } from "../../src/gates/verifyChecks.js";
import { failedFetch, fetched, sesIdentity } from "./facts.js";

const SELECTOR = "gooid-21-pro-20250917-3";
const enabled = { origin: "EXTERNAL", tokens: [SELECTOR], signingEnabled: true, status: "SUCCESS" } as const;

describe("verify: SES after enable", () => {
  it.each([
    ["BYODKIM active with the selector", enabled, "pass", []],
    ["signing off", { ...enabled, signingEnabled: false }, "fail", ["verify.ses.signingOff"]],
    ["still Easy DKIM", { ...enabled, origin: "AWS_SES", tokens: ["a", "b", "c"] }, "fail", ["verify.ses.notExternal", "verify.ses.tokens"]],
    ["still PENDING", { ...enabled, status: "PENDING" }, "fail", ["verify.ses.notSuccess"]],
    ["another selector", { ...enabled, tokens: ["gooid-21-pro-20250101-1"] }, "fail", ["verify.ses.tokens"]],
  ] as const)("%s → %s", (_what, dkim, status, problems) => {
    const result = checkSesAfterEnable(fetched(sesIdentity({ dkim })), SELECTOR);
    expect(result.status).toBe(status);
    expect(result.lines?.map((line) => line.key)).toEqual(problems);
  });

  it("fails with the adapter's sentence when SES cannot be read", () => {
    expect(checkSesAfterEnable(failedFetch(), SELECTOR).detail.key).toBe("aws.accessDenied");
  });
});

describe("verify: state after enable", () => {
  const secret = (state: Record<string, unknown>) => fetched({ secretId: "s", versionId: "v", text: JSON.stringify(state) });
  const done = { current_phase: "7", byodkim_enabled: true, signing_enabled: true, phase_7_completed_at: "2025-09-17T03:00:00Z" };

  it.each([
    ["Phase-7 recorded", done, "pass", 0],
    ["phase still 6", { ...done, current_phase: "6" }, "fail", 1],
    ["flags missing", { current_phase: "7", phase_7_completed_at: "x" }, "fail", 2],
    ["nothing recorded", {}, "fail", 4],
  ] as const)("%s → %s", (_what, state, status, problems) => {
    const result = checkStateAfterEnable(secret(state), "s");
    expect(result.status).toBe(status);
    expect(result.lines).toHaveLength(problems);
  });
});

describe("verify: alarms after enable", () => {
  const expected = [{ name: "verification", before: ["ALARM", "OK"] as const, after: "OK" as const }];
  const alarm = (state: AlarmFacts["state"]): AlarmFacts => ({ name: "verification", state, stateUpdatedAt: undefined, stateReason: undefined });

  it.each([
    ["OK", "pass"],
    ["ALARM", "fail"],
    ["INSUFFICIENT_DATA", "fail"],
  ] as const)("verification alarm %s → %s", (state, status) => {
    expect(checkAlarmsAfterEnable(expected, fetched([alarm(state)])).status).toBe(status);
  });
});

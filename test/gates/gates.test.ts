import { describe, expect, it } from "vitest";
import type { AlarmFacts } from "../../src/aws/types.js";
import { checkAlarmsBeforeEnable } from "../../src/gates/alarmsGate.js";
import { checkIdentity } from "../../src/gates/identityGate.js";
import { chooseSelector } from "../../src/gates/selectorGate.js";
import { checkSesIdentity } from "../../src/gates/sesGate.js";
import { checkMigrationState } from "../../src/gates/stateGate.js";
import { failedFetch, fetched, sesIdentity } from "./facts.js";

describe("identity gate", () => {
  const caller = { account: "123456789012", arn: "arn:aws:sts::123456789012:assumed-role/ops/alice" };

  it.each([
    ["passes for the configured account", fetched(caller), "pass", "gate.identity.pass"],
    ["refuses another account", fetched({ ...caller, account: "999999999999" }), "fail", "gate.identity.wrongAccount"],
    ["fails with the adapter's sentence when STS refuses", failedFetch<typeof caller>(), "fail", "aws.accessDenied"],
  ] as const)("%s", (_name, callerFact, status, key) => {
    const result = checkIdentity({ caller: callerFact, expectedAccountId: "123456789012", region: "ap-northeast-1" });
    expect(result.status).toBe(status);
    expect(result.detail.key).toBe(key);
  });
});

describe("selector gate", () => {
  const listing = { prefix: "dkim/goo.ne.jp/", suffix: ".pem" };
  const fromS3 = (keys: string[]) => chooseSelector({ source: "s3", bucket: "b", listing, selectorPrefix: "gooid-21-pro", objectKeys: fetched(keys) });

  it("takes the newest selector in S3, -10 before -9", () => {
    const verdict = fromS3([
      "dkim/goo.ne.jp/gooid-21-pro-20250917-9.pem",
      "dkim/goo.ne.jp/gooid-21-pro-20250917-10.pem",
      "dkim/goo.ne.jp/gooid-21-pro-20250916-11.pem",
      "dkim/goo.ne.jp/README.txt",
    ]);
    expect(verdict.selector).toBe("gooid-21-pro-20250917-10");
    expect(verdict.gate.status).toBe("pass");
    expect(verdict.gate.detail.params?.["count"]).toBe(3);
  });

  it("fails when no key fits the naming pattern", () => {
    const verdict = fromS3(["dkim/goo.ne.jp/something-else.pem"]);
    expect(verdict.selector).toBeUndefined();
    expect(verdict.gate.status).toBe("fail");
    expect(verdict.gate.detail.key).toBe("gate.selector.noneFound");
  });

  it("uses --selector as given when SES would accept it", () => {
    const verdict = chooseSelector({ source: "flag", selector: "gooid-21-pro-20250917-3" });
    expect(verdict.selector).toBe("gooid-21-pro-20250917-3");
  });

  it("refuses a selector SES would reject", () => {
    const verdict = chooseSelector({ source: "flag", selector: "bad_selector" });
    expect(verdict.selector).toBeUndefined();
    expect(verdict.gate.status).toBe("fail");
  });

  it("fails with the S3 error when the listing is denied", () => {
    const verdict = chooseSelector({ source: "s3", bucket: "b", listing, selectorPrefix: "p", objectKeys: failedFetch() });
    expect(verdict.gate.detail.key).toBe("aws.accessDenied");
    expect(verdict.gate.lines?.[0]?.key).toBe("aws.accessDenied.hint");
  });
});

describe("SES gate", () => {
  const NOW = new Date("2025-09-17T12:00:00.000Z");
  const SELECTOR = "gooid-21-pro-20250917-3";
  const externalAt = (status: string, putAt = "2025-09-17T09:00:00.000Z", tokens = [SELECTOR]) =>
    fetched(sesIdentity({ dkim: { origin: "EXTERNAL", tokens, status, lastKeyGenerationTimestamp: putAt } }));
  const check = (identity: Parameters<typeof checkSesIdentity>[0]["identity"], selector = "gooid-21-pro-20250917-3") =>
    checkSesIdentity({ domain: "goo.ne.jp", region: "ap-northeast-1", selector, identity, now: NOW });

  it.each([
    ["passes a verified identity with DKIM SUCCESS", fetched(sesIdentity()), "pass", "gate.ses.pass"],
    ["fails when the identity is missing in this region", fetched(null), "fail", "gate.ses.notFound"],
    ["fails when the identity is not verified for sending", fetched(sesIdentity({ verifiedForSendingStatus: false })), "fail", "gate.ses.notVerified"],
    ["fails while DKIM is PENDING", fetched(sesIdentity({ dkim: { status: "PENDING" } })), "fail", "gate.ses.dkimNotSuccess"],
    ["fails when DKIM FAILED", fetched(sesIdentity({ dkim: { status: "FAILED" } })), "fail", "gate.ses.dkimNotSuccess"],
    ["passes to restart a FAILED verification of this very selector", externalAt("FAILED"), "pass", "gate.ses.restartVerification"],
    ["passes to restart a TEMPORARY_FAILURE of this selector that has lasted an hour", externalAt("TEMPORARY_FAILURE"), "pass", "gate.ses.restartVerification"],
    [
      "waits on a fresh TEMPORARY_FAILURE: SES still retries it",
      externalAt("TEMPORARY_FAILURE", "2025-09-17T11:30:00.000Z"),
      "fail",
      "gate.ses.dkimNotSuccess",
    ],
    ["waits on a PENDING verification of this selector", externalAt("PENDING"), "fail", "gate.ses.dkimNotSuccess"],
    [
      "does not restart another selector's FAILED verification",
      externalAt("FAILED", undefined, ["gooid-21-pro-20250101-1"]),
      "fail",
      "gate.ses.dkimNotSuccess",
    ],
    ["fails with the adapter's sentence on AccessDenied", failedFetch<null>(), "fail", "aws.accessDenied"],
    [
      "says enable would be a no-op when the selector is already active",
      fetched(sesIdentity({ dkim: { origin: "EXTERNAL", tokens: ["gooid-21-pro-20250917-3"] } })),
      "pass",
      "gate.ses.alreadyActive",
    ],
  ] as const)("%s", (_name, identity, status, key) => {
    const result = check(identity);
    expect(result.status).toBe(status);
    expect(result.detail.key).toBe(key);
  });

  it.each([
    ["PENDING: wait", fetched(sesIdentity({ dkim: { status: "PENDING" } })), "gate.ses.dkimNotSuccess.hint"],
    ["Easy DKIM FAILED: put again by rollback", fetched(sesIdentity({ dkim: { status: "FAILED" } })), "gate.ses.stuckEasy.hint"],
    ["another selector FAILED: put again or roll back", externalAt("FAILED", undefined, ["gooid-21-pro-20250101-1"]), "gate.ses.stuckExternal.hint"],
  ] as const)("tells waiting from putting again when DKIM is not SUCCESS (%s)", (_name, identity, hint) => {
    expect(check(identity).lines?.at(-1)?.key).toBe(hint);
  });

  it("a stuck verification of the selector is not a no-op: enable restarts it", () => {
    expect(check(externalAt("FAILED")).data).toMatchObject({ alreadyActive: false, restartsVerification: true });
  });

  it("is not a no-op when another EXTERNAL selector is active", () => {
    const result = check(fetched(sesIdentity({ dkim: { origin: "EXTERNAL", tokens: ["gooid-21-pro-20250101-1"] } })));
    expect(result.data?.["alreadyActive"]).toBe(false);
    expect(result.detail.key).toBe("gate.ses.pass");
  });

  it("shows SES's own reason for a failure", () => {
    const result = check(
      fetched(
        sesIdentity({
          dkim: { status: "FAILED" },
          verificationInfo: { errorType: "HOST_NOT_FOUND", lastCheckedTimestamp: "2025-09-17T01:00:00.000Z", lastSuccessTimestamp: undefined },
        }),
      ),
    );
    const reason = result.lines?.find((line) => line.key === "gate.ses.verificationError");
    expect(reason?.params).toEqual({ errorType: "HOST_NOT_FOUND", checkedAt: "2025-09-17T01:00:00.000Z" });
    expect(result.data?.["verificationErrorType"]).toBe("HOST_NOT_FOUND");
  });
});

describe("alarms gate", () => {
  const expected = [
    { name: "verification", before: ["ALARM", "OK", "INSUFFICIENT_DATA"] as const, after: "OK" as const },
    { name: "bounce-rate", before: ["OK"] as const, after: "OK" as const },
  ];
  const alarm = (name: string, state: AlarmFacts["state"]): AlarmFacts => ({ name, state, stateUpdatedAt: undefined, stateReason: undefined });

  it("passes when every alarm is in an allowed state", () => {
    const result = checkAlarmsBeforeEnable({ expected, found: fetched([alarm("verification", "ALARM"), alarm("bounce-rate", "OK")]) });
    expect(result.status).toBe("pass");
  });

  it("fails when the bounce-rate alarm is firing", () => {
    const result = checkAlarmsBeforeEnable({ expected, found: fetched([alarm("verification", "OK"), alarm("bounce-rate", "ALARM")]) });
    expect(result.status).toBe("fail");
    expect(result.lines?.map((line) => line.key)).toEqual(["gate.alarms.inState", "gate.alarms.wrongState"]);
  });

  it("fails when a configured alarm does not exist", () => {
    const result = checkAlarmsBeforeEnable({ expected, found: fetched([alarm("verification", "OK")]) });
    expect(result.status).toBe("fail");
    expect(result.lines?.[1]).toEqual({ key: "gate.alarms.missing", params: { name: "bounce-rate" } });
  });

  it("warns when no alarm is configured", () => {
    expect(checkAlarmsBeforeEnable({ expected: [], found: fetched([]) }).status).toBe("warn");
  });

  it("fails with the CloudWatch error", () => {
    expect(checkAlarmsBeforeEnable({ expected, found: failedFetch() }).detail.key).toBe("aws.accessDenied");
  });
});

describe("state gate", () => {
  const secret = (text: string) => fetched({ secretId: "s", versionId: "v1", text });
  const check = (facts: Parameters<typeof checkMigrationState>[0]["secret"]) => checkMigrationState({ secretId: "s", secret: facts });

  it.each([
    ["passes at Phase-6", secret('{"current_phase":"6"}'), "pass", "gate.state.phase6"],
    ["accepts the phase as a number", secret('{"current_phase":6}'), "pass", "gate.state.phase6"],
    ["says Phase-7 is already done", secret('{"current_phase":"7","phase_7_completed_at":"2025-09-17T02:00:00Z"}'), "warn", "gate.state.alreadyDone"],
    ["fails at Phase-5: Phase-6 must be done first", secret('{"current_phase":"5"}'), "fail", "gate.state.phase6First"],
    ["fails at Phase-1", secret('{"current_phase":"1"}'), "fail", "gate.state.phase6First"],
    ["fails at Phase-5 given as a number", secret('{"current_phase":5}'), "fail", "gate.state.phase6First"],
    ["warns at a phase it does not know", secret('{"current_phase":"8"}'), "warn", "gate.state.unexpectedPhase"],
    ["warns at a phase that is not a number", secret('{"current_phase":"six"}'), "warn", "gate.state.unexpectedPhase"],
    ["warns without current_phase", secret('{"other":1}'), "warn", "gate.state.noPhase"],
    ["fails on text that is not JSON", secret("phase=6"), "fail", "gate.state.notJson"],
    ["fails on a JSON array", secret("[6]"), "fail", "gate.state.notJson"],
    ["fails when the secret is missing", fetched(null), "fail", "gate.state.missing"],
    ["fails with the Secrets Manager error", failedFetch<null>(), "fail", "aws.accessDenied"],
  ] as const)("%s", (_name, facts, status, key) => {
    const result = check(facts);
    expect(result.status).toBe(status);
    expect(result.detail.key).toBe(key);
  });
});

import { describe, expect, it } from "vitest";
import type { TickIdentityResult, TickResult } from "../../src/commands/tick.js";
import type { TickReasonCode } from "../../src/gates/tickDecision.js";
import { createOutput } from "../../src/ui/output.js";
import { renderTickText, tickJson } from "../../src/ui/renderTick.js";

const sink = { write: () => true, isTTY: false } as never;
const output = (lang: "en" | "ja") => createOutput({ stdout: sink, stderr: sink, env: {}, json: false, lang, colorFlag: false, verbose: false });

const params = { domain: "goo.ne.jp", selector: "gooid-21-pro-20261125-1", since: "2026-11-25T00:00:00.000Z", until: "2026-11-28T00:00:00.000Z" };
const more = { ageDays: 40, maxAgeDays: 31, dueAt: "2026-12-19T00:00:00.000Z", days: 3, planId: "abc123", origin: "AWS_SES", status: "FAILED", recorded: "-" };
const CODES: TickReasonCode[] = [
  "keyDue",
  "recordMissing",
  "recordAnswers",
  "graceOver",
  "approvalNeeded",
  "planApproved",
  "notDue",
  "waitingForDns",
  "sesUnreadable",
  "notInSes",
  "notByodkim",
  "sesState",
  "signingOff",
  "historyUnreadable",
  "historyDisagrees",
  "ageUnknown",
  "dnsTimeout",
  "approvalPending",
  "retireHeld",
  "stepFailed",
  "publishUnavailable",
  "planUnavailable",
  "planNotReady",
];
const identity = (code: TickReasonCode, extra: Record<string, string> = {}): TickIdentityResult => ({
  domain: "goo.ne.jp",
  region: "ap-northeast-1",
  decision: "needsPerson",
  reason: { code, params: { ...params, ...more, ...extra } },
  command: "byodkim keygen goo.ne.jp",
  step: null,
  exitCode: 1,
});
const result = (identities: TickIdentityResult[], outcome: TickResult["outcome"], exitCode: number): TickResult => ({
  command: "tick",
  ok: exitCode === 0,
  outcome,
  exitCode,
  identities,
  checkedAt: "2026-11-25T00:00:00.000Z",
});

describe("tick's text", () => {
  it.each(["en", "ja"] as const)("says every reason in words (%s), never a raw key or placeholder", (lang) => {
    const all = [...CODES.map((code) => identity(code)), ...["keygen", "rotate", "retire", "apply"].map((step) => identity("autoOff", { step }))];
    const text = renderTickText(output(lang), result(all, "needsPerson", 1));
    expect(text).not.toMatch(/tick\.(reason|decision)|\{\w+\}/);
  });

  it("puts the reason a person is needed on the first line", () => {
    const text = renderTickText(
      output("en"),
      result([{ ...identity("notDue"), decision: "nothing", exitCode: 0, command: null }, identity("dnsTimeout")], "needsPerson", 1),
    );
    expect(text.split("\n")[0]).toMatch(/^A person is needed: goo\.ne\.jp \(ap-northeast-1\): the record of gooid-21-pro-20261125-1 still does not answer/);
    expect(text).toContain("Type: byodkim keygen goo.ne.jp");
  });

  it("keeps a stable --json document", () => {
    const document = tickJson(output("en"), result([identity("approvalPending")], "needsPerson", 1));
    expect(Object.keys(document)).toEqual(["command", "outcome", "exitCode", "checkedAt", "identities"]);
    expect(document["identities"]).toEqual([
      expect.objectContaining({
        domain: "goo.ne.jp",
        region: "ap-northeast-1",
        decision: "needsPerson",
        reason: expect.objectContaining({ code: "approvalPending", text: "approval pending: byodkim approve abc123" }),
        command: "byodkim keygen goo.ne.jp",
        exitCode: 1,
        step: null,
      }),
    ]);
  });
});

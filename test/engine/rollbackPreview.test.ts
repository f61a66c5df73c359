import { describe, expect, it } from "vitest";
import { rollbackChoices, rollbackEffect } from "../../src/engine/change/rollbackPreview.js";
import { dkimSnapshot } from "../support/dkimSnapshot.js";

const snapshot = dkimSnapshot;

describe("what rollback does to the domain's mail, for each --to", () => {
  it.each([
    ["Easy DKIM before: new tokens, PENDING until their CNAMEs", "previous", snapshot({}), "rollback.effect.previousEasy"],
    ["a regional Easy DKIM origin counts as Easy DKIM", "previous", snapshot({ origin: "AWS_SES_AP_NORTHEAST_3" }), "rollback.effect.previousEasy"],
    [
      "an earlier BYODKIM selector: PENDING until SES reads its record again",
      "previous",
      snapshot({ origin: "EXTERNAL", tokens: ["sel-1"] }),
      "rollback.effect.previousExternal",
    ],
    ["signing was off before: off again", "previous", snapshot({ signingEnabled: false }), "rollback.effect.previousOff"],
    ["no DKIM before: off", "previous", snapshot({ origin: null, tokens: [] }), "rollback.effect.previousOff"],
    ["--to disable, whatever was before", "disable", snapshot({ origin: "EXTERNAL", tokens: ["sel-1"] }), "rollback.effect.disable"],
    ["--to disable without a snapshot", "disable", null, "rollback.effect.disable"],
  ] as const)("%s", (_name, target, restores, key) => {
    expect(rollbackEffect("goo.ne.jp", target, restores).key).toBe(key);
  });

  it("never promises the old Easy DKIM tokens back", () => {
    const effect = rollbackEffect("goo.ne.jp", "previous", snapshot({}));
    expect(JSON.stringify(effect)).not.toContain("t1");
  });

  it("names the selector an earlier BYODKIM key comes back with", () => {
    expect(rollbackEffect("goo.ne.jp", "previous", snapshot({ origin: "EXTERNAL", tokens: ["sel-1"] })).params).toMatchObject({ selector: "sel-1" });
  });

  it.each([
    ["after a rotation (the previous is an earlier BYODKIM selector)", snapshot({ origin: "EXTERNAL", tokens: ["sel-1"] })],
    ["after an enable from signing off", snapshot({ signingEnabled: false })],
  ])("adds --to easy-dkim, with its effect, when --to previous would not bring Easy DKIM back: %s", (_name, restores) => {
    const { more } = rollbackChoices("goo.ne.jp", restores);
    expect(more.slice(3).map((line) => `${line.depth}:${line.text.key}`)).toEqual(["0:change.plan.rollbackEasyDkim", "1:rollback.effect.previousEasy"]);
    expect(more[3]!.text.params).toEqual({ domain: "goo.ne.jp" });
  });

  it("lists both choices as the operator would type them, each with its effect under it", () => {
    const { value, more } = rollbackChoices("goo.ne.jp", snapshot({}));
    expect(value.key).toBe("change.plan.rollbackPrevious");
    expect(more.map((line) => `${line.depth}:${line.text.key}`)).toEqual([
      "1:rollback.effect.previousEasy",
      "0:change.plan.rollbackDisable",
      "1:rollback.effect.disable",
    ]);
  });
});

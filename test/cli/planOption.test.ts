import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { addGlobalOptions, carriedOptions, changeIdOption, planOption, underPlan } from "../../src/cli/options.js";
import { carryOptions } from "../../src/ui/carriedOptions.js";

const PLAN = "0123abcd";

/** The options a run of `name` with `args` carries into the commands it prints. */
function carriedBy(name: string, args: string[]) {
  const program = addGlobalOptions(new Command().exitOverride(), { path: "byodkim.config.yaml", from: "default" }, (key) => key);
  let ran: Command | undefined;
  program
    .command(name)
    .argument("[first]")
    .argument("[second]")
    .addOption(changeIdOption("ticket"))
    .addOption(planOption("plan"))
    .action((_first: unknown, _second: unknown, _flags: unknown, command: Command) => {
      ran = command;
    });
  program.parse(["node", "byodkim", name, ...args]);
  return carriedOptions(ran!);
}

describe("--plan in the commands a change prints", () => {
  it("goes with a rotation's finish and its retire, never with the rollback or a read-only command", () => {
    const carried = carriedBy("rotate", ["goo.ne.jp", "--plan", PLAN]);
    expect(carryOptions("byodkim rotate goo.ne.jp --to sel-2", carried)).toBe(`byodkim rotate goo.ne.jp --to sel-2 --plan ${PLAN}`);
    expect(carryOptions("then: byodkim retire sel-1 goo.ne.jp", carried)).toBe(`then: byodkim retire sel-1 goo.ne.jp --plan ${PLAN}`);
    expect(carryOptions("byodkim rollback goo.ne.jp --to previous", carried)).toBe("byodkim rollback goo.ne.jp --to previous");
    expect(carryOptions("Next: byodkim verify goo.ne.jp.", carried)).toBe("Next: byodkim verify goo.ne.jp.");
  });

  it("goes with an enable's finish only: its plan covers no retire or rotation", () => {
    const carried = carriedBy("enable", ["goo.ne.jp", "--plan", PLAN, "--change-id", "CHG-1"]);
    expect(carryOptions("byodkim enable goo.ne.jp --selector s", carried)).toBe(`byodkim enable goo.ne.jp --selector s --change-id CHG-1 --plan ${PLAN}`);
    expect(carryOptions("byodkim rollback goo.ne.jp", carried)).toBe("byodkim rollback goo.ne.jp --change-id CHG-1");
    expect(carryOptions("byodkim retire s goo.ne.jp", carried)).toBe("byodkim retire s goo.ne.jp --change-id CHG-1");
  });

  it("is carried only when given, and a plan file's path is quoted for the shell", () => {
    expect(carriedBy("retire", ["sel-1", "goo.ne.jp"])).toEqual([]);
    const carried = carriedBy("retire", ["sel-1", "goo.ne.jp", "--plan", "my plans/p.json"]);
    expect(carryOptions("byodkim retire sel-1 goo.ne.jp", carried)).toBe("byodkim retire sel-1 goo.ne.jp --plan 'my plans/p.json'");
  });

  it("sets the context's planId, and leaves a context without --plan as it was", () => {
    const ctx = { region: "ap-northeast-1" };
    expect(underPlan(ctx, undefined)).toBe(ctx);
    expect(underPlan(ctx, PLAN)).toEqual({ region: "ap-northeast-1", planId: PLAN });
  });
});

import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";

describe("exit codes and --json documents keep their promise (spawned, against the sandbox)", () => {
  it.each([[""], ["0x10"], ["1e3"], ["-1"], ["1.5"], ["86401"], ["100000000000000000000"]])(
    "refuses --wait %j with exit 2 and one error document, before any AWS call",
    async (wait) => {
      const r = await rehearsal();
      const result = await r.byodkim(["enable", "--wait", wait, "--dry-run", "--json"]);
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout)).toMatchObject({ command: "enable", ok: false, outcome: "error", error: { code: "enable.badWait", kind: "usage" } });
      expect(result.stderr).toContain("--wait takes a whole number of seconds from 0 to 86400");
      expect(r.box.world.log).toEqual([]);
    },
  );

  it("accepts --wait up to a day", async () => {
    const r = await rehearsal();
    const result = await r.byodkim(["enable", "--wait", "86400", "--dry-run", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "dryRun" });
  });

  it("reads a closed stdin at the confirmation as declined: exit 3, one change document with its outcome", async () => {
    const r = await rehearsal();
    const result = await r.byodkim(["enable", "--json"], { stdin: "" });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ command: "enable", ok: false, outcome: "declined", error: { code: "confirm.noAnswer" } });
    expect(r.sesMutations()).toEqual([]);
    expect(r.journalEntries().at(-1)?.event).toBe("ended");
  });

  it.each([
    ["good", 0, "ok"],
    ["wrong-txt", 1, "failed"],
  ])("gives precheck's document an outcome too (%s: exit %i, %s)", async (scenario, code, outcome) => {
    const r = await rehearsal({ scenario });
    const result = await r.byodkim(["precheck", "--json"]);
    expect(result.code).toBe(code);
    expect(JSON.parse(result.stdout)).toMatchObject({ command: "precheck", outcome });
  });
});

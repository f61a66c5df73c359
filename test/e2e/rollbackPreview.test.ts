import { describe, expect, it } from "vitest";
import { printedCommand } from "../support/printedCommand.js";
import { rehearsal } from "../support/rehearsal.js";

/** The plan's lines under a label, up to the next label. */
const planRow = (stdout: string, label: string): string => {
  const lines = stdout.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`  ${label} `));
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^ {2}\S/.test(line));
  return [lines[start], ...rest.slice(0, end)].join("\n");
};

// The plans' rollback and meanwhile rows are checked in process in test/commands/changePlans.test.ts.
describe("what the plan says rollback will do is what rollback does", () => {
  it("rotate's plan names --to easy-dkim with what it does, and that command, run as printed after the rotation, puts Easy DKIM back", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    const planned = await r.byodkim(["rotate", "--dry-run"]);
    expect(planned.code, planned.stdout + planned.stderr).toBe(0);
    const row = planRow(planned.stdout, "rollback");
    expect(row).toContain("byodkim rollback goo.ne.jp (--to previous, the default)");
    expect(row).toContain("byodkim rollback goo.ne.jp --to disable");
    const easy = printedCommand(row, "byodkim rollback goo.ne.jp --to easy-dkim");
    expect(easy).toEqual(["rollback", "goo.ne.jp", "--to", "easy-dkim"]);
    const said = row.split("\n");
    const effect = said[said.findIndex((line) => line.includes("--to easy-dkim")) + 1]!;
    expect(effect).toContain("three new tokens");

    expect((await r.byodkim(["rotate", "--yes"])).code).toBe(0);
    const rolledBack = await r.byodkim(easy, { stdin: "goo.ne.jp\n" });
    expect(rolledBack.code, rolledBack.stdout + rolledBack.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true });
    expect(r.identity().dkim.tokens).toHaveLength(3);
  });
});

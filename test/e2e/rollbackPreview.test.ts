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

describe("what the plan says rollback will do is what rollback does", () => {
  it("enable's plan: --to previous brings Easy DKIM back with new tokens, PENDING until three new CNAMEs, mail meanwhile signed by amazonses.com only; --to disable turns signing off", async () => {
    const r = await rehearsal();
    const oldTokens = [...r.identity().dkim.tokens];
    const planned = await r.byodkim(["enable", "--dry-run"]);
    expect(planned.code, planned.stderr).toBe(0);
    const row = planRow(planned.stdout, "rollback");
    // Not "restores … tokens <old>, status SUCCESS": SES hands out new tokens and starts over.
    expect(row).not.toContain(oldTokens[0]);
    expect(row).not.toContain("status SUCCESS");
    expect(row).toContain("byodkim rollback goo.ne.jp (--to previous, the default)");
    expect(row).toContain("three new tokens");
    expect(row).toContain("PENDING until the DNS team publishes their three CNAMEs");
    expect(row).toContain("carries only SES's amazonses.com signature");
    expect(row).toContain("DMARC");
    expect(row).toContain("byodkim rollback goo.ne.jp --to disable");

    // And so it goes: after enable, the rollback the plan named leaves new tokens, not yet verified.
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    const rolledBack = await r.byodkim(["rollback", "--yes"]);
    expect(rolledBack.code, rolledBack.stdout + rolledBack.stderr).toBe(0);
    const dkim = r.identity().dkim;
    expect(dkim.tokens).toHaveLength(3);
    expect(dkim.tokens.some((token) => oldTokens.includes(token))).toBe(false);
    expect(dkim.status).not.toBe("SUCCESS");
  });

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

  it("rollback's own plan says how the domain's mail goes meanwhile, before the question", async () => {
    const r = await rehearsal();
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    const previous = await r.byodkim(["rollback", "--dry-run"]);
    expect(previous.code, previous.stderr).toBe(0);
    expect(planRow(previous.stdout, "meanwhile")).toContain("PENDING until the DNS team publishes their three CNAMEs");
    const disable = await r.byodkim(["rollback", "--to", "disable", "--dry-run"]);
    expect(planRow(disable.stdout, "meanwhile")).toContain("signing off at once");
    expect(planRow(disable.stdout, "meanwhile")).toContain("DMARC");
  });
});

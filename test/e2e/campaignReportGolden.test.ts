import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { printedCommand } from "../support/printedCommand.js";
import { spawnCli } from "../support/spawnCli.js";

/**
 * `byodkim report` on a campaign journal: a hand-made `apply` of a rotation plan over three
 * identities in two regions, whose second wave's bake broke on the bounce-rate alarm and was rolled
 * back, with the targets' own run journals beside it (one with a notice sent and one failed).
 * Golden files under test/fixtures/report/; `UPDATE_GOLDEN=1 npx vitest run test/e2e/campaignReportGolden.test.ts`
 * rewrites them; review the diff before committing it.
 */
const FIXTURES = new URL("../fixtures/report/", import.meta.url);
const JOURNALS = new URL("campaign/", FIXTURES);
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";
const RUN_ID = "c0ffee01";
const PLAN_ID = "7e3d0c5a9b1f42d6a8c0e1f2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6";

function golden(name: string, actual: string): string {
  const file = new URL(name, FIXTURES);
  if (UPDATE) writeFileSync(file, actual);
  return readFileSync(file, "utf8");
}

describe("byodkim report on a campaign journal (golden files)", () => {
  let journalDir: string;

  beforeAll(() => {
    // The campaign journal names each target's journal by its path: the fixture's are put where the test reads them.
    journalDir = mkdtempSync(join(tmpdir(), "byodkim-campaign-report-"));
    for (const name of readdirSync(JOURNALS)) {
      writeFileSync(join(journalDir, name), readFileSync(new URL(name, JOURNALS), "utf8").replaceAll("<journal-dir>", journalDir));
    }
  });

  const report = (args: readonly string[]) =>
    spawnCli(["report", ...args, "--config", join(journalDir, "no-such-config.yaml")], { env: { BYODKIM_JOURNAL_DIR: journalDir } });
  const normalise = (text: string) => text.replaceAll(journalDir, "<journal-dir>");

  for (const lang of ["en", "ja"] as const) {
    it(`renders a halted campaign in ${lang}: plan, approvals, waves, bake, rollbacks, notices`, async () => {
      const result = await report([RUN_ID, "--lang", lang]);
      expect(result.code, result.stderr).toBe(0);
      const actual = normalise(result.stdout);
      expect(actual).toBe(golden(`campaign-halted.${lang}.md`, actual));
    });
  }

  it("gives the same facts as one JSON document", async () => {
    const result = await report([RUN_ID, "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    const actual = normalise(result.stdout);
    expect(actual).toBe(golden("campaign-halted.en.json", actual));
    const document = JSON.parse(result.stdout) as { campaign: { planId: string; outcome: string; waves: unknown[] } };
    expect(document.campaign).toMatchObject({ planId: PLAN_ID, outcome: "rolledBack" });
    expect(document.campaign.waves).toHaveLength(2);
  });

  it("lists the campaign among the runs, under its campaign name", async () => {
    const result = await report(["--list"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`apply +campaign-7e3d0c5a +${RUN_ID} +halted: a bake broke`));
    expect(result.stdout).toMatch(/rotate +m01\.goo\.ne\.jp +a1000001 +completed/);
  });

  it("prints for each target a report command that reports that target's own run, as printed", async () => {
    const result = await report([RUN_ID]);
    for (const [domain, region, runId] of [
      ["m01.goo.ne.jp", "ap-northeast-1", "a1000001"],
      ["m02.goo.ne.jp", "ap-northeast-3", "a2000002"],
    ] as const) {
      const command = printedCommand(result.stdout, `| ${domain} | ${region} |`);
      expect(command).toEqual(["report", runId, "--config", join(journalDir, "no-such-config.yaml")]);
      const own = await spawnCli(command, { env: { BYODKIM_JOURNAL_DIR: journalDir } });
      expect(own.code, own.stderr).toBe(0);
      expect(own.stdout).toContain(`# Change report: rotate ${domain} (run ${runId})`);
    }
  });

  it("names the targets by their journal files when the campaign is named by its file, and those commands work", async () => {
    const campaign = readdirSync(journalDir).find((name) => name.includes(`-apply-${RUN_ID}`))!;
    const result = await spawnCli(["report", "--journal", join(journalDir, campaign)], { env: { BYODKIM_JOURNAL_DIR: "/nonexistent" } });
    expect(result.code, result.stderr).toBe(0);
    const command = printedCommand(result.stdout, "| m01.goo.ne.jp | ap-northeast-3 |");
    expect(command[1]).toBe("--journal");
    const own = await spawnCli(command, { env: { BYODKIM_JOURNAL_DIR: "/nonexistent" } });
    expect(own.code, own.stderr).toBe(0);
    expect(own.stdout).toContain("# Change report: rotate m01.goo.ne.jp (run a1000002)");
  });
});

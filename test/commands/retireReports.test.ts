import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { retire } from "../../src/commands/retire.js";
import { rotate } from "../../src/commands/rotate.js";
import { ExitCode } from "../../src/errors.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { keygenIn } from "../support/keygenRun.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const DAY_MS = 86_400_000;
const PHASE_7 = { current_phase: "7", selector: SELECTOR, byodkim_enabled: true, phase_7_completed_at: "2026-10-25T00:00:00.000Z" };

/** An identity rotated once away from SELECTOR (the grace period then over), with its DMARC reports in a folder. */
async function rotatedAway(): Promise<{ world: World; rotatedAt: Date; reports: string; next: string }> {
  const reports = mkdtempSync(join(tmpdir(), "byodkim-dmarc-"));
  const base = newWorld({
    key,
    dkim: { origin: "EXTERNAL", tokens: [SELECTOR], status: "SUCCESS", signingEnabled: true, signingHostedZone: undefined },
    state: PHASE_7,
  });
  const world = { ...base, ctx: { ...base.ctx, config: { ...base.ctx.config, dmarc: { reports } } } } as World;
  const made = await keygenIn(world);
  world.publishAt(made.handoff!);
  const rotated = await rotate(world.ctx, { domain: DOMAIN, to: made.selector!, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
  expect(rotated.outcome).toBe("completed");
  const rotatedAt = world.ctx.clock.now();
  await world.ctx.clock.sleep(8 * DAY_MS);
  return { world, rotatedAt, reports, next: made.selector! };
}

/** One receiver's daily aggregate report (RFC 7489 appendix C), its rows as [selector, result, count]. */
function dailyReport(org: string, day: Date, rows: [string, string, number][]): string {
  const begin = Math.floor(day.getTime() / 1000);
  const records = rows
    .map(
      ([selector, result, count], i) => `<record><row><source_ip>192.0.2.${i + 1}</source_ip><count>${count}</count>
<policy_evaluated><disposition>none</disposition><dkim>${result}</dkim><spf>pass</spf></policy_evaluated></row>
<identifiers><header_from>${DOMAIN}</header_from></identifiers>
<auth_results><dkim><domain>${DOMAIN}</domain><selector>${selector}</selector><result>${result}</result></dkim>
<dkim><domain>amazonses.com</domain><selector>ug7nbtf4gccmlpwj322ax3p6ow6yfsug</selector><result>pass</result></dkim>
<spf><domain>${DOMAIN}</domain><result>pass</result></spf></auth_results></record>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8" ?>
<feedback><report_metadata><org_name>${org}</org_name><email>noreply-dmarc@${org}</email><report_id>${org}-${begin}</report_id>
<date_range><begin>${begin}</begin><end>${begin + 86_399}</end></date_range></report_metadata>
<policy_published><domain>${DOMAIN}</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><pct>100</pct></policy_published>
${records}
</feedback>`;
}

const retireIn = (world: World, answers: string[] | "yes") => {
  if (answers !== "yes") for (const answer of answers) world.answer(answer);
  return retire(world.ctx, { selector: SELECTOR, domain: DOMAIN, deleteKey: false, yes: answers === "yes", dryRun: false });
};

describe("retire reads the receivers' DMARC reports", () => {
  it("refuses (exit 1, nothing changed) while a report after the rotation still shows the selector passing", async () => {
    const { world, rotatedAt, reports, next } = await rotatedAway();
    const dayAfter = new Date(Math.ceil(rotatedAt.getTime() / DAY_MS) * DAY_MS + DAY_MS);
    writeFileSync(
      join(reports, "google.xml.gz"),
      gzipSync(
        dailyReport("google.com", dayAfter, [
          [next, "pass", 900],
          [SELECTOR, "pass", 7],
        ]),
      ),
    );
    writeFileSync(join(reports, "yahoo.xml"), dailyReport("Yahoo", dayAfter, [[next, "pass", 300]]));
    const result = await retireIn(world, "yes");
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed });
    const gate = result.gates.find((found) => found.id === "reports");
    expect(gate).toMatchObject({ status: "fail", detail: { key: "gate.reports.stillSigning", params: { messages: 7, orgs: "google.com" } } });
    expect(world.mutations()).not.toContain("PutObjectTagging");
  });

  it("goes on only when the operator types the selector at the question: a y is not enough", async () => {
    const { world, rotatedAt, reports } = await rotatedAway();
    const dayAfter = new Date(Math.ceil(rotatedAt.getTime() / DAY_MS) * DAY_MS + DAY_MS);
    writeFileSync(join(reports, "google.xml"), dailyReport("google.com", dayAfter, [[SELECTOR, "pass", 7]]));
    const declined = await retireIn(world, ["y"]);
    expect(declined).toMatchObject({ outcome: "declined", exitCode: ExitCode.declined });
    expect(declined.gates.find((found) => found.id === "reports")?.status).toBe("warn");
    expect(world.mutations()).not.toContain("PutObjectTagging");
    const typed = await retireIn(world, [SELECTOR]);
    expect(typed).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
  });

  it("a report whose day holds the rotation does not count, and reports after it that show only the new selector pass the gate", async () => {
    const { world, rotatedAt, reports, next } = await rotatedAway();
    const dayOf = new Date(Math.floor(rotatedAt.getTime() / DAY_MS) * DAY_MS);
    writeFileSync(join(reports, "straddling.xml"), dailyReport("google.com", dayOf, [[SELECTOR, "pass", 500]]));
    writeFileSync(
      join(reports, "after.xml"),
      dailyReport("google.com", new Date(dayOf.getTime() + 2 * DAY_MS), [
        [next, "pass", 800],
        [SELECTOR, "fail", 2],
      ]),
    );
    const result = await retireIn(world, "yes");
    expect(result.gates.find((found) => found.id === "reports")).toMatchObject({
      status: "pass",
      detail: { key: "gate.reports.quiet", params: { reports: 1, messages: 2 } },
    });
    expect(result.outcome).toBe("completed");
  });

  it("says it could not check when the folder is gone, and without reports configured", async () => {
    const { world, reports } = await rotatedAway();
    const gone = { ...world, ctx: { ...world.ctx, config: { ...world.ctx.config, dmarc: { reports: join(reports, "missing") } } } } as World;
    const unread = await retireIn(gone, "yes");
    expect(unread.gates.find((found) => found.id === "reports")).toMatchObject({ status: "warn", detail: { key: "gate.reports.unreadable" } });
    expect(unread.outcome).toBe("completed");
  });
});

import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";

describe("byodkim status as a spawned process", () => {
  it("says healthy and exits 0 for the good world, reading only", async () => {
    const r = await rehearsal();
    const result = await r.byodkim(["status"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/✔ goo\.ne\.jp\s+ap-northeast-1\s+Easy DKIM SUCCESS/);
    expect(result.stdout).toContain("1 healthy · 0 warnings · 0 need action");
    expect(r.box.world.log.filter((entry) => /^(Put|Delete|Create|Send|Set|Tag)/.test(entry.operation))).toEqual([]);
  });

  it("exits 1 and says why when the key is overdue (BYODKIM on a selector dated last year)", async () => {
    const r = await rehearsal({ scenario: "byodkim-active" });
    const result = await r.byodkim(["status", "--json"]);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout) as { outcome: string; rows: { reason: string; key: { ageSource: string; fingerprintSource: string } }[] };
    expect(document.outcome).toBe("failed");
    expect(document.rows[0]).toMatchObject({ reason: "keyOverdue", key: { ageSource: "selector", fingerprintSource: "s3" } });
  });

  it("counts a key's age from its earliest evidence, not from the day enable switched to it, and says which it was", async () => {
    const r = await rehearsal();
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    // enable wrote active_since = now; the selector gooid-21-pro-20250917-3 says the key is older.
    const before = Date.now();
    const result = await r.byodkim(["status", "--json"]);
    const after = Date.now();
    const row = JSON.parse(result.stdout).rows[0] as { key: { ageSource: string; bornAt: string; ageDays: number } };
    const born = Date.parse("2025-09-17T00:00:00.000Z");
    expect(row.key).toMatchObject({ ageSource: "selector", bornAt: "2025-09-17T00:00:00.000Z" });
    expect([Math.floor((before - born) / 86_400_000), Math.floor((after - born) / 86_400_000)]).toContain(row.key.ageDays);
    const text = await r.byodkim(["status"]);
    expect(text.stdout).toContain(`${row.key.ageDays} d (selector date)`);
  });

  it.each([
    [["--regions", "tokyo"], /--regions takes AWS region names/],
    [["--all", "goo.ne.jp"], /give domains or --all, not both/],
    [["not a domain!"], /domain/i],
  ])("refuses %j with a clear error and exit 2, no stack trace", async (args, message) => {
    const r = await rehearsal();
    const result = await r.byodkim(["status", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(r.box.world.log.filter((entry) => entry.service !== "sandbox")).toEqual([]);
  });

  it("still exits on its status when the metrics cannot be published", async () => {
    const r = await rehearsal();
    await r.injectFault("PutMetricData", "access-denied");
    const result = await r.byodkim(["status", "--publish-metrics", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).metrics).toMatchObject({ published: false, problem: { code: "aws.accessDenied" } });
  });
});

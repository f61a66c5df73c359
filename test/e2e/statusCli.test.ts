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

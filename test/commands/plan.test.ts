import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openPlan } from "../../src/campaign/planSeal.js";
import { type PlanCommands, type PlanInput, plan } from "../../src/commands/plan.js";
import { planObjectKey } from "../../src/engine/campaignStore.js";
import { planJson, renderPlanText } from "../../src/ui/renderPlan.js";
import { campaignFleet, OSAKA, PLANNER, planCommandsWith, TOKYO } from "../support/campaignFleet.js";
import { SELECTOR } from "../support/fakeWorld.js";
import { dkimRecordStrings, generateTestKey } from "../support/keys.js";
import { keyFree, plainOutput } from "../support/plainOutput.js";

const key = generateTestKey(2048);
const other = generateTestKey(2048);
const A = "a.goo.ne.jp";
const B = "b.goo.ne.jp";
const C = "c.goo.ne.jp";

const input = (extra: Partial<PlanInput> = {}): PlanInput => ({
  command: "enable",
  domains: [],
  all: false,
  due: false,
  regions: undefined,
  outFile: undefined,
  ...extra,
});

/** The first domain is the config's `domain:`, the others its `identities:`. */
function fleetOf(domains: string[], regions = [TOKYO]) {
  const fleet = campaignFleet({ domains, regions, key });
  const { keys, selectorPrefix } = fleet.ctx.config;
  const identities = domains.slice(1).map((domain) => ({ domain, regions: undefined, selectorPrefix, keys }));
  return { ...fleet, ctx: { ...fleet.ctx, config: { ...fleet.ctx.config, identities } } };
}
const simpleFleet = (domains: string[], regions = [TOKYO]) => campaignFleet({ domains, regions, key });
const campaignPuts = (fleet: ReturnType<typeof campaignFleet>) => fleet.home.calls.filter((name) => name === "PutObject");
const MUTATING = /^(Put|Delete)/;

describe("plan: one sealed plan stored under its id", () => {
  it("stores a ready target under its id: the object's bytes open and hash to that id", async () => {
    const fleet = simpleFleet([A]);
    const result = await plan(fleet.ctx, input({ domains: [A] }), planCommandsWith());
    expect(result).toMatchObject({ command: "plan", ok: true, outcome: "planned" });
    if (!("stored" in result)) throw new Error("not stored");
    const records = fleet.home.campaignRecords();
    const text = records.get(planObjectKey(fleet.ctx.config.keys, result.id));
    expect(text).toBeDefined();
    expect([...records.keys()]).toEqual([planObjectKey(fleet.ctx.config.keys, result.id)]);
    const opened = openPlan(text!, result.id);
    expect(opened).toMatchObject({ ok: true, id: result.id });
    expect(result.stored.written).toBe(true);
    expect(result.plan.targets).toMatchObject([{ state: "ready", domain: A, region: TOKYO, selector: SELECTOR, wave: 1 }]);
    expect(result.plan.plannedBy).toBe(PLANNER);
    // Read-only: nothing in SES moved, no lock, no state written.
    expect(fleet.sesMutations).toEqual([]);
    expect(fleet.worldOf(A, TOKYO).calls.filter((name) => MUTATING.test(name))).toEqual([]);
    keyFree(fleet.home.everything() + renderPlanText(plainOutput(), result, 120) + JSON.stringify(planJson(plainOutput("en", true), result)), key.canaries);
  });

  it("leaves out a target whose gates fail, with its reason; the others are planned", async () => {
    const fleet = simpleFleet([A, B]);
    // B's key is gone from the bucket: its key gate fails.
    fleet.worldOf(B, TOKYO).fail("GetObject", { times: 5 });
    const result = await plan(fleet.ctx, input({ domains: [A, B] }), planCommandsWith());
    expect(result).toMatchObject({ ok: true, outcome: "planned" });
    if (!("plan" in result)) throw new Error("no plan");
    const [ready, leftOut] = [result.plan.targets.filter((t) => t.state === "ready"), result.plan.targets.filter((t) => t.state === "leftOut")];
    expect(ready.map((t) => t.domain)).toEqual([A]);
    expect(leftOut.map((t) => t.domain)).toEqual([B]);
    // The key gate's reason first: the key object cannot be read.
    expect(leftOut[0]).toMatchObject({ reasons: [{ gate: "key", status: "fail" }, ...[expect.anything()]] });
  });

  it("exits not-ok when no target is ready, and still stores what it found", async () => {
    const fleet = simpleFleet([A]);
    fleet.worldOf(A, TOKYO).fail("GetObject", { times: 5 });
    const result = await plan(fleet.ctx, input({ domains: [A] }), planCommandsWith());
    expect(result).toMatchObject({ ok: false, outcome: "nothingReady" });
    if (!("plan" in result)) throw new Error("no plan");
    expect(result.plan.targets).toMatchObject([{ state: "leftOut", domain: A }]);
    // The plan says so at the top: nothing ready, then the target left out.
    expect(result.summary.lines.map((line) => line.key)).toEqual(expect.arrayContaining(["campaign.summary.nothingReady", "campaign.summary.leftOut"]));
    expect(fleet.home.campaignRecords().size).toBe(1);
  });

  it("lists a DNS record still missing in dnsRecords, with the public key only", async () => {
    const fleet = simpleFleet([A]);
    // The name serves another key: the record the plan's selector needs is not published yet.
    fleet.home.publishAt({ name: `${SELECTOR}._domainkey.${A}`, strings: dkimRecordStrings(other.publicKeyBase64) });
    const result = await plan(fleet.ctx, input({ domains: [A] }), planCommandsWith());
    if (!("plan" in result)) throw new Error("no plan");
    expect(result.plan.dnsRecords).toEqual([
      { zone: A, records: [{ name: `${SELECTOR}._domainkey.${A}`, type: "TXT", ttl: 3600, value: expect.stringContaining(key.publicKeyBase64) }] },
    ]);
    keyFree(JSON.stringify(result.plan), key.canaries);
  });

  it("--out writes the very bytes stored, and refuses a symlink at the path without following it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "byodkim-plan-"));
    const fleet = simpleFleet([A]);
    const out = join(dir, "plan.json");
    const result = await plan(fleet.ctx, input({ domains: [A], outFile: out }), planCommandsWith());
    if (!("stored" in result)) throw new Error("not stored");
    expect(result.file).toBe(out);
    expect(readFileSync(out, "utf8")).toBe(fleet.home.campaignRecords().get(planObjectKey(fleet.ctx.config.keys, result.id)));

    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "untouched");
    const link = join(dir, "link.json");
    symlinkSync(victim, link);
    await expect(plan(fleet.ctx, input({ domains: [A], outFile: link }), planCommandsWith())).rejects.toMatchObject({
      kind: "input",
      what: { key: "plan.outNotRegular" },
    });
    expect(readFileSync(victim, "utf8")).toBe("untouched");
  });

  it("--out replaces an earlier plan but refuses another kind of file, before anything is asked of AWS", async () => {
    const dir = mkdtempSync(join(tmpdir(), "byodkim-plan-"));
    const fleet = simpleFleet([A]);
    const out = join(dir, "plan.json");
    writeFileSync(out, '{"version":1,"id":"0000000000000000000000000000000000000000000000000000000000000000"}');
    const replaced = await plan(fleet.ctx, input({ domains: [A], outFile: out }), planCommandsWith());
    if (!("stored" in replaced)) throw new Error("not stored");
    expect(readFileSync(out, "utf8")).toBe(fleet.home.campaignRecords().get(planObjectKey(fleet.ctx.config.keys, replaced.id)));

    const notes = join(dir, "notes.json");
    writeFileSync(notes, '{"todo":"ask the DNS team"}');
    const recordsBefore = fleet.home.campaignRecords().size;
    await expect(plan(fleet.ctx, input({ domains: [A, "b.goo.ne.jp"], outFile: notes }), planCommandsWith())).rejects.toMatchObject({
      kind: "input",
      what: { key: "plan.outNotAPlan" },
    });
    expect(readFileSync(notes, "utf8")).toBe('{"todo":"ask the DNS team"}');
    expect(fleet.home.campaignRecords().size).toBe(recordsBefore);
  });

  it("planning twice from the same facts stores once: the second says written false", async () => {
    const fleet = simpleFleet([A]);
    const first = await plan(fleet.ctx, input({ domains: [A] }), planCommandsWith());
    const second = await plan(fleet.ctx, input({ domains: [A] }), planCommandsWith());
    if (!("stored" in first) || !("stored" in second)) throw new Error("not stored");
    expect(second.id).toBe(first.id);
    expect([first.stored.written, second.stored.written]).toEqual([true, false]);
    expect(fleet.home.campaignRecords().size).toBe(1);
  });

  it("stops at a failing identity gate: identityFailed, no store write, no dry run", async () => {
    const fleet = simpleFleet([A]);
    const commands = planCommandsWith();
    const dryRun = vi.spyOn(commands.dryRun, "enable");
    const ctx = { ...fleet.ctx, config: { ...fleet.ctx.config, accountId: "999999999999" } };
    const result = await plan(ctx, input({ domains: [A] }), commands);
    expect(result).toMatchObject({ ok: false, outcome: "identityFailed", identity: { status: "fail" } });
    expect(fleet.home.campaignRecords().size).toBe(0);
    expect(campaignPuts(fleet)).toEqual([]);
    expect(dryRun).not.toHaveBeenCalled();
  });
});

describe("plan: choosing the targets", () => {
  it("--due plans what the due rule names, in those regions, and nothing else", async () => {
    const fleet = simpleFleet([A, B, C], [TOKYO, OSAKA]);
    const due = vi.fn<PlanCommands["due"]>(async () => [
      { domain: B, region: OSAKA },
      { domain: C, region: TOKYO },
    ]);
    const result = await plan(fleet.ctx, input({ domains: [A, B, C], due: true, regions: [TOKYO, OSAKA] }), planCommandsWith(due));
    if (!("plan" in result)) throw new Error("no plan");
    expect(due).toHaveBeenCalledTimes(1);
    // The named identities go to the due rule, each with the regions asked for.
    expect(due.mock.calls[0]![1]!.map((t) => [t.domain, t.regions])).toEqual([
      [A, [TOKYO, OSAKA]],
      [B, [TOKYO, OSAKA]],
      [C, [TOKYO, OSAKA]],
    ]);
    expect(result.plan.targets.map((t) => `${t.domain} ${t.region}`).sort()).toEqual([`${B} ${OSAKA}`, `${C} ${TOKYO}`]);
  });

  it("--due with nothing due: noTargets, nothing stored", async () => {
    const fleet = simpleFleet([A]);
    const result = await plan(
      fleet.ctx,
      input({ due: true }),
      planCommandsWith(async () => []),
    );
    expect(result).toMatchObject({ ok: false, outcome: "noTargets", problem: { key: "plan.noneDue" } });
    expect(fleet.home.campaignRecords().size).toBe(0);
  });

  it("--due --all hands the due rule no names (every identity SES lists) and the regions asked for", async () => {
    const fleet = simpleFleet([A, B]);
    const due = vi.fn<PlanCommands["due"]>(async () => [{ domain: A, region: TOKYO }]);
    await plan(fleet.ctx, input({ all: true, due: true, regions: [TOKYO] }), planCommandsWith(due));
    expect(due.mock.calls[0]![1]).toBeUndefined();
    expect(due.mock.calls[0]![2]).toEqual([TOKYO]);
  });

  it("--all plans every domain identity SES lists, in every region asked for", async () => {
    const fleet = simpleFleet([A, B, C], [TOKYO, OSAKA]);
    const result = await plan(fleet.ctx, input({ all: true, regions: [TOKYO, OSAKA] }), planCommandsWith());
    if (!("plan" in result)) throw new Error("no plan");
    expect(result.plan.targets.map((t) => `${t.domain} ${t.region}`).sort()).toEqual(
      [A, B, C].flatMap((domain) => [`${domain} ${TOKYO}`, `${domain} ${OSAKA}`]).sort(),
    );
    // An identity in two regions moves in one wave, to one selector.
    for (const domain of [A, B, C]) {
      const both = result.plan.targets.filter((t) => t.domain === domain && t.state === "ready");
      expect(new Set(both.map((t) => (t.state === "ready" ? t.wave : 0))).size).toBe(1);
      expect(new Set(both.map((t) => t.selector)).size).toBe(1);
    }
  });

  it("without names or --all plans the config's domain and identities", async () => {
    const fleet = fleetOf([A, B]);
    const result = await plan(fleet.ctx, input(), planCommandsWith());
    if (!("plan" in result)) throw new Error("no plan");
    expect(result.plan.targets.map((t) => t.domain).sort()).toEqual([A, B]);
  });
});

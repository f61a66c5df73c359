import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLEET_EMAIL_IDENTITY, FLEET_EXPECTATIONS } from "../../src/sandbox/fleet.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";
import { STATUS_REASONS } from "../../src/status/reasons.js";
import { leakedCanaries, sandboxKeyCanaries } from "../support/sandboxKey.js";
import { type SpawnResult, spawnCli } from "../support/spawnCli.js";

/**
 * `byodkim status` as a cron job runs it, over the fleet scenario: dozens of identities in two
 * regions, SES at one request a second as the real one. Two sandboxes run side by side (each has
 * its own SES limit), one for the config's identities and one for --all, so the suite waits for
 * one fleet's length, not two.
 */
interface Row {
  domain: string;
  region: string;
  verdict: string;
  reason: string;
  reasons: string[];
  dkim: { origin: string; selector: string | null } | null;
  key: { ageDays: number | null; daysUntilRotationDue: number | null; ageSource: string | null; fingerprintSource: string | null } | null;
  dns: { matchesEverywhere: boolean | null; servers: { matches: boolean; outcome: string }[] } | null;
  cnames: { matches: boolean }[] | null;
  grace: { selector: string }[];
  regionComparison: { differences: string[] } | null;
}

const boxes: Sandbox[] = [];
afterAll(async () => {
  await Promise.all(boxes.map((box) => box.stop()));
});

async function fleetRun(args: string[]): Promise<{ box: Sandbox; result: SpawnResult }> {
  const box = await startSandbox({ scenario: "fleet" });
  boxes.push(box);
  const env = { ...box.env, BYODKIM_JOURNAL_DIR: mkdtempSync(join(tmpdir(), "byodkim-journal-")), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  const result = await spawnCli(["status", ...args, "--config", box.configPath], { env, timeoutMs: 180_000 });
  return { box, result };
}

const key = (row: { domain: string; region: string }) => `${row.domain} ${row.region}`;
/** Every SES call, and every call of any service that changes something. */
const sesCalls = (box: Sandbox) => box.world.log.filter((entry) => entry.service === "ses");
const changing = (box: Sandbox) =>
  box.world.log.filter((entry) => /^(Put|Delete|Create|Update|Send|Set|Tag)/.test(entry.operation) || entry.operation === "CopyObject");

let configured: { box: Sandbox; result: SpawnResult; rows: Row[]; document: Record<string, unknown> };
let listed: { box: Sandbox; result: SpawnResult; rows: Row[] };

beforeAll(async () => {
  const [a, b] = await Promise.all([fleetRun(["--json", "--publish-metrics"]), fleetRun(["--all", "--regions", "ap-northeast-1,ap-northeast-3", "--json"])]);
  const document = JSON.parse(a.result.stdout) as Record<string, unknown>;
  configured = { ...a, document, rows: document["rows"] as Row[] };
  listed = { ...b, rows: (JSON.parse(b.result.stdout) as { rows: Row[] }).rows };
});

describe("status over the fleet (the config's identities: and their regions)", () => {
  it("gives every row the verdict and reason the scenario defines", () => {
    const found = Object.fromEntries(configured.rows.map((row) => [key(row), `${row.verdict} ${row.reason}`]));
    const expected = Object.fromEntries(FLEET_EXPECTATIONS.map((row) => [key(row), `${row.verdict} ${row.reason}`]));
    expect(FLEET_EXPECTATIONS.length).toBeGreaterThanOrEqual(40);
    expect(found).toEqual(expected);
  });

  it("finds every kind of row the scenario holds, and exits 1 because some need action", () => {
    const reasons = new Set(configured.rows.map((row) => row.reason));
    for (const reason of [
      "healthy",
      "keyOverdue",
      "rotationDueSoon",
      "dnsDrift",
      "dkimFailed",
      "signingOff",
      "cnameMissing",
      "regionMismatch",
      "notInRegion",
    ]) {
      expect(reasons, reason).toContain(reason);
    }
    expect(configured.result.code).toBe(1);
    expect(configured.document["ok"]).toBe(false);
    expect(configured.document["counts"]).toEqual({
      ok: FLEET_EXPECTATIONS.filter((row) => row.verdict === "ok").length,
      warn: FLEET_EXPECTATIONS.filter((row) => row.verdict === "warn").length,
      action: FLEET_EXPECTATIONS.filter((row) => row.verdict === "action").length,
    });
  });

  it("carries the facts behind each verdict", () => {
    for (const row of configured.rows) {
      expect(STATUS_REASONS[row.reason as keyof typeof STATUS_REASONS], row.reason).toBe(row.verdict);
      if (row.reason === "dnsDrift") expect(row.dns?.servers.map((server) => server.matches)).toContain(false);
      if (row.reason === "keyOverdue") expect(row.key?.daysUntilRotationDue).toBeLessThanOrEqual(0);
      if (row.reason === "rotationDueSoon") expect(row.key?.daysUntilRotationDue).toBeLessThan(7);
      if (row.reason === "cnameMissing") expect(row.cnames?.some((cname) => !cname.matches)).toBe(true);
      if (row.reason === "regionMismatch") expect(row.regionComparison?.differences.length).toBeGreaterThan(0);
      if (row.verdict === "ok" && row.dkim?.origin === "EXTERNAL") expect(row.dns?.matchesEverywhere).toBe(true);
    }
    // The key's age from each of its three sources, and the key from both of its.
    const sources = new Set(configured.rows.map((row) => row.key?.ageSource).filter(Boolean));
    expect([...sources].sort()).toEqual(["history", "s3", "selector"]);
    expect(new Set(configured.rows.map((row) => row.key?.fingerprintSource).filter(Boolean))).toEqual(new Set(["history", "s3"]));
    expect(configured.rows.some((row) => row.grace.length > 0)).toBe(true);
  });

  it("keeps within SES's rate: no call throttled", () => {
    expect(configured.box.world.log.filter((entry) => entry.error === "TooManyRequestsException")).toEqual([]);
    // One GetEmailIdentity per row, nothing more.
    expect(sesCalls(configured.box).map((entry) => entry.operation)).toEqual(FLEET_EXPECTATIONS.map(() => "GetEmailIdentity"));
  });

  it("changes nothing: its only writes are the metrics --publish-metrics sends", () => {
    expect([...new Set(changing(configured.box).map((entry) => `${entry.service} ${entry.operation} ${entry.status}`))]).toEqual([
      "monitoring PutMetricData 200",
    ]);
  });

  it("publishes what it found, readable back from CloudWatch", () => {
    const metrics = configured.box.world.metrics;
    expect(configured.document["metrics"]).toMatchObject({ published: true, data: metrics.length });
    expect(new Set(metrics.map((metric) => metric.namespace))).toEqual(new Set(["byodkim"]));
    for (const row of configured.rows) {
      const of = (name: string) =>
        metrics.find((metric) => metric.name === name && metric.dimensions["Domain"] === row.domain && metric.dimensions["Region"] === row.region)?.value;
      expect(of("DkimHealthy"), key(row)).toBe(row.verdict === "action" ? 0 : 1);
      expect(of("DaysUntilRotationDue") ?? null, key(row)).toBe(row.key?.daysUntilRotationDue ?? null);
      expect(of("KeyAgeDays") ?? null, key(row)).toBe(row.key?.ageDays ?? null);
      const dnsMatches = row.dns ? row.dns.matchesEverywhere : row.cnames ? row.cnames.every((cname) => cname.matches) : null;
      expect(of("DnsKeyMatches") ?? null, key(row)).toBe(dnsMatches === null ? null : dnsMatches ? 1 : 0);
    }
  });

  it("never prints a private key it read from S3", () => {
    const everything = [configured.result.stdout, configured.result.stderr, JSON.stringify(configured.box.world.log)].join("\n");
    expect(sandboxKeyCanaries(configured.box).length).toBeGreaterThan(10);
    expect(leakedCanaries(everything, sandboxKeyCanaries(configured.box))).toEqual([]);
  });
});

describe("status --all over the fleet", () => {
  it("looks at every domain identity SES lists in each region, and nothing else", () => {
    const expected = FLEET_EXPECTATIONS.filter((row) => row.reason !== "notInRegion");
    expect(listed.rows.map(key).sort()).toEqual(expected.map(key).sort());
    expect(listed.rows.map((row) => row.domain)).not.toContain(FLEET_EMAIL_IDENTITY);
    expect(Object.fromEntries(listed.rows.map((row) => [key(row), row.reason]))).toEqual(Object.fromEntries(expected.map((row) => [key(row), row.reason])));
    expect(listed.result.code).toBe(1);
  });

  it("lists each region once, then reads each row once, unthrottled and unchanged", () => {
    const operations = sesCalls(listed.box).map((entry) => entry.operation);
    expect(operations.filter((operation) => operation === "ListEmailIdentities")).toHaveLength(2);
    expect(operations.filter((operation) => operation === "GetEmailIdentity")).toHaveLength(listed.rows.length);
    expect(listed.box.world.log.filter((entry) => entry.error === "TooManyRequestsException")).toEqual([]);
    expect(changing(listed.box)).toEqual([]);
  });
});

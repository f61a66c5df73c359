import { describe, expect, it } from "vitest";
import type { AwsPorts, MetricDatum } from "../../src/aws/types.js";
import { historyOf, parseRegions, status, statusTargets } from "../../src/commands/status.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { fingerprintSpki } from "../../src/dkim/publicKey.js";
import { ByodkimError } from "../../src/errors.js";
import { msg } from "../../src/messages/msg.js";
import { DOMAIN, fakeWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

const KEY = generateTestKey(2048);
const FINGERPRINT = fingerprintSpki(Buffer.from(KEY.publicKeyBase64, "base64"));
const daysAgo = (days: number) => new Date(Date.parse("2026-11-25T10:00:00Z") - days * 86_400_000).toISOString();
const location = (selector: string) => `s3://keys/dkim/${DOMAIN}/${selector}.pem`;
const INPUT = { domains: [], all: false, regions: undefined, publishMetrics: false };

/** Named the day after keygen made it (10 days ago): its history's created_at is the earliest evidence of its age. */
const RECENT = "gooid-21-pro-20261116-1";

function byodkimWorld(
  history: Record<string, unknown> = { [RECENT]: { status: "active", created_at: daysAgo(10), fingerprint: FINGERPRINT, location: location(RECENT) } },
  selector = RECENT,
) {
  const world = fakeWorld({
    key: KEY,
    dkim: { origin: "EXTERNAL", tokens: [selector], signingHostedZone: undefined },
    state: { current_phase: "7", byodkim_keys: history },
  });
  if (selector !== SELECTOR) world.uploadKey(selector);
  return world;
}

describe("status over the in-memory world", () => {
  it("judges the config's identity from the history, and only reads", async () => {
    const world = byodkimWorld();
    const result = await status(world.ctx, INPUT);
    expect(result.ok).toBe(true);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({
      domain: DOMAIN,
      verdict: "ok",
      reason: "healthy",
      key: { ageDays: 10, ageSource: "history", fingerprintSource: "history" },
    });
    // The fingerprint in the history is enough: the private key is not fetched.
    expect(world.calls).not.toContain("GetObject");
    expect(world.calls.filter((call) => /^(Put|Delete|Create|Send)/.test(call))).toEqual([]);
  });

  it("falls back to the S3 key when the history has no fingerprint, and to the selector's date for the age", async () => {
    const world = byodkimWorld({}, SELECTOR);
    const result = await status(world.ctx, INPUT);
    expect(result.rows[0]!.key).toMatchObject({
      ageSource: "selector",
      bornAt: "2025-09-17T00:00:00.000Z",
      fingerprintSource: "s3",
      expectedFingerprint: FINGERPRINT,
    });
    expect(result.rows[0]).toMatchObject({ verdict: "action", reason: "keyOverdue" });
    expect(world.calls).toContain("GetObject");
  });

  it("finds drift when DNS serves another key", async () => {
    const world = byodkimWorld();
    world.publish(generateTestKey(1024));
    const result = await status(world.ctx, INPUT);
    expect(result.rows[0]).toMatchObject({ verdict: "action", reason: "dnsDrift" });
    expect(result.ok).toBe(false);
  });

  it("asks another region through its own ports, and says when SES has no such identity there", async () => {
    const world = byodkimWorld();
    const asked: string[] = [];
    const elsewhere: AwsPorts = {
      ...world.ctx.aws,
      ses: {
        ...world.ctx.aws.ses,
        getEmailIdentity: async (domain) => {
          asked.push(domain);
          return null;
        },
      },
    };
    const result = await status({ ...world.ctx, awsIn: () => elsewhere }, { ...INPUT, regions: ["ap-northeast-1", "ap-northeast-3"] });
    expect(asked).toEqual([DOMAIN]);
    expect(result.rows.map((row) => [row.region, row.verdict, row.reason])).toEqual([
      ["ap-northeast-1", "ok", "healthy"],
      ["ap-northeast-3", "action", "notInRegion"],
    ]);
  });

  it("asks nothing of SES with another account's credentials", async () => {
    const world = byodkimWorld();
    const result = await status({ ...world.ctx, config: { ...world.ctx.config, accountId: "999999999999" } }, INPUT);
    expect(result.ok).toBe(false);
    expect(result.identity).toMatchObject({ status: "fail", detail: { key: "gate.identity.wrongAccount" } });
    expect(world.calls).toEqual(["GetCallerIdentity"]);
  });

  it("reports an unreadable SES row as needing action, and goes on with the others", async () => {
    const world = byodkimWorld();
    world.fail("GetEmailIdentity");
    const result = await status(world.ctx, INPUT);
    expect(result.rows[0]).toMatchObject({ verdict: "action", reason: "sesUnreadable", problem: { key: "aws.accessDenied" } });
  });

  it("goes on without the key history when the secret cannot be read", async () => {
    const world = byodkimWorld();
    world.fail("GetSecretValue");
    const result = await status(world.ctx, INPUT);
    expect(result.historyProblem).toMatchObject({ key: "aws.accessDenied" });
    expect(result.rows[0]!.key).toMatchObject({ ageSource: "selector", fingerprintSource: "s3" });
  });

  it("--all lists SES's domain identities, leaving email addresses out", async () => {
    const world = byodkimWorld();
    const aws = {
      ...world.ctx.aws,
      ses: {
        ...world.ctx.aws.ses,
        listEmailIdentities: async () => [
          { name: DOMAIN, type: "DOMAIN" },
          { name: "ops@goo.ne.jp", type: "EMAIL_ADDRESS" },
        ],
      },
    };
    const result = await status({ ...world.ctx, aws }, { ...INPUT, all: true });
    expect(result.rows.map((row) => row.domain)).toEqual([DOMAIN]);
  });

  it("announces its length and counts its rows as they finish", async () => {
    const world = byodkimWorld();
    await status(world.ctx, INPUT);
    expect(world.events.filter((event) => event.type.startsWith("status"))).toEqual([
      { type: "statusPlanned", rows: 1, sesCalls: 1, seconds: 1 },
      { type: "statusProgress", done: 1, total: 1 },
    ]);
  });
});

describe("--publish-metrics", () => {
  it("sends each row's metrics to namespace byodkim", async () => {
    const world = byodkimWorld();
    const sent: { namespace: string; data: readonly MetricDatum[] }[] = [];
    const aws = {
      ...world.ctx.aws,
      metrics: {
        putMetricData: async (namespace: string, data: readonly MetricDatum[]) => {
          sent.push({ namespace, data });
          return { requests: 1 };
        },
      },
    };
    const result = await status({ ...world.ctx, aws }, { ...INPUT, publishMetrics: true });
    expect(result.metrics).toEqual({ published: true, data: 4, requests: 1 });
    expect(sent[0]!.namespace).toBe("byodkim");
    expect(Object.fromEntries(sent[0]!.data.map((datum) => [datum.name, datum.value]))).toEqual({
      KeyAgeDays: 10,
      DaysUntilRotationDue: 21,
      DnsKeyMatches: 1,
      DkimHealthy: 1,
    });
  });

  it("is a side channel: a failure is a warning, and the status stands", async () => {
    const world = byodkimWorld();
    const refused = new ByodkimError(
      "aws",
      msg("aws.accessDenied", { service: "CloudWatch", action: "cloudwatch:PutMetricData", resource: "*", requestId: "-" }),
    );
    const aws = { ...world.ctx.aws, metrics: { putMetricData: async () => Promise.reject(refused) } };
    const result = await status({ ...world.ctx, aws }, { ...INPUT, publishMetrics: true });
    expect(result.ok).toBe(true);
    expect(result.metrics).toEqual({ published: false, problem: refused.what });
  });
});

describe("who status looks at", () => {
  const config = validateConfig(
    {
      domain: "goo.ne.jp",
      region: "ap-northeast-1",
      accountId: "123456789012",
      selectorPrefix: "gooid-21-pro",
      keys: { bucket: "keys", key: "dkim/{domain}/{selector}.pem" },
      state: { secretId: "s" },
      identities: [{ domain: "m01.goo.ne.jp", regions: ["ap-northeast-1", "ap-northeast-3"], selectorPrefix: "m01-pro" }, { domain: "news.goo.ne.jp" }],
    },
    "test.yaml",
  );

  it.each([
    [
      "the config's domain and identities",
      { domains: [], regions: undefined },
      [
        ["goo.ne.jp", ["ap-northeast-1"]],
        ["m01.goo.ne.jp", ["ap-northeast-1", "ap-northeast-3"]],
        ["news.goo.ne.jp", ["ap-northeast-1"]],
      ],
    ],
    ["a domain named, with its config regions", { domains: ["M01.goo.ne.jp"], regions: undefined }, [["m01.goo.ne.jp", ["ap-northeast-1", "ap-northeast-3"]]]],
    ["a domain not in the config, in the region in force", { domains: ["other.goo.ne.jp"], regions: undefined }, [["other.goo.ne.jp", ["ap-northeast-1"]]]],
    [
      "--regions over every identity",
      { domains: [], regions: ["us-east-1"] },
      [
        ["goo.ne.jp", ["us-east-1"]],
        ["m01.goo.ne.jp", ["us-east-1"]],
        ["news.goo.ne.jp", ["us-east-1"]],
      ],
    ],
  ])("%s", (_what, input, expected) => {
    expect(statusTargets(config, "ap-northeast-1", input).map((target) => [target.domain, target.regions])).toEqual(expected);
  });

  it("keeps an identity's own selector prefix", () => {
    expect(statusTargets(config, "ap-northeast-1", { domains: ["m01.goo.ne.jp"], regions: undefined })[0]!.selectorPrefix).toBe("m01-pro");
  });

  it("refuses a bad domain as input, and no domain at all as usage", () => {
    expect(() => statusTargets(config, "ap-northeast-1", { domains: ["not a domain"], regions: undefined })).toThrow(
      expect.objectContaining({ kind: "input" }),
    );
    expect(() => statusTargets({ ...config, domain: undefined, identities: [] }, "ap-northeast-1", { domains: [], regions: undefined })).toThrow(
      expect.objectContaining({ kind: "usage" }),
    );
  });

  it.each([
    ["ap-northeast-1,ap-northeast-3", ["ap-northeast-1", "ap-northeast-3"]],
    ["us-east-1, us-east-1", ["us-east-1"]],
  ])("reads --regions %s", (text, regions) => {
    expect(parseRegions(text)).toEqual(regions);
  });

  it.each(["tokyo", "", "ap-northeast-1,,us-east-1"])("refuses --regions %j", (text) => {
    expect(() => parseRegions(text)).toThrow(expect.objectContaining({ kind: "usage" }));
  });

  it("attributes history entries by their key object, else by the selector prefix", () => {
    const target = statusTargets(config, "ap-northeast-1", { domains: ["m01.goo.ne.jp"], regions: undefined })[0]!;
    const history = {
      "m01-pro-20261101-1": { status: "active" as const, location: "s3://keys/dkim/m01.goo.ne.jp/m01-pro-20261101-1.pem" },
      "m01-pro-20261001-1": { status: "retired" as const },
      "shared-20261101-1": { status: "active" as const, location: "s3://keys/dkim/news.goo.ne.jp/shared-20261101-1.pem" },
      "m01-pro-20261102-1": { status: "active" as const, location: "s3://keys/dkim/news.goo.ne.jp/m01-pro-20261102-1.pem" },
    };
    expect(historyOf(history, target).map(([selector]) => selector)).toEqual(["m01-pro-20261101-1", "m01-pro-20261001-1"]);
  });
});

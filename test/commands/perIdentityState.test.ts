import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { StateStorePort } from "../../src/aws/types.js";
import { enable } from "../../src/commands/enable.js";
import { status } from "../../src/commands/status.js";
import type { ByodkimConfig } from "../../src/config/config.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import type { CommandContext } from "../../src/engine/context.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { DOMAIN, fakeWorld } from "../support/fakeWorld.js";

const EXAMPLE = readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8");
const TEMPLATE = "byodkim/state/{domain}";
const list = (value: string | readonly string[]) => (typeof value === "string" ? [value] : value);

/** The fake's state, with every secret id asked for and every one written kept. */
function withSecretLog(ctx: CommandContext, config: ByodkimConfig): { ctx: CommandContext; read: string[]; written: string[]; simulated: string[] } {
  const read: string[] = [];
  const written: string[] = [];
  const simulated: string[] = [];
  const state: StateStorePort = {
    readStateSecret: (secretId) => {
      read.push(secretId);
      return ctx.aws.state.readStateSecret(secretId);
    },
    writeStateSecret: (secretId, text) => {
      written.push(secretId);
      return ctx.aws.state.writeStateSecret(secretId, text);
    },
  };
  const iam = ctx.aws.iam && {
    ...ctx.aws.iam,
    simulate: (principal: string, requests: Parameters<NonNullable<CommandContext["aws"]["iam"]>["simulate"]>[1]) => {
      simulated.push(...requests.filter((request) => request.action.startsWith("secretsmanager:")).map((request) => request.resource));
      return ctx.aws.iam!.simulate(principal, requests);
    },
  };
  return { ctx: { ...ctx, config, aws: { ...ctx.aws, state, ...(iam ? { iam } : {}) } }, read, written, simulated };
}

const templated = (ctx: CommandContext, more: Partial<ByodkimConfig> = {}): ByodkimConfig => ({ ...ctx.config, state: { secretId: TEMPLATE }, ...more });

describe("a change records itself in its own identity's state secret", () => {
  it("enable reads, snapshots to and records in byodkim/state/<domain>, and nothing else", async () => {
    const world = fakeWorld();
    const logged = withSecretLog(world.ctx, templated(world.ctx));
    const result = await enable(logged.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
    expect(result.outcome).toBe("completed");
    expect(new Set(logged.read)).toEqual(new Set([`byodkim/state/${DOMAIN}`]));
    // The snapshot before the calls, then the record after the wait.
    expect(logged.written).toEqual([`byodkim/state/${DOMAIN}`, `byodkim/state/${DOMAIN}`]);
  });

  it("the permissions gate asks IAM about that exact secret when it cannot be read", async () => {
    const world = fakeWorld();
    world.fail("GetSecretValue");
    const logged = withSecretLog(world.ctx, templated(world.ctx));
    await enable(logged.ctx, { domain: DOMAIN, selector: undefined, yes: false, dryRun: true, waitSeconds: 0, forceUnlock: false });
    expect(logged.simulated.length).toBeGreaterThan(0);
    expect(new Set(logged.simulated)).toEqual(new Set([`arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:byodkim/state/${DOMAIN}-??????`]));
  });
});

describe("status reads each identity's key history from its own secret", () => {
  it("once per secret, not once per row, and all before the SES rows are judged", async () => {
    const world = fakeWorld();
    const identities = ["m01.goo.ne.jp", "m02.goo.ne.jp"].map((domain) => ({
      domain,
      regions: ["ap-northeast-1", "ap-northeast-3"],
      selectorPrefix: "gooid-21-pro",
      keys: world.ctx.config.keys,
    }));
    const logged = withSecretLog(world.ctx, templated(world.ctx, { identities }));
    const result = await status(logged.ctx, { domains: [], all: false, regions: undefined, publishMetrics: false });
    expect(result.rows).toHaveLength(5);
    expect([...logged.read].sort()).toEqual([`byodkim/state/${DOMAIN}`, "byodkim/state/m01.goo.ne.jp", "byodkim/state/m02.goo.ne.jp"]);
  });

  it("reads today's one secret once, however many identities", async () => {
    const world = fakeWorld();
    const identities = [{ domain: "m01.goo.ne.jp", regions: ["ap-northeast-1", "ap-northeast-3"], selectorPrefix: "m01-pro", keys: world.ctx.config.keys }];
    const logged = withSecretLog(world.ctx, { ...world.ctx.config, identities });
    await status(logged.ctx, { domains: [], all: false, regions: undefined, publishMetrics: false });
    expect(logged.read).toEqual([world.ctx.config.state.secretId]);
  });
});

describe("the policy iam-policy prints for a templated state secret", () => {
  const config = validateConfig(
    {
      ...(parseYaml(EXAMPLE) as Record<string, unknown>),
      state: { secretId: TEMPLATE },
      identities: [{ domain: "m01.goo.ne.jp" }, { domain: "old.goo.ne.jp", state: { secretId: "legacy/old-state" } }],
    },
    "example.yaml",
  );
  const secretGrants = (audience: "operator" | "readonly", action: string) =>
    iamPolicy(config, { domain: undefined, audience, region: "ap-northeast-1" })
      .policy.Statement.filter((statement) => list(statement.Action).includes(action))
      .flatMap((statement) => list(statement.Resource));
  const arn = (name: string) => `arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:${name}-??????`;

  it("grants every identity's secret by the pattern, and an identity's own secret by name", () => {
    // apply records each identity's change in that identity's own secret: the operator writes it too.
    expect([...secretGrants("operator", "secretsmanager:PutSecretValue")].sort()).toEqual([arn("byodkim/state/*"), arn("legacy/old-state")]);
    expect([...secretGrants("readonly", "secretsmanager:GetSecretValue")].sort()).toEqual([arn("byodkim/state/*"), arn("legacy/old-state")]);
  });
});

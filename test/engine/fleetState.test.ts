import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { fleetTargets, identityContext, sharedStateSecrets } from "../../src/engine/fleet.js";
import { fakeWorld } from "../support/fakeWorld.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const TOKYO = "ap-northeast-1";
const OSAKA = "ap-northeast-3";

describe("a fleet target's state secret", () => {
  const config = validateConfig(
    {
      ...example,
      state: { secretId: "byodkim/state/{domain}" },
      identities: [
        { domain: "m01.goo.ne.jp", regions: [TOKYO, OSAKA] },
        { domain: "m02.goo.ne.jp", state: { secretId: "legacy/m02" } },
      ],
    },
    "test.yaml",
  );

  it("is filled in for every target, the config's domain among them", () => {
    const targets = fleetTargets(config, TOKYO, { domains: [], regions: undefined });
    expect(targets.map((target) => [target.domain, target.state?.secretId])).toEqual([
      ["goo.ne.jp", "byodkim/state/goo.ne.jp"],
      ["m01.goo.ne.jp", "byodkim/state/m01.goo.ne.jp"],
      ["m02.goo.ne.jp", "legacy/m02"],
    ]);
  });

  it("goes into the identity's context, so the single command reads and writes that secret", () => {
    const world = fakeWorld();
    const ctx = { ...world.ctx, config };
    const [m01] = fleetTargets(config, TOKYO, { domains: ["m01.goo.ne.jp"], regions: undefined });
    expect(identityContext(ctx, m01!, OSAKA).config.state).toEqual({ secretId: "byodkim/state/m01.goo.ne.jp" });
    // A target built without one (an identity SES lists that the config does not) gets the config's, filled in.
    const listed = { domain: "new.goo.ne.jp", regions: [TOKYO], selectorPrefix: config.selectorPrefix, keys: config.keys };
    expect(identityContext(ctx, listed, TOKYO).config.state).toEqual({ secretId: "byodkim/state/new.goo.ne.jp" });
  });
});

const target = (domain: string, regions: string[], secretId?: string) => ({ domain, regions, ...(secretId ? { state: { secretId } } : {}) });

describe("state secrets two domains would share", () => {
  it.each([
    ["none: one secret per identity", [target("a.jp", [TOKYO, OSAKA], "s/a.jp"), target("b.jp", [TOKYO, OSAKA], "s/b.jp")], []],
    ["one domain in two regions is not sharing", [target("a.jp", [TOKYO, OSAKA], "shared")], []],
    [
      "two domains on one secret in one region",
      [target("a.jp", [TOKYO], "shared"), target("b.jp", [TOKYO], "shared")],
      [{ region: TOKYO, secretId: "shared", domains: ["a.jp", "b.jp"] }],
    ],
    ["one secret name, but in different regions", [target("a.jp", [TOKYO], "shared"), target("b.jp", [OSAKA], "shared")], []],
    [
      "a whole fleet on today's one secret, each region its own finding",
      [target("a.jp", [TOKYO, OSAKA], "shared"), target("b.jp", [TOKYO, OSAKA], "shared"), target("c.jp", [OSAKA], "shared")],
      [
        { region: TOKYO, secretId: "shared", domains: ["a.jp", "b.jp"] },
        { region: OSAKA, secretId: "shared", domains: ["a.jp", "b.jp", "c.jp"] },
      ],
    ],
    ["a domain listed twice is still one writer", [target("a.jp", [TOKYO], "shared"), target("a.jp", [TOKYO], "shared")], []],
  ])("%s", (_what, targets, expected) => {
    expect(sharedStateSecrets(targets)).toEqual(expected);
  });

  it("resolves a target without a state secret from the config", () => {
    const config = { state: { secretId: "aws-ses-migration/prod/dkim-config" }, identities: [] };
    expect(sharedStateSecrets([target("a.jp", [TOKYO]), target("b.jp", [TOKYO])], config)).toEqual([
      { region: TOKYO, secretId: "aws-ses-migration/prod/dkim-config", domains: ["a.jp", "b.jp"] },
    ]);
    expect(sharedStateSecrets([target("a.jp", [TOKYO]), target("b.jp", [TOKYO])], { ...config, state: { secretId: "s/{domain}" } })).toEqual([]);
  });
});

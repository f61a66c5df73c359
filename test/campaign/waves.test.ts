import { describe, expect, it } from "vitest";
import { assignWaves, domainsShown, type WaveCandidate, wavesSummary } from "../../src/campaign/waves.js";
import type { WavesConfig } from "../../src/config/wavesConfig.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { FLEET_DOMAINS, fleetDomainName } from "../../src/sandbox/fleet.js";

const TOKYO = "ap-northeast-1";
const OSAKA = "ap-northeast-3";
const label = (n: number) => `m${String(n).padStart(2, "0")}`;

/** 39 identities, each in Tokyo and Osaka, each moving to its own selector in both: the shape of a month's rotation of the fleet. */
const fleetOf = (identities: number): WaveCandidate[] =>
  Array.from({ length: identities }, (_, i) => label(i + 1)).flatMap((name) =>
    [TOKYO, OSAKA].map((region) => ({ domain: `${name}.goo.ne.jp`, region, selector: `${name}-pro-20261201-1` })),
  );

/** A fixed shuffle (no Math.random), so a test shows the order given does not matter. */
const shuffled = <T>(items: readonly T[]): T[] =>
  items
    .map((item, i) => ({ item, key: (i * 7919) % 101 }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);

const waved = (targets: readonly WaveCandidate[], config: WavesConfig) => {
  const assigned = assignWaves(targets, config);
  if (!assigned.ok) throw new Error(assigned.problem.key);
  return assigned.waves;
};

describe("waves", () => {
  it.each([
    ["no canary, 10 a wave", { canary: 0, size: 10 }, 39, [10, 10, 10, 9], "wave"],
    ["a canary of 1, 10 a wave (the default)", { canary: 1, size: 10 }, 39, [1, 10, 10, 10, 8], "canary"],
    ["a canary of 3, 10 a wave", { canary: 3, size: 10 }, 39, [3, 10, 10, 10, 6], "canary"],
    ["a canary of 1, 1 a wave", { canary: 1, size: 1 }, 39, Array(39).fill(1), "canary"],
    ["no canary, 1 a wave", { canary: 0, size: 1 }, 39, Array(39).fill(1), "wave"],
    ["a canary larger than the fleet", { canary: 50, size: 10 }, 39, [39], "canary"],
    ["a canary of 1, 100 a wave", { canary: 1, size: 100 }, 39, [1, 38], "canary"],
    ["ten identities exactly filling waves of 5", { canary: 0, size: 5 }, 10, [5, 5], "wave"],
    ["one identity", { canary: 1, size: 10 }, 1, [1], "canary"],
    ["no identity at all", { canary: 1, size: 10 }, 0, [], undefined],
  ])("%s: identities per wave", (_what, sizes, identities, expected, firstKind) => {
    const waves = waved(shuffled(fleetOf(identities)), { ...sizes, maxErrors: 0 });
    expect(waves.map((wave) => wave.domains.length)).toEqual(expected);
    // Both regions of every identity travel together: twice as many targets as identities, in every wave.
    expect(waves.map((wave) => wave.targets.length)).toEqual(expected.map((count: number) => count * 2));
    expect(waves.map((wave) => wave.number)).toEqual(expected.map((_: number, index: number) => index + 1));
    expect(waves[0]?.kind).toBe(firstKind);
    expect(waves.slice(1).every((wave) => wave.kind === "wave")).toBe(true);
  });

  it("puts the two regions of one domain in the same wave, always", () => {
    const waves = waved(shuffled(fleetOf(39)), { canary: 1, size: 10, maxErrors: 0 });
    const waveOf = new Map<string, Set<number>>();
    for (const wave of waves) for (const target of wave.targets) waveOf.set(target.domain, (waveOf.get(target.domain) ?? new Set()).add(wave.number));
    expect(waveOf.size).toBe(39);
    expect([...waveOf.values()].filter((numbers) => numbers.size !== 1)).toEqual([]);
    expect(waves[0]!.targets).toEqual([
      { domain: "m01.goo.ne.jp", region: TOKYO, selector: "m01-pro-20261201-1" },
      { domain: "m01.goo.ne.jp", region: OSAKA, selector: "m01-pro-20261201-1" },
    ]);
  });

  it("orders by domain, then region, by code unit, whatever order the targets came in", () => {
    const targets: WaveCandidate[] = [
      { domain: "b.example.jp", region: OSAKA, selector: "s" },
      { domain: "B.example.jp", region: TOKYO, selector: "s" },
      { domain: "a.example.jp", region: "us-east-1", selector: "s" },
      { domain: "a.example.jp", region: TOKYO, selector: "s" },
      { domain: "b.example.jp", region: TOKYO, selector: "s" },
    ];
    const config = { canary: 0, size: 100, maxErrors: 0 };
    const order = (given: WaveCandidate[]) => waved(given, config)[0]!.targets.map((target) => `${target.domain} ${target.region}`);
    expect(order(targets)).toEqual([
      "B.example.jp ap-northeast-1",
      "a.example.jp ap-northeast-1",
      "a.example.jp us-east-1",
      "b.example.jp ap-northeast-1",
      "b.example.jp ap-northeast-3",
    ]);
    expect(order([...targets].reverse())).toEqual(order(targets));
    expect(waved(shuffled(fleetOf(39)), { canary: 1, size: 10, maxErrors: 0 })).toEqual(waved(fleetOf(39), { canary: 1, size: 10, maxErrors: 0 }));
  });

  it("waves the sandbox fleet as status lists it: 39 identities, 10 of them in two regions", () => {
    const targets = FLEET_DOMAINS.flatMap((spec) =>
      Object.keys(spec.ses).map((region) => ({ domain: fleetDomainName(spec), region, selector: `${spec.label}-pro-20261201-1` })),
    );
    const waves = waved(targets, { canary: 1, size: 10, maxErrors: 0 });
    expect(waves.map((wave) => wave.domains.length)).toEqual([1, 10, 10, 10, 8]);
    expect(waves.reduce((sum, wave) => sum + wave.targets.length, 0)).toBe(49);
    expect(new Set(waves.flatMap((wave) => wave.domains)).size).toBe(39);
  });

  it.each([
    ["two selectors", "m01-pro-20261201-1", "m01-pro-20261201-2", `${OSAKA} → m01-pro-20261201-2`],
    ["a selector and none", "m01-pro-20261201-1", null, `${OSAKA} → -`],
  ])("refuses an identity moving to %s in its two regions, naming both", (_what, tokyo, osaka, second) => {
    const targets = [...fleetOf(2), { domain: "m00.goo.ne.jp", region: TOKYO, selector: tokyo }, { domain: "m00.goo.ne.jp", region: OSAKA, selector: osaka }];
    const assigned = assignWaves(targets, { canary: 1, size: 10, maxErrors: 0 });
    expect(assigned).toEqual({
      ok: false,
      code: "selectorsDiffer",
      problem: { key: "campaign.waves.selectorsDiffer", params: { domain: "m00.goo.ne.jp", first: `${TOKYO} → m01-pro-20261201-1`, second } },
      hint: { key: "campaign.waves.selectorsDiffer.hint", params: { domain: "m00.goo.ne.jp" } },
    });
    // A rollback restores each region's own previous settings: there they may differ.
    expect(assignWaves(targets, { canary: 1, size: 10, maxErrors: 0 }, { sameSelector: false })).toMatchObject({ ok: true });
  });

  it("refuses one identity and region listed twice", () => {
    const twice = [...fleetOf(1), { domain: "m01.goo.ne.jp", region: OSAKA, selector: "m01-pro-20261201-1" }];
    expect(assignWaves(twice, { canary: 1, size: 10, maxErrors: 0 })).toMatchObject({
      ok: false,
      code: "targetTwice",
      problem: { key: "campaign.waves.targetTwice", params: { domain: "m01.goo.ne.jp", region: OSAKA } },
    });
  });
});

describe("the waves as a person reads them", () => {
  const waves = waved(fleetOf(14), { canary: 1, size: 10, maxErrors: 2 });

  it.each([
    [
      "en",
      [
        "Waves: 3 for 14 identities (28 targets): canary 1, then 10 identities a wave; stop once more than 2 targets have failed",
        "  1. canary · identities: 1 · targets: 2 · m01.goo.ne.jp",
        "  2. wave · identities: 10 · targets: 20 · m02.goo.ne.jp … m11.goo.ne.jp",
        "  3. wave · identities: 3 · targets: 6 · m12.goo.ne.jp, m13.goo.ne.jp, m14.goo.ne.jp",
      ],
    ],
    [
      "ja",
      [
        "ウェーブ：14 件の ID（対象 28 件）を 3 回に分けて実行します。カナリア 1 件、以降は 1 回あたり 10 件。失敗が 2 件を超えたら停止します",
        "  1. カナリア · ID：1 件 · 対象：2 件 · m01.goo.ne.jp",
        "  2. ウェーブ · ID：10 件 · 対象：20 件 · m02.goo.ne.jp … m11.goo.ne.jp",
        "  3. ウェーブ · ID：3 件 · 対象：6 件 · m12.goo.ne.jp, m13.goo.ne.jp, m14.goo.ne.jp",
      ],
    ],
  ] as const)("in %s", (lang, expected) => {
    expect(wavesSummary(waves, { canary: 1, size: 10, maxErrors: 2 }).map(createTranslator(lang))).toEqual(expected);
  });

  it.each([
    [[], ""],
    [["a.jp"], "a.jp"],
    [["a.jp", "b.jp", "c.jp"], "a.jp, b.jp, c.jp"],
    [["a.jp", "b.jp", "c.jp", "d.jp"], "a.jp … d.jp"],
  ])("shows the domains %j as %j", (domains, shown) => {
    expect(domainsShown(domains)).toBe(shown);
  });
});

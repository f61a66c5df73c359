import type { WavesConfig } from "../config/wavesConfig.js";
import { type Msg, msg } from "../messages/msg.js";

/** What waves are made of: one identity in one region, and the selector it moves to (null: Easy DKIM or none). */
export interface WaveCandidate {
  readonly domain: string;
  readonly region: string;
  readonly selector: string | null;
}

export type WaveKind = "canary" | "wave";

export interface Wave<T extends WaveCandidate> {
  /** 1 for the first wave, as people count them; the canary, when there is one, is wave 1. */
  readonly number: number;
  readonly kind: WaveKind;
  /** The identities of the wave, each once, sorted. */
  readonly domains: readonly string[];
  /** Every region of each of those identities, sorted by domain, then region. */
  readonly targets: readonly T[];
}

export type WaveProblemCode = "selectorsDiffer" | "targetTwice";

export type WaveAssignment<T extends WaveCandidate> =
  | { readonly ok: true; readonly waves: readonly Wave<T>[] }
  | { readonly ok: false; readonly code: WaveProblemCode; readonly problem: Msg; readonly hint: Msg };

/**
 * Code-unit order, not localeCompare: the order decides the waves and so the plan's id, which must
 * come out the same on every machine and under every locale.
 */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const compareTargets = (a: WaveCandidate, b: WaveCandidate) => byCodeUnits(a.domain, b.domain) || byCodeUnits(a.region, b.region);

/**
 * Splits targets into waves counted in identities, as the change control asks: the first
 * `canary` identities alone, then `size` identities a wave. An identity's regions always share a
 * wave, so a failed wave never leaves one identity half moved by the next. With `sameSelector`
 * (enable and rotate) they must also move to one selector, hence one key in every region; a
 * rollback restores each region's own previous settings, which may differ.
 */
export function assignWaves<T extends WaveCandidate>(
  targets: readonly T[],
  waves: WavesConfig,
  options: { readonly sameSelector?: boolean } = {},
): WaveAssignment<T> {
  const sorted = [...targets].sort(compareTargets);
  const byDomain = new Map<string, T[]>();
  for (const target of sorted) {
    const regions = byDomain.get(target.domain) ?? [];
    if (regions.some((other) => other.region === target.region)) {
      return {
        ok: false,
        code: "targetTwice",
        problem: msg("campaign.waves.targetTwice", { domain: target.domain, region: target.region }),
        hint: msg("campaign.waves.targetTwice.hint"),
      };
    }
    const first = regions[0];
    if (options.sameSelector !== false && first !== undefined && first.selector !== target.selector) {
      return {
        ok: false,
        code: "selectorsDiffer",
        problem: msg("campaign.waves.selectorsDiffer", {
          domain: target.domain,
          first: `${first.region} → ${first.selector ?? "-"}`,
          second: `${target.region} → ${target.selector ?? "-"}`,
        }),
        hint: msg("campaign.waves.selectorsDiffer.hint", { domain: target.domain }),
      };
    }
    byDomain.set(target.domain, [...regions, target]);
  }
  const domains = [...byDomain.keys()];
  const groups: { kind: WaveKind; domains: string[] }[] = [];
  const canary = Math.min(waves.canary, domains.length);
  if (canary > 0) groups.push({ kind: "canary", domains: domains.slice(0, canary) });
  for (let start = canary; start < domains.length; start += waves.size) {
    groups.push({ kind: "wave", domains: domains.slice(start, start + waves.size) });
  }
  return {
    ok: true,
    waves: groups.map((group, index) => ({
      number: index + 1,
      kind: group.kind,
      domains: group.domains,
      targets: group.domains.flatMap((domain) => byDomain.get(domain) ?? []),
    })),
  };
}

/** "m01.goo.ne.jp, m02.goo.ne.jp" for a few; "m02.goo.ne.jp … m11.goo.ne.jp" for a run, so a line stays a line. */
export const domainsShown = (domains: readonly string[]): string =>
  domains.length <= 3 ? domains.join(", ") : `${domains[0]} … ${domains[domains.length - 1]}`;

/** The waves as lines for a terminal, a ticket or the approval screen: the settings, then a line a wave. */
export function wavesSummary(waves: readonly Wave<WaveCandidate>[], config: WavesConfig): Msg[] {
  const identities = waves.reduce((sum, wave) => sum + wave.domains.length, 0);
  const targets = waves.reduce((sum, wave) => sum + wave.targets.length, 0);
  const head = msg("campaign.waves.heading", {
    identities,
    targets,
    waves: waves.length,
    canary: config.canary,
    size: config.size,
    maxErrors: config.maxErrors,
  });
  return [
    head,
    ...waves.map((wave) =>
      msg(wave.kind === "canary" ? "campaign.waves.canaryLine" : "campaign.waves.waveLine", {
        number: wave.number,
        identities: wave.domains.length,
        targets: wave.targets.length,
        domains: domainsShown(wave.domains),
      }),
    ),
  ];
}

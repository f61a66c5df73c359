import type { AwsPorts } from "../aws/types.js";
import type { ByodkimConfig, IdentityConfig } from "../config/config.js";
import { isRegionName, normaliseDomain } from "../config/names.js";
import { byodkimError } from "../errors.js";
import type { CommandContext } from "./context.js";
import type { CommandEvents } from "./events.js";

/** One identity of the fleet with the regions it is looked at in, and its own selector prefix and keys. */
export interface FleetTarget {
  readonly domain: string;
  readonly regions: readonly string[];
  readonly selectorPrefix: string;
  readonly keys: ByodkimConfig["keys"];
}

/** `--regions ap-northeast-1,ap-northeast-3`: each a region name, at least one. */
export function parseRegions(text: string | undefined): readonly string[] | undefined {
  if (text === undefined) return undefined;
  const regions = [...new Set(text.split(",").map((region) => region.trim()))];
  const bad = regions.find((region) => !isRegionName(region));
  if (bad !== undefined || regions.length === 0) throw byodkimError("usage", "status.badRegions", { value: text });
  return regions;
}

/** The domains named (each with what the config says of it), else the config's domain and its identities:. */
export function fleetTargets(
  config: ByodkimConfig,
  regionInForce: string,
  input: { readonly domains: readonly string[]; readonly regions: readonly string[] | undefined },
): FleetTarget[] {
  const configured: IdentityConfig[] = [
    ...(config.domain ? [{ domain: config.domain, regions: undefined, selectorPrefix: config.selectorPrefix, keys: config.keys }] : []),
    ...config.identities,
  ];
  const inherited = (domain: string): IdentityConfig =>
    configured.find((entry) => entry.domain === domain) ?? { domain, regions: undefined, selectorPrefix: config.selectorPrefix, keys: config.keys };
  const chosen =
    input.domains.length > 0
      ? input.domains.map((raw) => {
          const domain = normaliseDomain(raw);
          if (domain === undefined) throw byodkimError("input", "input.badDomain", { domain: raw });
          return inherited(domain);
        })
      : configured;
  if (chosen.length === 0) throw byodkimError("usage", "input.noDomain", undefined, "status.noDomain.hint");
  const unique = [...new Map(chosen.map((entry) => [entry.domain, entry])).values()];
  return unique.map((entry) => ({ ...entry, regions: input.regions ?? entry.regions ?? [regionInForce] }));
}

/** The same account's ports in `region` (each region keeps its own SES pace). */
export const portsIn =
  (ctx: Pick<CommandContext, "region" | "aws" | "awsIn">) =>
  (region: string): AwsPorts =>
    region === ctx.region || !ctx.awsIn ? ctx.aws : ctx.awsIn(region);

/**
 * The context a single command runs in for one identity of the fleet in one region: that region's
 * ports, the identity as the config's domain with its own selector prefix and keys.
 */
export function identityContext(ctx: CommandContext, target: FleetTarget, region: string, events: CommandEvents = ctx.events): CommandContext {
  return {
    ...ctx,
    region,
    aws: portsIn(ctx)(region),
    events,
    config: { ...ctx.config, domain: target.domain, selectorPrefix: target.selectorPrefix, keys: target.keys },
  };
}

/** A small limiter: at most `limit` of the calls run at once. */
export function limited(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

import type { AwsPorts } from "../aws/types.js";
import { type ByodkimConfig, type IdentityConfig, stateSecretId } from "../config/config.js";
import { isRegionName, normaliseDomain } from "../config/names.js";
import { byodkimError } from "../errors.js";
import type { CommandContext } from "./context.js";
import type { CommandEvents } from "./events.js";

/** One identity of the fleet with the regions it is looked at in, and its own selector prefix, keys and state secret. */
export interface FleetTarget {
  readonly domain: string;
  readonly regions: readonly string[];
  readonly selectorPrefix: string;
  readonly keys: ByodkimConfig["keys"];
  /** Its state secret, `{domain}` filled in (stateSecretId); absent: the config's, resolved for the domain when used. */
  readonly state?: { readonly secretId: string } | undefined;
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
  return unique.map((entry) => ({
    ...entry,
    regions: input.regions ?? entry.regions ?? [regionInForce],
    state: { secretId: stateSecretId(config, entry.domain) },
  }));
}

/** The same account's ports in `region` (each region keeps its own SES pace). */
export const portsIn =
  (ctx: Pick<CommandContext, "region" | "aws" | "awsIn">) =>
  (region: string): AwsPorts =>
    region === ctx.region || !ctx.awsIn ? ctx.aws : ctx.awsIn(region);

/**
 * The context a single command runs in for one identity of the fleet in one region: that region's
 * ports, the identity as the config's domain with its own selector prefix, keys and state secret.
 */
export function identityContext(ctx: CommandContext, target: FleetTarget, region: string, events: CommandEvents = ctx.events): CommandContext {
  const state = target.state ?? { secretId: stateSecretId(ctx.config, target.domain) };
  return {
    ...ctx,
    region,
    aws: portsIn(ctx)(region),
    events,
    config: { ...ctx.config, domain: target.domain, selectorPrefix: target.selectorPrefix, keys: target.keys, state },
  };
}

/** Two or more domains whose changes one state secret would record in one region: each would overwrite the others' selector and snapshot. */
export interface SharedStateSecret {
  readonly region: string;
  readonly secretId: string;
  readonly domains: readonly string[];
}

/** Every state secret that more than one domain of the targets would write in the same region, in the order first met. */
export function sharedStateSecrets(
  targets: readonly Pick<FleetTarget, "domain" | "regions" | "state">[],
  config?: Pick<ByodkimConfig, "state" | "identities">,
): SharedStateSecret[] {
  const writers = new Map<string, { region: string; secretId: string; domains: Set<string> }>();
  for (const target of targets) {
    const secretId = target.state?.secretId ?? (config ? stateSecretId(config, target.domain) : undefined);
    if (secretId === undefined) continue;
    for (const region of target.regions) {
      const key = JSON.stringify([region, secretId]);
      const entry = writers.get(key) ?? { region, secretId, domains: new Set<string>() };
      entry.domains.add(target.domain);
      writers.set(key, entry);
    }
  }
  return [...writers.values()].filter((entry) => entry.domains.size > 1).map((entry) => ({ ...entry, domains: [...entry.domains] }));
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

import type { AwsPorts } from "../aws/types.js";
import { type ByodkimConfig, type IdentityConfig, memberAccountOf, stateSecretId } from "../config/config.js";
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
  /** The member account SES holds it in (config `accounts:`); absent: the operations account's own. */
  readonly account?: string | undefined;
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

/** The ports for an identity's account (undefined: the operations account) in a region. */
export const portsOfAccount =
  (ctx: Pick<CommandContext, "region" | "aws" | "awsIn" | "awsFor" | "config" | "account">) =>
  (accountId: string | undefined, region: string): AwsPorts => {
    if (accountId === ctx.account?.id) return portsIn(ctx)(region);
    if (accountId === undefined) return ctx.awsFor ? ctx.awsFor(undefined, region) : portsIn(ctx)(region);
    const account = ctx.config.accounts?.find((candidate) => candidate.id === accountId);
    if (account === undefined || !ctx.awsFor) throw new Error(`no ports for member account ${accountId}`);
    return ctx.awsFor(account, region);
  };

/** The account whose SES the context reaches: its member account's, else the operations account's (`accountId`). */
export const accountIdIn = (ctx: Pick<CommandContext, "account" | "config">): string => ctx.account?.id ?? ctx.config.accountId;

/**
 * The context a command runs in for an account's identity (undefined: the operations account's
 * own): its ports in every region, and beside a member account's the operations account's.
 */
export function inAccount(ctx: CommandContext, accountId: string | undefined): CommandContext {
  if (accountId === ctx.account?.id) return ctx;
  const awsFor = ctx.awsFor;
  // A context built without member accounts' wiring (a test's) must not send their SES calls to the operations account.
  if (!awsFor) throw new Error(`no ports for account ${accountId ?? "(the operations account)"}`);
  if (accountId === undefined) {
    const { account: _member, operations: _operations, ...own } = ctx;
    return { ...own, aws: awsFor(undefined, ctx.region), awsIn: (region) => awsFor(undefined, region) };
  }
  const account = ctx.config.accounts?.find((candidate) => candidate.id === accountId);
  if (account === undefined) throw new Error(`no member account ${accountId} in the config`);
  return { ...ctx, account, aws: awsFor(account, ctx.region), awsIn: (region) => awsFor(account, region), operations: awsFor(undefined, ctx.region) };
}

/**
 * The context a command runs in for `domain`: as it is for the operations account's own identities,
 * and with the member account's ports (every region's) when `accounts:` lists the domain there.
 */
export const inAccountOf = (ctx: CommandContext, domain: string): CommandContext => inAccount(ctx, memberAccountOf(ctx.config, domain)?.id);

/** A domain as the operator typed it (or none: the config's own), for the account it is in; a bad name is left for the command to refuse. */
export function inAccountOfTyped(ctx: CommandContext, typed: string | undefined): CommandContext {
  const domain = typed === undefined ? undefined : normaliseDomain(typed);
  return domain === undefined ? ctx : inAccountOf(ctx, domain);
}

/**
 * The context a single command runs in for one identity of the fleet in one region: that region's
 * ports (its account's), the identity as the config's domain with its own selector prefix, keys and state secret.
 */
export function identityContext(ctx: CommandContext, target: FleetTarget, region: string, events: CommandEvents = ctx.events): CommandContext {
  const state = target.state ?? { secretId: stateSecretId(ctx.config, target.domain) };
  // The target's own account: the config's for a domain it lists, the listing's for one an account's SES listed.
  const there = inAccount(ctx, target.account);
  return {
    ...there,
    region,
    aws: portsIn(there)(region),
    ...(there.account && there.awsFor ? { operations: there.awsFor(undefined, region) } : {}),
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

/** The ports for `domain`'s account (the member account `accounts:` lists it under, else the operations account) in a region. */
export const portsForDomain =
  (ctx: Pick<CommandContext, "region" | "aws" | "awsIn" | "awsFor" | "config" | "account">) =>
  (domain: string, region: string): AwsPorts =>
    portsOfAccount(ctx)(memberAccountOf(ctx.config, domain)?.id, region);

/** The domain identities of an SES listing, in lower case: email addresses have no DKIM of their own. */
export const domainIdentityNames = (identities: readonly { readonly name: string; readonly type?: string | undefined }[]): string[] =>
  identities
    .filter((identity) => identity.type === "DOMAIN" || (identity.type === undefined && !identity.name.includes("@")))
    .map((identity) => identity.name.toLowerCase());

/** The domain identities one account's SES lists in one region. */
export interface AccountListing {
  /** undefined: the operations account. */
  readonly account: string | undefined;
  readonly region: string;
  readonly domains: readonly string[];
}

/**
 * Every domain identity SES lists (email addresses have no DKIM of their own), in the operations
 * account in `regions`, then in each member account of `accounts:` (there also in the regions its
 * identities are configured in, unless `regionsGiven`). The operations account's listing failing
 * fails the run, as before; a member account that cannot be listed (its role refused) stands for its
 * configured identities, whose own reads then say why.
 */
export async function listEveryAccount(
  ctx: Pick<CommandContext, "region" | "aws" | "awsIn" | "awsFor" | "config" | "account">,
  regions: readonly string[],
  regionsGiven: boolean,
): Promise<AccountListing[]> {
  const portsOf = portsOfAccount(ctx);
  const listings: AccountListing[] = [];
  for (const region of regions)
    listings.push({ account: undefined, region, domains: domainIdentityNames(await portsOf(undefined, region).ses.listEmailIdentities()) });
  for (const { id } of ctx.config.accounts ?? []) {
    const configured = ctx.config.identities.filter((identity) => identity.account === id);
    const accountRegions = regionsGiven ? regions : [...new Set([...regions, ...configured.flatMap((identity) => identity.regions ?? [])])];
    for (const region of accountRegions) {
      try {
        listings.push({ account: id, region, domains: domainIdentityNames(await portsOf(id, region).ses.listEmailIdentities()) });
      } catch {
        const there = configured.filter((identity) => (identity.regions ?? [ctx.region]).includes(region));
        listings.push({ account: id, region, domains: there.map((identity) => identity.domain) });
      }
    }
  }
  return listings;
}

import type { AwsPorts, SesIdentityFacts } from "../../src/aws/types.js";
import { applyCommandsFrom, planCommandsFrom } from "../../src/cli/campaignCommands.js";
import type { ApplyCommands } from "../../src/commands/apply.js";
import { enable } from "../../src/commands/enable.js";
import type { PlanCommands } from "../../src/commands/plan.js";
import { rollback } from "../../src/commands/rollback.js";
import { rotate } from "../../src/commands/rotate.js";
import type { ByodkimConfig } from "../../src/config/config.js";
import type { CommandContext } from "../../src/engine/context.js";
import { ACCOUNT, DOMAIN, fakeWorld, OPERATOR } from "./fakeWorld.js";
import { generateTestKey, type TestKey } from "./keys.js";

export const TOKYO = "ap-northeast-1";
export const OSAKA = "ap-northeast-3";
/** The fake world's operator plans; a colleague in the same SSO role (another session, another principal) approves. */
export const PLANNER = OPERATOR;
export const COLLEAGUE = `arn:aws:sts::${ACCOUNT}:assumed-role/MailOps/colleague`;

type World = ReturnType<typeof fakeWorld>;

/** One mutating SES call, with the identity and region it went to. */
export interface SesMutation {
  readonly op: string;
  readonly domain: string;
  readonly region: string;
}

/**
 * A fleet over fake worlds: one fake world per identity × region holds that identity's SES
 * settings, lock, key objects and state secret (the fake world knows one identity only; each
 * answers here for its own domain). The home world holds the campaign store, the journal, the
 * clock, the prompts, the alarms and DNS. The home context's `awsIn` gives the other regions.
 */
export function campaignFleet(options: {
  domains: readonly string[];
  regions?: readonly string[];
  key?: TestKey;
  config?: Partial<ByodkimConfig>;
  /** Each identity's DKIM settings in SES to begin with (default: Easy DKIM, as the fake world's). */
  dkim?: (domain: string) => Partial<NonNullable<SesIdentityFacts["dkim"]>>;
  /** One state secret a region for every identity, as the config's single `state.secretId` names it; absent: one an identity. */
  sharedState?: Record<string, unknown>;
}) {
  const key = options.key ?? generateTestKey(2048);
  const regions = options.regions ?? [TOKYO];
  const home = fakeWorld({ key });
  const worlds = new Map<string, World>();
  for (const domain of options.domains) for (const region of regions) worlds.set(`${domain} ${region}`, fakeWorld({ key, dkim: options.dkim?.(domain) }));
  const regionState = new Map(regions.map((region) => [region, fakeWorld({ key, state: options.sharedState })]));
  const worldOf = (domain: string, region: string): World => {
    const world = worlds.get(`${domain} ${region}`);
    if (!world) throw new Error(`no fake identity ${domain} in ${region}`);
    return world;
  };
  const domainIn = (text: string): string => {
    // Longest first: `m01.goo.ne.jp` before `goo.ne.jp`.
    const found = [...options.domains]
      .sort((a, b) => b.length - a.length)
      .find((domain) => text.includes(`/${domain}/`) || text.endsWith(`/${domain}.json`) || text.includes(`/${domain}@`));
    if (!found) throw new Error(`no fleet domain in ${text}`);
    return found;
  };
  let caller = PLANNER;
  const sesMutations: SesMutation[] = [];

  const portsFor = (region: string): AwsPorts => {
    const ses = (domain: string) => worldOf(domain, region).ctx.aws.ses;
    const mutating = async <T>(op: string, domain: string, run: () => Promise<T>): Promise<T> => {
      const result = await run();
      sesMutations.push({ op, domain, region });
      return result;
    };
    return {
      ...home.ctx.aws,
      sts: { getCallerIdentity: async () => ({ account: ACCOUNT, arn: caller }) },
      ses: {
        getEmailIdentity: async (domain) => {
          const found = await ses(domain).getEmailIdentity(DOMAIN);
          return found ? { ...found, identityName: domain } : null;
        },
        putExternalSigning: (domain, selector, material) =>
          mutating("PutEmailIdentityDkimSigningAttributes", domain, () => ses(domain).putExternalSigning(DOMAIN, selector, material)),
        putEasyDkimSigning: (domain, ...rest) =>
          mutating("PutEmailIdentityDkimSigningAttributes", domain, () => ses(domain).putEasyDkimSigning(DOMAIN, ...rest)),
        putSigningEnabled: (domain, enabled) => mutating("PutEmailIdentityDkimAttributes", domain, () => ses(domain).putSigningEnabled(DOMAIN, enabled)),
        sendTestEmail: (...args) => home.ctx.aws.ses.sendTestEmail(...args),
        listEmailIdentities: async () => options.domains.map((name) => ({ name, type: "DOMAIN" as const })),
      },
      keys: {
        listKeys: (bucket, prefix) => worldOf(domainIn(prefix), region).ctx.aws.keys.listKeys(bucket, prefix),
        fetchPrivateKeyPem: (bucket, objectKey) => worldOf(domainIn(objectKey), region).ctx.aws.keys.fetchPrivateKeyPem(bucket, objectKey),
        describeKeyObject: (bucket, objectKey) => worldOf(domainIn(objectKey), region).ctx.aws.keys.describeKeyObject(bucket, objectKey),
        putNewKey: (bucket, objectKey, ...rest) => worldOf(domainIn(objectKey), region).ctx.aws.keys.putNewKey(bucket, objectKey, ...rest),
        getKeyTags: (bucket, objectKey) => worldOf(domainIn(objectKey), region).ctx.aws.keys.getKeyTags(bucket, objectKey),
        putKeyTags: (bucket, objectKey, tags) => worldOf(domainIn(objectKey), region).ctx.aws.keys.putKeyTags(bucket, objectKey, tags),
        deleteKey: (bucket, objectKey) => worldOf(domainIn(objectKey), region).ctx.aws.keys.deleteKey(bucket, objectKey),
      },
      locks: {
        readLock: (bucket, objectKey) => worldOf(domainIn(objectKey), region).ctx.aws.locks.readLock(bucket, objectKey),
        writeLock: (bucket, objectKey, text, condition) => worldOf(domainIn(objectKey), region).ctx.aws.locks.writeLock(bucket, objectKey, text, condition),
        deleteLock: (bucket, objectKey, etag) => worldOf(domainIn(objectKey), region).ctx.aws.locks.deleteLock(bucket, objectKey, etag),
      },
      state: stateByConfig(region),
    };
  };
  // The state port has no domain in its calls: without sharedState, each identity's own secret (`byodkim/state/<domain>`) picks its world.
  const stateByConfig = (region: string): AwsPorts["state"] =>
    options.sharedState
      ? regionState.get(region)!.ctx.aws.state
      : {
          readStateSecret: (secretId) => worldOf(currentDomain(secretId), region).ctx.aws.state.readStateSecret(secretId),
          writeStateSecret: (secretId, text) => worldOf(currentDomain(secretId), region).ctx.aws.state.writeStateSecret(secretId, text),
        };
  const currentDomain = (secretId: string) => {
    const domain = /^byodkim\/state\/(.+)$/.exec(secretId)?.[1];
    if (!domain) throw new Error(`state read without an identity: ${secretId}`);
    return domain;
  };

  const byRegion = new Map(regions.map((region) => [region, portsFor(region)]));
  const baseConfig: ByodkimConfig = {
    ...home.ctx.config,
    domain: options.domains[0],
    // One state secret an identity (state.secretId with {domain}), as a fleet's config has it; sharedState: the config's one.
    ...(options.sharedState ? {} : { state: { secretId: "byodkim/state/{domain}" } }),
    ...options.config,
  };
  const ctx: CommandContext = {
    ...home.ctx,
    config: baseConfig,
    region: regions[0]!,
    aws: byRegion.get(regions[0]!)!,
    awsIn: (region) => {
      const ports = byRegion.get(region);
      if (!ports) throw new Error(`no fake region ${region}`);
      return ports;
    },
  };

  return {
    ctx,
    home,
    key,
    worldOf,
    sesMutations,
    /** The domains of the SES Put calls, in order, one entry per call. */
    putDomains: () => sesMutations.map((call) => call.domain),
    setCaller: (arn: string) => {
      caller = arn;
    },
    /** The identity's DKIM settings in a region, as its fake SES holds them. */
    dkimOf: (domain: string, region = TOKYO) => worldOf(domain, region).dkim,
  };
}

export type Fleet = ReturnType<typeof campaignFleet>;

/** As the composition root builds them, with the real dry runs; `due` is the test's. */
export const planCommandsWith = (due: PlanCommands["due"] = async () => []): PlanCommands => planCommandsFrom({ enable, rotate, rollback }, due);

/** As the composition root builds them, with the real single commands. */
export const applyCommandsOf = (waitSeconds = 60): ApplyCommands => applyCommandsFrom({ enable, rotate, rollback }, waitSeconds);

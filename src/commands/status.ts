import type { SesIdentityFacts, StateSecretFacts } from "../aws/types.js";
import { accountIdOf, type ByodkimConfig, privateKeyObjectKey, STATE_SECRET_PLACEHOLDER, stateSecretId } from "../config/config.js";
import { parseDatedSelector } from "../config/names.js";
import { parsePrivateKey } from "../dkim/privateKey.js";
import { byodkimError, ByodkimError } from "../errors.js";
import { type Fetched, fetchFact } from "../gates/fetched.js";
import { checkIdentity } from "../gates/identityGate.js";
import { overdueRevocations } from "../gates/revocationGate.js";
import type { GateResult } from "../gates/types.js";
import { msg, type Msg } from "../messages/msg.js";
import { type KeyHistory, type KeyHistoryEntry, readKeyHistory } from "../state/keyHistory.js";
import { readStateObject } from "../state/stateSecret.js";
import { type ByodkimFacts, compareRegions, type ExpectedKey, inOtherAccount, judgeRow, type RowFacts, rowMetrics, type StatusRow } from "../status/judge.js";
import { keyBirth } from "../status/keyBirth.js";
import { METRICS_NAMESPACE } from "../permissions/needs.js";
import type { CommandContext } from "../engine/context.js";
import { type FleetTarget, fleetTargets, limited, parseRegions, accountIdIn, listEveryAccount, portsOfAccount } from "../engine/fleet.js";

export { parseRegions, limited };

/** Who status looks at without --all: the domains named, else the config's domain and its identities:. */
export const statusTargets = (config: ByodkimConfig, regionInForce: string, input: Pick<StatusInput, "domains" | "regions">): StatusTarget[] =>
  fleetTargets(config, regionInForce, input);

export interface StatusInput {
  readonly domains: readonly string[];
  readonly all: boolean;
  /** `--regions a,b`; undefined: each identity's own (config), else the region in force. */
  readonly regions: readonly string[] | undefined;
  readonly publishMetrics: boolean;
}

/** Where Easy DKIM's CNAMEs point when SES does not name its zone. */
const EASY_DKIM_HOSTED_ZONE = "dkim.amazonses.com";

/** SES answers about one non-sending request a second per account: what a run's length is counted in. */
export const SES_SECONDS_PER_CALL = 1;

/** DNS and S3 lookups at once: enough to keep up with SES's pace, few enough for a small resolver. */
const LOOKUP_CONCURRENCY = 8;

export type StatusTarget = FleetTarget;

export interface StatusResult {
  readonly command: "status";
  readonly ok: boolean;
  readonly identity: GateResult;
  readonly regions: readonly string[];
  readonly rows: readonly StatusRow[];
  readonly counts: { readonly ok: number; readonly warn: number; readonly action: number };
  /** The key history could not be read: key ages then come from selectors and S3 only. */
  readonly historyProblem: Msg | undefined;
  readonly metrics:
    | { readonly published: true; readonly data: number; readonly requests: number }
    | { readonly published: false; readonly problem: Msg }
    | null;
  readonly checkedAt: string;
}

/** Every identity × region, read-only; the SES reads are paced across the whole run, DNS and S3 run beside them. */
export async function status(ctx: CommandContext, input: StatusInput): Promise<StatusResult> {
  if (input.all && input.domains.length > 0) throw byodkimError("usage", "status.allAndDomains", undefined);
  // A bad domain is an input error found before anything is asked of AWS.
  const targets = input.all ? undefined : statusTargets(ctx.config, ctx.region, input);
  const now = ctx.clock.now();
  const portsOf = portsOfAccount(ctx);

  const callerFetch = fetchFact(() => ctx.aws.sts.getCallerIdentity());
  ctx.aws.prepare?.();
  const identity = checkIdentity({ caller: await callerFetch, expectedAccountId: accountIdIn(ctx), region: ctx.region });
  const regionsAsked = input.regions ?? [ctx.region];
  if (identity.status === "fail") {
    return {
      command: "status",
      ok: false,
      identity,
      regions: regionsAsked,
      rows: [],
      counts: { ok: 0, warn: 0, action: 0 },
      historyProblem: undefined,
      metrics: null,
      checkedAt: now.toISOString(),
    };
  }

  // Key histories are read beside the SES calls, not paced with them: one read per state secret, however many identities share it.
  const secretReads = memoised<Promise<Fetched<StateSecretFacts | null>>>();
  const readHistory = (secretId: string) => secretReads(secretId, () => fetchFact(() => ctx.aws.state.readStateSecret(secretId)));
  const secretIdOf = (target: StatusTarget) => target.state?.secretId ?? stateSecretId(ctx.config, target.domain);
  if (!ctx.config.state.secretId.includes(STATE_SECRET_PLACEHOLDER)) void readHistory(ctx.config.state.secretId);
  for (const target of targets ?? []) void readHistory(secretIdOf(target));
  const rowsWanted = targets ? targetRows(targets) : await everyListedIdentity(ctx, regionsAsked, input.regions !== undefined);
  const sesCalls = rowsWanted.length;
  ctx.events.emit({ type: "statusPlanned", rows: rowsWanted.length, sesCalls, seconds: Math.ceil(sesCalls * SES_SECONDS_PER_CALL) });

  const secrets = await Promise.all(rowsWanted.map((wanted) => readHistory(secretIdOf(wanted.target))));
  // The state secret records the identity the config names: an identity of the same name in another account has no history of its own here.
  const histories = new Map<string, KeyHistory>();
  rowsWanted.forEach((wanted, i) => {
    const secret = secrets[i]!;
    const own = wanted.configuredIn === undefined && secret.ok && secret.value;
    histories.set(rowKey(ctx, wanted), own ? readKeyHistory(readStateObject(secret.value!.text)) : {});
  });
  const historyProblem = secrets.find((secret) => !secret.ok)?.error.what;

  const lookups = limited(LOOKUP_CONCURRENCY);
  const keyFacts = memoised<Promise<Pick<ByodkimFacts, "birth" | "expectedKey" | "keyProblem">>>();
  let done = 0;
  const facts = await Promise.all(
    rowsWanted.map(async (wanted): Promise<RowFacts> => {
      // Issued together, answered in turn: the pacer behind the SES port spaces them for the whole run.
      const ses = await fetchFact(() => portsOf(wanted.target.account, wanted.region).ses.getEmailIdentity(wanted.target.domain));
      const row = await rowFacts(ctx, wanted, ses, histories.get(rowKey(ctx, wanted)) ?? {}, { lookups, keyFacts, now });
      done++;
      ctx.events.emit({ type: "statusProgress", done, total: rowsWanted.length });
      return row;
    }),
  );
  const judged = facts.map((row, i) => {
    const wanted = rowsWanted[i]!;
    const account = wanted.target.account ?? ctx.config.accountId;
    const plain = { ...judgeRow(row, { ...ctx.config.rotation, now }), account };
    return wanted.configuredIn === undefined ? plain : inOtherAccount(plain, wanted.configuredIn);
  });
  // An identity's regions are compared within its account: two accounts' identities of one name are two identities.
  const accounts = [...new Set(judged.map((row) => row.account))];
  const rows = accounts.flatMap((account) => {
    const wanted = rowsWanted.filter((entry) => (entry.target.account ?? ctx.config.accountId) === account);
    const referenceOf = new Map(wanted.map((entry) => [entry.target.domain, entry.referenceRegion]));
    return compareRegions(
      judged.filter((row) => row.account === account),
      (domain) => referenceOf.get(domain) ?? ctx.region,
    );
  });
  const counts = { ok: 0, warn: 0, action: 0 };
  for (const row of rows) counts[row.verdict]++;
  const metrics = input.publishMetrics ? await publish(ctx, rows, now) : null;
  return {
    command: "status",
    ok: counts.action === 0,
    identity,
    regions: [...new Set(rowsWanted.map((wanted) => wanted.region))],
    rows,
    counts,
    historyProblem,
    metrics,
    checkedAt: now.toISOString(),
  };
}

interface WantedRow {
  readonly target: StatusTarget;
  readonly region: string;
  readonly referenceRegion: string;
  /** Listed by another account's SES than the one the config puts the domain in (that account's id): shown, never acted on. */
  readonly configuredIn?: string | undefined;
}

const rowKey = (ctx: CommandContext, wanted: WantedRow) => `${wanted.target.account ?? ctx.config.accountId} ${wanted.target.domain}`;

function targetRows(targets: readonly StatusTarget[]): WantedRow[] {
  return targets.flatMap((target) => target.regions.map((region) => ({ target, region, referenceRegion: target.regions[0]! })));
}

/** --all: every domain identity SES lists in each region of each account (listEveryAccount), with what the config says of it. */
async function everyListedIdentity(ctx: CommandContext, regions: readonly string[], regionsGiven: boolean): Promise<WantedRow[]> {
  const listings = await listEveryAccount(ctx, regions, regionsGiven);
  const accounts = [...new Set(listings.map((listing) => listing.account))];
  return accounts.flatMap((account) => {
    const listed = listings.filter((listing) => listing.account === account);
    const domains = [...new Set(listed.flatMap((listing) => listing.domains))].sort();
    return statusTargets(ctx.config, ctx.region, { domains, regions: undefined }).flatMap((target) => {
      const present = listed.filter((listing) => listing.domains.includes(target.domain)).map((listing) => listing.region);
      // Listed by this account's SES: its rows are read there, whatever the config says of the name.
      const inAccount = { ...target, regions: present, account };
      const configured = accountIdOf(ctx.config, target.domain);
      const configuredIn = (account ?? ctx.config.accountId) === configured ? undefined : configured;
      return present.map((region) => ({ target: inAccount, region, referenceRegion: present[0]!, configuredIn }));
    });
  });
}

function memoised<T>(): (key: string, make: () => T) => T {
  const values = new Map<string, T>();
  return (key, make) => {
    if (!values.has(key)) values.set(key, make());
    return values.get(key)!;
  };
}

/** The history entries that are this identity's: named by their key object, else by the identity's selector prefix. */
export function historyOf(history: KeyHistory, target: StatusTarget): [string, KeyHistoryEntry][] {
  return Object.entries(history).filter(([selector, entry]) => {
    if (entry.location !== undefined) return entry.location === `s3://${target.keys.bucket}/${privateKeyObjectKey(target.keys.key, target.domain, selector)}`;
    return selector.startsWith(`${target.selectorPrefix}-`);
  });
}

interface RowTools {
  readonly lookups: <T>(task: () => Promise<T>) => Promise<T>;
  readonly keyFacts: (
    key: string,
    make: () => Promise<Pick<ByodkimFacts, "birth" | "expectedKey" | "keyProblem">>,
  ) => Promise<Pick<ByodkimFacts, "birth" | "expectedKey" | "keyProblem">>;
  readonly now: Date;
}

async function rowFacts(
  ctx: CommandContext,
  wanted: WantedRow,
  ses: Fetched<SesIdentityFacts | null>,
  history: KeyHistory,
  tools: RowTools,
): Promise<RowFacts> {
  const { target, region, referenceRegion } = wanted;
  const base = { domain: target.domain, region, referenceRegion, ses };
  const dkim = ses.ok ? ses.value?.dkim : undefined;
  if (!dkim) return base;
  if (dkim.origin !== "EXTERNAL") {
    const zone = dkim.signingHostedZone ?? EASY_DKIM_HOSTED_ZONE;
    const names = dkim.tokens.map((token) => `${token}._domainkey.${target.domain}`);
    const found = await tools.lookups(() => ctx.dns.lookupCnames(names));
    return { ...base, cnames: dkim.tokens.map((token, i) => ({ name: names[i]!, expected: `${token}.${zone}`, found: found[i] })) };
  }
  const selector = dkim.tokens[0] ?? "";
  const own = historyOf(history, target);
  const entry = own.find(([name]) => name === selector)?.[1];
  const txt = tools.lookups(() => ctx.dns.lookupTxtEverywhere(`${selector}._domainkey.${target.domain}`));
  // The same key is asked for once, whichever regions sign with it.
  const key = tools.keyFacts(`${target.keys.bucket}/${privateKeyObjectKey(target.keys.key, target.domain, selector)}`, () =>
    keyFactsOf(ctx, target, selector, entry, tools),
  );
  const retiredEntries = own.flatMap(([name, e]) => (e.status === "retired" && e.retired_at ? [{ selector: name, retiredAt: e.retired_at }] : []));
  const due = new Set(overdueRevocations(retiredEntries, tools.now, ctx.config.rotation.graceDays).map((e) => e.selector));
  const retired = Promise.all(
    retiredEntries.map(async (e) => ({
      ...e,
      lookup: due.has(e.selector) ? await tools.lookups(() => ctx.dns.lookupTxtEverywhere(`${e.selector}._domainkey.${target.domain}`)) : undefined,
    })),
  );
  const grace = own.flatMap(([name, e]) => (e.status === "retiring" ? [{ selector: name, retireAfter: e.retire_after }] : []));
  return { ...base, byodkim: { selector, ...(await key), txt: await txt, retired: await retired, grace } };
}

/** The key's birth (the earliest credible evidence: history, selector's date, S3, the switch) and its public key. The private key stays in memory. */
async function keyFactsOf(
  ctx: CommandContext,
  target: StatusTarget,
  selector: string,
  entry: KeyHistoryEntry | undefined,
  tools: RowTools,
): Promise<Pick<ByodkimFacts, "birth" | "expectedKey" | "keyProblem">> {
  const objectKey = privateKeyObjectKey(target.keys.key, target.domain, selector);
  // The object's LastModified is evidence too, even when the history dates the key: the earliest wins.
  const described = await tools.lookups(() => fetchFact(() => ctx.aws.keys.describeKeyObject(target.keys.bucket, objectKey)));
  const birth = keyBirth(
    {
      createdAt: entry?.created_at,
      selectorDate: parseDatedSelector(selector, target.selectorPrefix)?.date,
      lastModified: described.ok ? described.value?.lastModified : undefined,
      activeSince: entry?.active_since,
    },
    tools.now,
  );
  let expectedKey: ExpectedKey | undefined = entry?.fingerprint ? { fingerprint: entry.fingerprint, source: "history" } : undefined;
  let keyProblem: Msg | undefined;
  if (expectedKey === undefined) {
    const fetched = await tools.lookups(() =>
      fetchFact(async () => {
        const pem = await ctx.aws.keys.fetchPrivateKeyPem(target.keys.bucket, objectKey);
        return pem === null ? null : parsePrivateKey(pem).publicKeyFingerprint;
      }),
    );
    if (fetched.ok && fetched.value !== null) expectedKey = { fingerprint: fetched.value, source: "s3" };
    else keyProblem = fetched.ok ? msg("status.keyMissing", { location: `s3://${target.keys.bucket}/${objectKey}` }) : fetched.error.what;
  }
  return { birth, expectedKey, keyProblem };
}

/** A side channel: a failure is a warning in the result, never a failed status. */
async function publish(ctx: CommandContext, rows: readonly StatusRow[], at: Date): Promise<StatusResult["metrics"]> {
  const data = rows.flatMap((row) => rowMetrics(row, at, ctx.config.accountId));
  if (!ctx.aws.metrics) return { published: false, problem: msg("status.metricsUnavailable") };
  try {
    const { requests } = await ctx.aws.metrics.putMetricData(METRICS_NAMESPACE, data);
    return { published: true, data: data.length, requests };
  } catch (err) {
    if (!(err instanceof ByodkimError)) throw err;
    return { published: false, problem: err.what };
  }
}

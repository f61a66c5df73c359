import { accountIdIn } from "./fleet.js";
import type { CallerIdentity, SesIdentityFacts } from "../aws/types.js";
import { privateKeyObjectKey, selectorListing, stateSecretId } from "../config/config.js";
import { dkimKeyRecordValue } from "../dkim/handoff.js";
import { parsePrivateKey, type ParsedPrivateKey } from "../dkim/privateKey.js";
import type { DkimDns, TxtLookupResult } from "../dns/types.js";
import { checkAlarmsBeforeEnable } from "../gates/alarmsGate.js";
import { checkDkimDns } from "../gates/dnsGate.js";
import { fetchFact } from "../gates/fetched.js";
import { diagnoseHandoff, misplacedNames, recordMissingSomewhere, withHandoffDiagnosis } from "../gates/handoffDiagnosis.js";
import { checkIdentity } from "../gates/identityGate.js";
import { checkPrivateKey } from "../gates/keyGate.js";
import { chooseSelector, type SelectorFacts } from "../gates/selectorGate.js";
import { checkSesIdentity } from "../gates/sesGate.js";
import { checkMigrationState } from "../gates/stateGate.js";
import type { GateId, GateResult } from "../gates/types.js";
import { readKeyHistory } from "../state/keyHistory.js";
import { readStateObject, type StateRecord } from "../state/stateSecret.js";
import { checkRevocations, overdueRevocations } from "../gates/revocationGate.js";
import { msg, type PlainKey } from "../messages/msg.js";
import type { CommandContext } from "./context.js";
import type { PermissionCommand } from "../permissions/needs.js";
import { checkCommandPermissions } from "./permissionsCheck.js";

/** The gates read the checklist's way round, whatever order they finish in. */
export const GATE_ORDER: readonly GateId[] = ["identity", "permissions", "selector", "key", "dns", "ses", "alarms", "state"];

export interface GateTarget {
  readonly domain: string;
  /** From --selector; otherwise the newest key in S3 is chosen. */
  readonly selector: string | undefined;
  /** The command the gates serve, whose actions the permissions gate simulates (precheck's by default). */
  readonly permissionsFor?: PermissionCommand;
  /** The change will send probe mail (`--probe`, `--probe-every`): its sending and read-back are simulated too. */
  readonly probing?: boolean;
}

/** Every gate's verdict, plus the facts a mutating command goes on to use. */
export interface GateRun {
  readonly gates: readonly GateResult[];
  readonly ok: boolean;
  readonly selector: string | undefined;
  readonly caller: CallerIdentity | undefined;
  /** The parsed key; its private part stays wrapped in PrivateKeyMaterial. */
  readonly key: ParsedPrivateKey | undefined;
  readonly sesIdentity: SesIdentityFacts | null | undefined;
  /** SES already signs with this selector: enabling would change nothing. */
  readonly alreadyActive: boolean;
  /** The state secret's JSON object, when it could be read. */
  readonly state: StateRecord | undefined;
}

export async function runGates(ctx: CommandContext, target: GateTarget): Promise<GateRun> {
  const { config, aws, region } = ctx;
  const { domain } = target;
  const gate = async (id: GateId, check: () => Promise<GateResult>): Promise<GateResult> => {
    ctx.events.emit({ type: "gateStarted", id });
    const result = await check();
    ctx.events.emit({ type: "gateFinished", result });
    return result;
  };

  // Identity first: with the wrong account or no usable credentials, every other AWS answer would
  // mislead (or repeat the same error six times), so the rest is not asked.
  const callerFetch = fetchFact(() => aws.sts.getCallerIdentity());
  // Only the clients, not a request: with another account's credentials nothing else is asked.
  aws.prepare?.();
  const caller = await callerFetch;
  const identity = await gate("identity", async () => checkIdentity({ caller, expectedAccountId: accountIdIn(ctx), region }));
  if (identity.status === "fail" || !caller.ok) {
    const gates = GATE_ORDER.map((id) => (id === "identity" ? identity : notChecked(id, "gate.notChecked.identity")));
    return {
      gates,
      ok: false,
      selector: target.selector,
      caller: caller.ok ? caller.value : undefined,
      key: undefined,
      sesIdentity: undefined,
      alreadyActive: false,
      state: undefined,
    };
  }

  const sesFetch = fetchFact(() => aws.ses.getEmailIdentity(domain));
  const alarms = gate("alarms", async () =>
    checkAlarmsBeforeEnable({
      expected: config.alarms,
      found: await fetchFact(() => aws.alarms.describeAlarms(config.alarms.map((alarm) => alarm.name))),
    }),
  );
  const secretId = stateSecretId(config, domain);
  const secretFetch = fetchFact(() => aws.state.readStateSecret(secretId));
  const state = gate("state", async () => checkMigrationState({ secretId, secret: await secretFetch }));

  const selectorVerdict = (async () => {
    ctx.events.emit({ type: "gateStarted", id: "selector" });
    const listing = selectorListing(config.keys.key, domain);
    const facts: SelectorFacts =
      target.selector !== undefined
        ? { source: "flag", selector: target.selector }
        : {
            source: "s3",
            bucket: config.keys.bucket,
            listing,
            selectorPrefix: config.selectorPrefix,
            objectKeys: await fetchFact(() => aws.keys.listKeys(config.keys.bucket, listing.prefix)),
          };
    const verdict = chooseSelector(facts);
    ctx.events.emit({ type: "gateFinished", result: verdict.gate });
    return verdict;
  })();

  const keyAndDns = selectorVerdict.then(async ({ selector }) => {
    if (selector === undefined) {
      return { key: notChecked("key", "gate.selector.unavailable"), dns: notChecked("dns", "gate.selector.unavailable"), parsed: undefined };
    }
    return checkKeyAndDns(ctx, domain, selector, gate);
  });

  // SES's DKIM tokens tell whether this selector is already active, so the verdict waits for the selector.
  const ses = gate("ses", async () =>
    checkSesIdentity({ domain, region, selector: (await selectorVerdict).selector, identity: await sesFetch, now: ctx.clock.now() }),
  );
  // The exact resources: the chosen key (rotate: and the one SES signs with now) and the secret's real ARN.
  const permissions = gate("permissions", async () => {
    const command = target.permissionsFor ?? "precheck";
    const resources = Promise.all([selectorVerdict, secretFetch, sesFetch]).then(([{ selector }, secretRead, identityRead]) => {
      const signingNow = command === "rotate" && identityRead.ok && identityRead.value?.dkim?.origin === "EXTERNAL" ? identityRead.value.dkim.tokens : [];
      const selectors = [...new Set([...(selector ? [selector] : []), ...signingNow])];
      const secretArn = secretRead.ok ? (secretRead.value?.arn ?? undefined) : undefined;
      return { command, domain, selectors, secretArn, probing: target.probing === true };
    });
    return checkCommandPermissions(ctx, caller.value, resources);
  });

  const [permissionsResult, selectorResult, keyDns, sesResult, alarmsResult, stateResult, sesIdentity, secret] = await Promise.all([
    permissions,
    selectorVerdict,
    keyAndDns,
    ses,
    alarms,
    state,
    sesFetch,
    secretFetch,
  ]);
  const stateRecord = secret.ok && secret.value ? readStateObject(secret.value.text) : undefined;
  const revocation = await checkRetiredRecords(ctx, domain, stateRecord);
  const gates = [
    identity,
    permissionsResult,
    selectorResult.gate,
    keyDns.key,
    keyDns.dns,
    sesResult,
    alarmsResult,
    stateResult,
    ...(revocation ? [revocation] : []),
  ];
  return {
    gates,
    ok: gates.every((g) => g.status !== "fail"),
    selector: selectorResult.selector,
    caller: caller.value,
    key: keyDns.parsed,
    sesIdentity: sesIdentity.ok ? sesIdentity.value : undefined,
    alreadyActive: sesResult.data?.["alreadyActive"] === true,
    state: stateRecord,
  };
}

/** Retired selectors past their grace period whose record still serves a key: a warning, only when there are any. */
export async function checkRetiredRecords(ctx: CommandContext, domain: string, state: StateRecord | undefined): Promise<GateResult | undefined> {
  const retired = Object.entries(readKeyHistory(state)).flatMap(([selector, entry]) =>
    entry.status === "retired" && entry.retired_at ? [{ selector, retiredAt: entry.retired_at }] : [],
  );
  const overdue = overdueRevocations(retired, ctx.clock.now(), ctx.config.rotation.graceDays);
  const found = await Promise.all(
    overdue.map(async (entry) => ({ retired: entry, lookup: await ctx.dns.lookupTxtEverywhere(`${entry.selector}._domainkey.${domain}`) })),
  );
  return checkRevocations(found);
}

type GateStep = (id: GateId, check: () => Promise<GateResult>) => Promise<GateResult>;

/** The key in S3 and its TXT record on every nameserver: precheck's gates 3–4, and verify's DNS check. */
export async function checkKeyAndDns(
  ctx: CommandContext,
  domain: string,
  selector: string,
  gate: GateStep = (_id, check) => check(),
): Promise<{ key: GateResult; dns: GateResult; parsed: ParsedPrivateKey | undefined }> {
  const { config, aws, dns } = ctx;
  const objectKey = privateKeyObjectKey(config.keys.key, domain, selector);
  const expectedName = `${selector}._domainkey.${domain}`;
  const lookup = dns.lookupTxtEverywhere(expectedName);
  const fetched = await fetchFact(async () => {
    const pem = await aws.keys.fetchPrivateKeyPem(config.keys.bucket, objectKey);
    return pem === null ? null : parsePrivateKey(pem);
  });
  const parsed = fetched.ok && fetched.value !== null ? fetched.value : undefined;
  const key = await gate("key", async () => checkPrivateKey({ location: `s3://${config.keys.bucket}/${objectKey}`, key: fetched }));
  const dnsResult = await gate("dns", async () => {
    const atName = await lookup;
    const verdict = checkDkimDns({ lookup: atName, expectedSpkiDer: parsed?.publicKeySpkiDer });
    if (verdict.status !== "fail" || parsed === undefined || !recordMissingSomewhere(atName, parsed.publicKeySpkiDer)) return verdict;
    const misplaced = await lookUpMisplacedNames(dns, selector, domain);
    const diagnosis = diagnoseHandoff({ expectedName, expectedValue: dkimKeyRecordValue(parsed.publicKeySpkiDer), atName, misplaced });
    return withHandoffDiagnosis(verdict, diagnosis);
  });
  return { key, dns: dnsResult, parsed };
}

/** Where DNS consoles usually put a record by mistake; asked only once the record is known to be wrong, so a pass costs nothing. */
async function lookUpMisplacedNames(dns: DkimDns, selector: string, domain: string): Promise<{ zoneTwice: TxtLookupResult; noDomainkey: TxtLookupResult }> {
  const names = misplacedNames(selector, domain);
  const [zoneTwice, noDomainkey] = await Promise.all([dns.lookupTxtEverywhere(names.zoneTwice), dns.lookupTxtEverywhere(names.noDomainkey)]);
  return { zoneTwice, noDomainkey };
}

export function notChecked(id: GateId, reasonKey: PlainKey): GateResult {
  return { id, status: "fail", detail: msg(reasonKey), notChecked: true };
}

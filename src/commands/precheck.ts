import { privateKeyObjectKey, selectorListing } from "../config/config.js";
import { isValidSelector, normaliseDomain } from "../config/names.js";
import { parsePrivateKey, type ParsedPrivateKey } from "../dkim/privateKey.js";
import { byodkimError } from "../errors.js";
import { checkAlarmsBeforeEnable } from "../gates/alarmsGate.js";
import { checkDkimDns } from "../gates/dnsGate.js";
import { fetchFact } from "../gates/fetched.js";
import { checkIdentity } from "../gates/identityGate.js";
import { checkPrivateKey } from "../gates/keyGate.js";
import { chooseSelector, type SelectorFacts } from "../gates/selectorGate.js";
import { checkSesIdentity } from "../gates/sesGate.js";
import { checkMigrationState } from "../gates/stateGate.js";
import type { GateId, GateResult } from "../gates/types.js";
import { msg } from "../ui/messages/types.js";
import type { CommandContext } from "./context.js";

export interface PrecheckInput {
  readonly domain: string | undefined;
  readonly selector: string | undefined;
}

export interface PrecheckResult {
  readonly command: "precheck";
  readonly domain: string;
  readonly selector: string | null;
  readonly region: string;
  readonly ok: boolean;
  readonly gates: readonly GateResult[];
  /** True when SES already signs with this selector: enable would be a no-op. */
  readonly alreadyActive: boolean;
}

/** The gates read the checklist's way round, whatever order they finish in. */
export const GATE_ORDER: readonly GateId[] = ["identity", "selector", "key", "dns", "ses", "alarms", "state"];

/** Bad domain or selector is an input error (exit 2), found before anything is asked of AWS. */
export function resolvePrecheckTarget(ctx: Pick<CommandContext, "config">, input: PrecheckInput): { domain: string; selector: string | undefined } {
  const rawDomain = input.domain ?? ctx.config.domain;
  if (rawDomain === undefined) throw byodkimError("usage", "input.noDomain", undefined, "input.noDomain.hint");
  const domain = normaliseDomain(rawDomain);
  if (domain === undefined) throw byodkimError("input", "input.badDomain", { domain: rawDomain });
  if (input.selector !== undefined && !isValidSelector(input.selector)) {
    throw byodkimError("input", "input.badSelector", { selector: input.selector });
  }
  return { domain, selector: input.selector };
}

export async function precheck(ctx: CommandContext, input: PrecheckInput): Promise<PrecheckResult> {
  const { domain, selector: explicitSelector } = resolvePrecheckTarget(ctx, input);
  const { config, aws, dns, region } = ctx;
  const gate = async (id: GateId, check: () => Promise<GateResult>): Promise<GateResult> => {
    ctx.progress.gateStarted(id);
    const result = await check();
    ctx.progress.gateFinished(result);
    return result;
  };

  const identity = gate("identity", async () =>
    checkIdentity({ caller: await fetchFact(() => aws.sts.getCallerIdentity()), expectedAccountId: config.accountId, region }),
  );
  const alarms = gate("alarms", async () =>
    checkAlarmsBeforeEnable({
      expected: config.alarms,
      found: await fetchFact(() => aws.alarms.describeAlarms(config.alarms.map((alarm) => alarm.name))),
    }),
  );
  const state = gate("state", async () =>
    checkMigrationState({ secretId: config.state.secretId, secret: await fetchFact(() => aws.state.readStateSecret(config.state.secretId)) }),
  );

  let selectorChosen: string | undefined;
  const selectorVerdict = gate("selector", async () => {
    const listing = selectorListing(config.keys.key, domain);
    const facts: SelectorFacts =
      explicitSelector !== undefined
        ? { source: "flag", selector: explicitSelector }
        : {
            source: "s3",
            bucket: config.keys.bucket,
            listing,
            selectorPrefix: config.selectorPrefix,
            objectKeys: await fetchFact(() => aws.keys.listKeys(config.keys.bucket, listing.prefix)),
          };
    const verdict = chooseSelector(facts);
    selectorChosen = verdict.selector;
    return verdict.gate;
  });

  const keyAndDns = selectorVerdict.then(async () => {
    const selector = selectorChosen;
    if (selector === undefined) return [unavailable("key"), unavailable("dns")] as const;
    const location = `s3://${config.keys.bucket}/${privateKeyObjectKey(config.keys.key, domain, selector)}`;
    let parsedKey: ParsedPrivateKey | undefined;
    const key = gate("key", async () => {
      const fetched = await fetchFact(async () => {
        const pem = await aws.keys.fetchPrivateKeyPem(config.keys.bucket, privateKeyObjectKey(config.keys.key, domain, selector));
        return pem === null ? null : parsePrivateKey(pem);
      });
      parsedKey = fetched.ok && fetched.value !== null ? fetched.value : undefined;
      return checkPrivateKey({ location, key: fetched });
    });
    const lookup = dns.lookupTxtEverywhere(`${selector}._domainkey.${domain}`);
    const keyResult = await key;
    const dnsResult = await gate("dns", async () => checkDkimDns({ lookup: await lookup, expectedSpkiDer: parsedKey?.publicKeySpkiDer }));
    return [keyResult, dnsResult] as const;
  });

  // SES's DKIM tokens tell whether this selector is already active, so the verdict waits for the selector.
  const sesIdentity = fetchFact(() => aws.ses.getEmailIdentity(domain));
  const ses = gate("ses", async () => {
    const identity = await sesIdentity;
    await selectorVerdict;
    return checkSesIdentity({ domain, region, selector: selectorChosen, identity });
  });

  const [identityResult, selectorResult, [keyResult, dnsResult], sesResult, alarmsResult, stateResult] = await Promise.all([
    identity,
    selectorVerdict,
    keyAndDns,
    ses,
    alarms,
    state,
  ]);
  const gates = [identityResult, selectorResult, keyResult, dnsResult, sesResult, alarmsResult, stateResult];
  return {
    command: "precheck",
    domain,
    selector: selectorChosen ?? null,
    region,
    ok: gates.every((g) => g.status !== "fail"),
    gates,
    alreadyActive: sesResult.data?.["alreadyActive"] === true,
  };
}

function unavailable(id: GateId): GateResult {
  return { id, status: "fail", detail: msg("gate.selector.unavailable") };
}

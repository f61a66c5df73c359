import { accountIdIn } from "../engine/fleet.js";
import { privateKeyObjectKey, selectorListing, stateSecretId } from "../config/config.js";
import { type DnsHandoff, dkimHandoff, dkimKeyRecordValue } from "../dkim/handoff.js";
import type { DnsPublisher } from "../dns/types.js";
import { generateDkimKey } from "../dkim/keygen.js";
import { parsePrivateKey } from "../dkim/privateKey.js";
import { byodkimError } from "../errors.js";
import { fetchFact } from "../gates/fetched.js";
import { checkIdentity } from "../gates/identityGate.js";
import { checkHandoffNames, checkNewKeyObject, chooseNewSelector } from "../gates/keygenGates.js";
import { checkSesIdentityExists } from "../gates/sesGate.js";
import type { GateResult } from "../gates/types.js";
import { msg } from "../messages/msg.js";
import { KEY_HISTORY_FIELD, readKeyHistory, withCreatedKey } from "../state/keyHistory.js";
import { readStateObject } from "../state/stateSecret.js";
import type { ChangeCheck } from "../engine/change/changePlan.js";
import type { ChangeResult } from "../engine/change/changeTypes.js";
import { plannedObjectCall, type SesChange } from "../engine/change/dkimSettings.js";
import { runChange } from "../engine/change/pipeline.js";
import type { CommandContext } from "../engine/context.js";
import { checkCommandPermissions } from "../engine/permissionsCheck.js";
import { notChecked } from "../engine/gateRunner.js";
import { prepareHandoffDir, takenHandoffPath, writeHandoffFiles } from "../engine/handoffFiles.js";
import { resolveGateTarget } from "../engine/gateTarget.js";
import { checkPublishTarget, orHandoffRow, publishPlanRows } from "../engine/dnsPublish.js";

export interface KeygenInput {
  readonly domain: string | undefined;
  readonly selector: string | undefined;
  readonly bits: 1024 | 2048;
  readonly yes: boolean;
  readonly dryRun: boolean;
  /** Where the hand-off files for the DNS team's ticket go (not for a dry run). */
  readonly outDir: string | undefined;
  readonly forceUnlock?: boolean;
}

export type KeygenResult = ChangeResult & {
  /** The record the DNS team publishes; for a dry run, a throwaway key's. */
  readonly handoff: DnsHandoff | null;
  readonly handoffFiles: readonly string[];
  /** dns.publish: who publishes the record (byodkim itself through this provider); null: the DNS team, from the hand-off. */
  readonly publisher: DnsPublisher["provider"] | null;
};

type KeygenCheck = ChangeCheck & { readonly location: { bucket: string; key: string } | null };

const YES = /^(y|yes|はい)$/i;

/** A new key in S3, never over another, and the record for the DNS team: the first step of the monthly cycle. */
export async function keygen(ctx: CommandContext, input: KeygenInput): Promise<KeygenResult> {
  const { domain } = resolveGateTarget(ctx, { domain: input.domain, selector: input.selector });
  const { config } = ctx;
  if (input.outDir !== undefined) prepareHandoffDir(input.outDir);
  const key = await generateDkimKey(input.bits);
  // S3's own names for the encryption, the same in every language.
  const encryption = config.keys.kmsKeyId ? `SSE-KMS ${config.keys.kmsKeyId}` : "SSE-S3";
  const handoffFor = (chosen: string) => dkimHandoff(`${chosen}._domainkey.${domain}`, dkimKeyRecordValue(key.parsed.publicKeySpkiDer));
  const s3Url = (location: { bucket: string; key: string }) => `s3://${location.bucket}/${location.key}`;

  const result = await runChange<KeygenCheck>(
    ctx,
    {
      command: "keygen",
      domain,
      async check(first) {
        // The selector the first check chose is the one confirmed; the re-check only proves it still free.
        const asked = input.selector ?? first?.selector ?? undefined;
        const found = await checkKeygen(ctx, domain, asked, { bits: input.bits, fingerprint: key.parsed.publicKeyFingerprint, encryption });
        return input.outDir === undefined || found.selector === null
          ? found
          : withHandoffNames(found, takenHandoffPath(input.outDir, handoffFor(found.selector)));
      },
      describe({ selector: chosen, location }) {
        const name = `${chosen ?? "-"}._domainkey.${domain}`;
        return {
          title: msg("keygen.plan.title", { domain }),
          intents: [],
          objectCalls: location ? [plannedObjectCall({ kind: "writeKeyObject", location: s3Url(location), selector: chosen ?? "" }, true)] : [],
          rows: [
            { label: msg("keygen.plan.selector"), value: msg("keygen.plan.selectorValue", { selector: chosen ?? "-" }) },
            {
              label: msg("keygen.plan.key"),
              value: msg("keygen.plan.keyValue", { bits: key.parsed.bits, fingerprint: key.parsed.publicKeyFingerprint, selector: chosen ?? "-" }),
            },
            { label: msg("keygen.plan.where"), value: msg("keygen.plan.whereValue", { location: location ? s3Url(location) : "-", encryption }) },
            // Published by byodkim (dns.publish), or by the DNS team from the hand-off.
            ...orHandoffRow(publishPlanRows(ctx, domain, msg("dnsPublish.plan.names", { names: name })), {
              label: msg("keygen.plan.record"),
              value: msg("keygen.plan.recordValue", { name }),
            }),
            ...(input.dryRun ? [{ label: msg("keygen.plan.key"), value: msg("keygen.plan.dryRunKey") }] : []),
          ],
          details: {
            selector: chosen,
            keyBits: key.parsed.bits,
            publicKeyFingerprint: key.parsed.publicKeyFingerprint,
            location: location ? s3Url(location) : null,
            encryption: config.keys.kmsKeyId ? "aws:kms" : "AES256",
            kmsKeyId: config.keys.kmsKeyId ?? null,
          },
        };
      },
      signingKey: () => undefined,
      sameChange: (first, second) => first.selector === second.selector,
      isRecorded: () => false,
      confirmQuestion: msg("keygen.confirm"),
      acceptsAnswer: (answer) => YES.test(answer.trim()),
      async objectCall(_intent, { location, selector: chosen }) {
        if (!location || !chosen) throw byodkimError("change", "change.noKey", { selector: chosen ?? "-" });
        const written = await ctx.aws.keys.putNewKey(location.bucket, location.key, key.pem, {
          kmsKeyId: config.keys.kmsKeyId,
          tags: { "byodkim:selector": chosen, "byodkim:status": "created" },
        });
        if (written === null) throw byodkimError("change", "keygen.raceLost", { location: s3Url(location) }, "keygen.raceLost.hint");
        return written;
      },
      // A 412 can also answer the SDK's own retry of a put whose first answer was lost: the object's key says whose it is.
      async settleObjectCall(_intent, { location }): Promise<SesChange> {
        if (!location) return "none";
        const pem = await ctx.aws.keys.fetchPrivateKeyPem(location.bucket, location.key);
        if (pem === null) return "none";
        const stored = (() => {
          try {
            return parsePrivateKey(pem).publicKeyFingerprint;
          } catch {
            return null;
          }
        })();
        return stored === key.parsed.publicKeyFingerprint ? "target" : "none";
      },
      changesSes: false,
      snapshot: "journal",
      lock: { ttlMs: 600_000, optional: false, force: input.forceUnlock === true },
      // After the record: the history then says the key was made, and `byodkim tick` publishes a made key's record again.
      dnsRecords: ({ selector }) => {
        if (!selector) return null;
        const { name, strings } = handoffFor(selector);
        return { selectors: [selector], records: [{ name, type: "TXT", strings }] };
      },
      record: (_operator, now, state, { selector }) => ({
        [KEY_HISTORY_FIELD]: withCreatedKey(readKeyHistory(state), selector ?? "", now, {
          bits: key.parsed.bits,
          fingerprint: key.parsed.publicKeyFingerprint,
          location: selector ? `s3://${config.keys.bucket}/${privateKeyObjectKey(config.keys.key, domain, selector)}` : undefined,
        }),
      }),
      // The key is the change; the history only describes it (status falls back to the selector's date).
      recordOptional: true,
      recordNotWritten: msg("keygen.historyNotRecorded", { secretId: stateSecretId(config, domain) }),
      // Published by byodkim and answered everywhere (else the run ended otherwise): no record to hand anyone.
      summaries: { completed: ctx.dnsPublisher ? "keygen.summary.published" : "keygen.summary.written", declined: "keygen.summary.declined" },
    },
    input,
  );
  const handoff = result.selector !== null && (result.outcome === "completed" || result.outcome === "dryRun") ? handoffFor(result.selector) : null;
  const written =
    handoff && input.outDir !== undefined && result.outcome === "completed" ? writeHandoffFiles(input.outDir, handoff) : { files: [], warning: null };
  return {
    ...result,
    warnings: written.warning ? [...result.warnings, written.warning] : result.warnings,
    handoff,
    handoffFiles: written.files,
    publisher: ctx.dnsPublisher?.provider ?? null,
    // A dry run's key is thrown away: its record is shown, never handed over as one to publish; nor is one byodkim published and every nameserver answers.
    dnsRecordsNeeded: handoff && result.outcome === "completed" && !result.dnsPublication?.answering ? [handoff.bindLine] : [],
  };
}

/** The selector gate judged again with the hand-off files' names in the --out folder. */
function withHandoffNames(check: KeygenCheck, taken: string | null): KeygenCheck {
  const gates = check.gates.map((gate) => (gate.id === "selector" ? checkHandoffNames(gate, taken) : gate));
  return { ...check, gates, ok: gates.every((gate) => gate.status !== "fail") };
}

/** The account, the identity in SES, a free selector and no object at its place; the state secret only warns. */
async function checkKeygen(
  ctx: CommandContext,
  domain: string,
  requested: string | undefined,
  newKey: { readonly bits: number; readonly fingerprint: string; readonly encryption: string },
): Promise<KeygenCheck> {
  const { aws, config, region } = ctx;
  const listing = selectorListing(config.keys.key, domain);
  const [caller, identity, secret, objectKeys] = await Promise.all([
    fetchFact(() => aws.sts.getCallerIdentity()),
    fetchFact(() => aws.ses.getEmailIdentity(domain)),
    fetchFact(() => aws.state.readStateSecret(stateSecretId(config, domain))),
    fetchFact(() => aws.keys.listKeys(config.keys.bucket, listing.prefix)),
  ]);
  const identityGate = checkIdentity({ caller, expectedAccountId: accountIdIn(ctx), region });
  const state = secret.ok && secret.value ? readStateObject(secret.value.text) : undefined;
  const known = Object.fromEntries(Object.entries(readKeyHistory(state)).map(([name, entry]) => [name, entry.status]));
  const chosen = chooseNewSelector({ requested, selectorPrefix: config.selectorPrefix, listing, objectKeys, known, today: ctx.clock.now() });
  const location = chosen.selector ? { bucket: config.keys.bucket, key: privateKeyObjectKey(config.keys.key, domain, chosen.selector) } : null;
  let keyGate: GateResult = notChecked("key", "gate.selector.unavailable");
  if (location && identityGate.status !== "fail") {
    const existing = await fetchFact(() => aws.keys.describeKeyObject(location.bucket, location.key));
    keyGate = checkNewKeyObject({ location: `s3://${location.bucket}/${location.key}`, existing, ...newKey });
  }
  const stateGate: GateResult = state
    ? { id: "state", status: "pass", detail: msg("gate.state.readable", { secretId: stateSecretId(config, domain) }) }
    : { id: "state", status: "warn", detail: msg("gate.state.noHistory", { secretId: stateSecretId(config, domain) }) };
  const gates =
    identityGate.status === "fail" || !caller.ok
      ? [identityGate, ...(["permissions", "selector", "key", "ses", "state"] as const).map((id) => notChecked(id, "gate.notChecked.identity"))]
      : [
          identityGate,
          await checkCommandPermissions(ctx, caller.value, {
            command: "keygen",
            domain,
            selectors: chosen.selector ? [chosen.selector] : [],
            secretArn: secret.ok ? secret.value?.arn : undefined,
          }),
          chosen.gate,
          keyGate,
          checkSesIdentityExists({ domain, region, identity }),
          stateGate,
          ...(await checkPublishTarget(ctx, domain)),
        ];
  return {
    gates,
    ok: gates.every((gate) => gate.status !== "fail"),
    selector: chosen.selector ?? null,
    caller: caller.ok ? caller.value : undefined,
    sesIdentity: identity.ok ? identity.value : undefined,
    state,
    location: identityGate.status === "fail" ? null : location,
  };
}

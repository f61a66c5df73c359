import { accountIdIn } from "../engine/fleet.js";
import { privateKeyObjectKey, stateSecretId } from "../config/config.js";
import { dkimHandoff, dkimKeyRecordValue } from "../dkim/handoff.js";
import { type ParsedPrivateKey, parsePrivateKey } from "../dkim/privateKey.js";
import { byodkimError } from "../errors.js";
import { fetchFact } from "../gates/fetched.js";
import { checkIdentity } from "../gates/identityGate.js";
import { checkPrivateKey } from "../gates/keyGate.js";
import { checkSesIdentityExists } from "../gates/sesGate.js";
import type { GateResult } from "../gates/types.js";
import { msg } from "../messages/msg.js";
import { readKeyHistory } from "../state/keyHistory.js";
import { readStateObject } from "../state/stateSecret.js";
import type { ChangeCheck } from "../engine/change/changePlan.js";
import type { ChangeResult } from "../engine/change/changeTypes.js";
import { runChange } from "../engine/change/pipeline.js";
import type { CommandContext } from "../engine/context.js";
import { publishPlanRows } from "../engine/dnsPublish.js";
import { notChecked } from "../engine/gateRunner.js";
import { checkCommandPermissions } from "../engine/permissionsCheck.js";

export interface PublishKeyInput {
  readonly domain: string;
  readonly selector: string;
  readonly yes: boolean;
}

type PublishKeyCheck = ChangeCheck & { readonly key: ParsedPrivateKey | undefined };

/**
 * A made key's record published again, for tick: keygen stored the key but its publish failed or
 * was lost. The record is read from the key itself (its public half), never from a file, and it
 * goes through the pipeline (lock, journal, notices) as keygen's own publish does.
 */
export async function publishKey(ctx: CommandContext, input: PublishKeyInput): Promise<ChangeResult> {
  const { domain, selector } = input;
  if (!ctx.dnsPublisher) throw byodkimError("config", "dnsPublish.noPublisher", { domain }, "dnsPublish.noPublisher.hint");
  const name = `${selector}._domainkey.${domain}`;
  return runChange<PublishKeyCheck>(
    ctx,
    {
      command: "publish",
      domain,
      check: () => checkPublishKey(ctx, domain, selector),
      describe: ({ key }) => ({
        title: msg("dnsPublish.again.title", { domain, selector }),
        intents: [],
        rows: [
          { label: msg("keygen.plan.selector"), value: msg("keygen.plan.selectorValue", { selector }) },
          ...publishPlanRows(ctx, domain, msg("dnsPublish.plan.names", { names: name })),
        ],
        details: { selector, publicKeyFingerprint: key?.publicKeyFingerprint ?? null },
      }),
      signingKey: () => undefined,
      sameChange: (first, second) => first.key?.publicKeyFingerprint === second.key?.publicKeyFingerprint,
      isRecorded: () => false,
      confirmQuestion: msg("dnsPublish.again.confirm", { selector }),
      acceptsAnswer: (answer) => /^(y|yes|はい)$/i.test(answer.trim()),
      changesSes: false,
      snapshot: "journal",
      lock: { ttlMs: 600_000, optional: false, force: false },
      dnsRecords: ({ key }) => {
        if (!key) return null;
        const { strings } = dkimHandoff(name, dkimKeyRecordValue(key.publicKeySpkiDer));
        return { selectors: [selector], records: [{ name, type: "TXT", strings }] };
      },
      // Unrecorded until it answers: a publish that failed leaves the state as it was, and the next tick publishes again.
      publishBeforeRecord: true,
      record: () => ({}),
      recordOptional: true,
      finishCommand: () => `byodkim tick ${domain}`,
    },
    { yes: input.yes, dryRun: false },
  );
}

/** The account, the identity in SES, the key in S3 (its public half makes the record) and the history calling it made, not yet used. */
async function checkPublishKey(ctx: CommandContext, domain: string, selector: string): Promise<PublishKeyCheck> {
  const { aws, config, region } = ctx;
  const objectKey = privateKeyObjectKey(config.keys.key, domain, selector);
  const location = `s3://${config.keys.bucket}/${objectKey}`;
  const [caller, identity, secret, key] = await Promise.all([
    fetchFact(() => aws.sts.getCallerIdentity()),
    fetchFact(() => aws.ses.getEmailIdentity(domain)),
    fetchFact(() => aws.state.readStateSecret(stateSecretId(config, domain))),
    fetchFact(async () => {
      const pem = await aws.keys.fetchPrivateKeyPem(config.keys.bucket, objectKey);
      return pem === null ? null : parsePrivateKey(pem);
    }),
  ]);
  const identityGate = checkIdentity({ caller, expectedAccountId: accountIdIn(ctx), region });
  const state = secret.ok && secret.value ? readStateObject(secret.value.text) : undefined;
  const status = readKeyHistory(state)[selector]?.status;
  const stateGate: GateResult =
    status === "created"
      ? { id: "state", status: "pass", detail: msg("dnsPublish.again.created", { selector }) }
      : { id: "state", status: "fail", detail: msg("dnsPublish.again.notCreated", { selector, status: status ?? "-" }) };
  const gates: GateResult[] =
    identityGate.status === "fail" || !caller.ok
      ? [identityGate, ...(["permissions", "key", "ses", "state"] as const).map((id) => notChecked(id, "gate.notChecked.identity"))]
      : [
          identityGate,
          await checkCommandPermissions(ctx, caller.value, {
            command: "keygen",
            domain,
            selectors: [selector],
            secretArn: secret.ok ? secret.value?.arn : undefined,
          }),
          checkPrivateKey({ location, key }),
          checkSesIdentityExists({ domain, region, identity }),
          stateGate,
        ];
  return {
    gates,
    ok: gates.every((gate) => gate.status !== "fail"),
    selector,
    caller: caller.ok ? caller.value : undefined,
    sesIdentity: identity.ok ? identity.value : undefined,
    state,
    key: key.ok && key.value !== null ? key.value : undefined,
  };
}

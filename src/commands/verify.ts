import { accountIdIn } from "../engine/fleet.js";
import { stateSecretId } from "../config/config.js";
import { readFile } from "node:fs/promises";
import type { VerifyResult } from "../engine/results.js";
import type { SesIdentityFacts } from "../aws/types.js";
import { verifyEmlSignatures } from "../dkim/emlVerify.js";
import { byodkimError } from "../errors.js";
import { fetchFact, type Fetched } from "../gates/fetched.js";
import { checkIdentity } from "../gates/identityGate.js";
import type { GateResult } from "../gates/types.js";
import { checkAlarmsAfterEnable, checkSesAfterEnable, checkStateAfterEnable } from "../gates/verifyChecks.js";
import { msg } from "../messages/msg.js";
import type { CommandContext } from "../engine/context.js";
import { checkKeyAndDns, checkRetiredRecords, notChecked } from "../engine/gateRunner.js";
import { checkCommandPermissions } from "../engine/permissionsCheck.js";
import { readStateObject } from "../state/stateSecret.js";
import { resolveGateTarget } from "../engine/gateTarget.js";
import { requireProbeConfig, runProbes } from "../engine/probe/probe.js";
import { checkProbes } from "../gates/probeGate.js";

export interface VerifyInput {
  readonly domain: string | undefined;
  readonly selector: string | undefined;
  /** Poll the alarms until they settle in their `after` states, for up to this long. */
  readonly waitSeconds: number;
  readonly sendTest: string | undefined;
  readonly eml: string | undefined;
  /** Send a probe to each configured mailbox and read it back, waiting up to this many seconds; undefined: no probe. */
  readonly probeTimeoutSeconds?: number | undefined;
}

const VERIFY_ORDER = ["identity", "permissions", "ses", "state", "alarms", "key", "dns", "sendTest", "eml", "probe"] as const;

/** Phase-7's success indicators, read-only (except --send-test, which sends one message). */
export async function verify(ctx: CommandContext, input: VerifyInput): Promise<VerifyResult> {
  const { domain } = resolveGateTarget(ctx, { domain: input.domain, selector: input.selector });
  if (input.sendTest !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.sendTest))
    throw byodkimError("input", "verify.badAddress", { address: input.sendTest });
  const probing = input.probeTimeoutSeconds !== undefined;
  // The probe is a test message that is also read back: the two together would send two, and ask for two grants.
  if (probing && input.sendTest !== undefined) throw byodkimError("usage", "verify.probeWithSendTest", undefined, "verify.probeWithSendTest.hint");
  // Said before anything is read: without a mailbox there is nothing to read the probe back from.
  const probeConfig = probing ? requireProbeConfig(ctx.config) : undefined;
  const emlText =
    input.eml === undefined
      ? undefined
      : await readFile(input.eml).catch(() => {
          throw byodkimError("input", "verify.emlUnreadable", { path: input.eml ?? "" });
        });
  const { aws, config } = ctx;
  const result = (selector: string | undefined, gates: GateResult[]): VerifyResult => ({
    command: "verify",
    domain,
    selector: selector ?? null,
    region: ctx.region,
    ok: gates.every((gate) => gate.status !== "fail"),
    gates,
  });

  const caller = await fetchFact(() => aws.sts.getCallerIdentity());
  const identity = checkIdentity({ caller, expectedAccountId: accountIdIn(ctx), region: ctx.region });
  if (identity.status === "fail" || !caller.ok) {
    return result(input.selector, [identity, ...VERIFY_ORDER.slice(1, 7).map((id) => notChecked(id, "gate.notChecked.identity"))]);
  }

  const [sesIdentity, secret] = await Promise.all([
    fetchFact(() => aws.ses.getEmailIdentity(domain)),
    fetchFact(() => aws.state.readStateSecret(stateSecretId(config, domain))),
  ]);
  const state = secret.ok && secret.value ? readStateObject(secret.value.text) : undefined;
  const recorded = state?.["selector"];
  const selector = input.selector ?? (typeof recorded === "string" ? recorded : undefined) ?? externalSelector(sesIdentity);
  const permissions = await checkCommandPermissions(ctx, caller.value, {
    command: probing ? "verify-probe" : input.sendTest !== undefined ? "verify-send-test" : "verify",
    domain,
    selectors: selector === undefined ? [] : [selector],
    secretArn: secret.ok ? secret.value?.arn : undefined,
  });
  const gates: GateResult[] = [identity, permissions, checkSesAfterEnable(sesIdentity, selector), checkStateAfterEnable(secret, stateSecretId(config, domain))];
  gates.push(await settledAlarms(ctx, input.waitSeconds));
  if (selector === undefined) gates.push(notChecked("key", "gate.selector.unavailable"), notChecked("dns", "gate.selector.unavailable"));
  else {
    const { key, dns } = await checkKeyAndDns(ctx, domain, selector);
    gates.push(key, dns);
  }
  const revocation = await checkRetiredRecords(ctx, domain, state);
  if (revocation) gates.push(revocation);
  // The test message is the one thing verify changes: a role that may not send it is told so before, not by SES.
  if (input.sendTest !== undefined)
    gates.push(permissions.status === "fail" ? notChecked("sendTest", "gate.permissions.notSent") : await sendTest(ctx, domain, input.sendTest));
  if (emlText !== undefined) gates.push(await checkEml(emlText, domain, selector, ctx.dns.txtResolver()));
  if (probeConfig !== undefined && input.probeTimeoutSeconds !== undefined)
    gates.push(
      permissions.status === "fail"
        ? notChecked("probe", "gate.permissions.notSent")
        : checkProbes(await runProbes(ctx, { domain, selector }, input.probeTimeoutSeconds, probeConfig), domain, selector),
    );
  return result(selector, gates);
}

function externalSelector(identity: Fetched<SesIdentityFacts | null>): string | undefined {
  return identity.ok && identity.value?.dkim?.origin === "EXTERNAL" ? identity.value.dkim.tokens[0] : undefined;
}

/** Alarms take minutes to leave ALARM after signing starts; --wait polls until they settle. */
async function settledAlarms(ctx: CommandContext, waitSeconds: number): Promise<GateResult> {
  const deadline = ctx.clock.now().getTime() + waitSeconds * 1000;
  for (let delay = 5000; ; delay = Math.min(delay * 1.5, 60_000)) {
    const found = await fetchFact(() => ctx.aws.alarms.describeAlarms(ctx.config.alarms.map((alarm) => alarm.name)));
    const verdict = checkAlarmsAfterEnable(ctx.config.alarms, found);
    const remaining = deadline - ctx.clock.now().getTime();
    if (verdict.status !== "fail" || !found.ok || remaining <= 0) return verdict;
    ctx.events.emit({ type: "step", message: msg("verify.alarmsWaiting") });
    await ctx.clock.sleep(Math.min(delay, remaining));
  }
}

async function sendTest(ctx: CommandContext, domain: string, to: string): Promise<GateResult> {
  const from = `byodkim-verify@${domain}`;
  const sent = await fetchFact(() =>
    ctx.aws.ses.sendTestEmail(
      from,
      to,
      `byodkim verify: DKIM test for ${domain}`,
      `Sent by byodkim verify at ${ctx.clock.now().toISOString()} to check the DKIM signature of ${domain}.`,
    ),
  );
  if (!sent.ok) return { id: "sendTest", status: "fail", detail: sent.error.what, ...(sent.error.hint ? { lines: [sent.error.hint] } : {}) };
  // SES's MessageId says it took the message, nothing about the signature the receiver will see.
  return {
    id: "sendTest",
    status: "pass",
    detail: msg("verify.sendTest.sentUnchecked", { to, messageId: sent.value.messageId ?? "-" }),
    lines: [msg("verify.sendTest.checkHint", { domain })],
    data: { from, to, messageId: sent.value.messageId ?? null, signatureChecked: false },
  };
}

async function checkEml(
  message: Buffer,
  domain: string,
  selector: string | undefined,
  resolver: ReturnType<CommandContext["dns"]["txtResolver"]>,
): Promise<GateResult> {
  const signatures = await verifyEmlSignatures(message, resolver);
  const ours = signatures.find((signature) => signature.domain.toLowerCase() === domain);
  const lines = signatures.map((signature) =>
    msg("verify.eml.signature", { domain: signature.domain, selector: signature.selector, result: signature.result }),
  );
  const data = { signatures };
  if (!ours) return { id: "eml", status: "fail", detail: msg("verify.eml.noSignature", { domain }), lines, data };
  if (ours.result !== "pass")
    return { id: "eml", status: "fail", detail: msg("verify.eml.failed", { result: ours.result, selector: ours.selector }), lines, data };
  if (ours.selector !== selector)
    return { id: "eml", status: "warn", detail: msg("verify.eml.otherSelector", { selector: ours.selector, expected: selector ?? "-" }), lines, data };
  return { id: "eml", status: "pass", detail: msg("verify.eml.pass", { domain, selector: ours.selector }), lines, data };
}

import type { AwsPorts } from "../../aws/types.js";
import { type ProbeConfig, type ProbeReadBack, type ProbeTarget, probeFrom } from "../../config/probeConfig.js";
import { type ByodkimError, byodkimError } from "../../errors.js";
import { fetchFact } from "../../gates/fetched.js";
import { judgeProbe, type ProbeOutcome, type ProbeTargetResult, type ProbeVerdict } from "../../gates/probeVerdict.js";
import { msg } from "../../messages/msg.js";
import type { CommandContext } from "../context.js";
import { imapMailbox } from "./imapMailbox.js";
import { imapPasswordFromSecret, type ProbeMailbox } from "./probeMailbox.js";
import { newProbeToken, probeMessage, readReceivedProbe } from "./probeMessage.js";
import { s3Mailbox } from "./s3Mailbox.js";

export { PROBE_TIMEOUT_DEFAULT_SECONDS } from "../../config/probeConfig.js";
/** How often each mailbox is looked at while the countdown runs (each S3 look is a listing). */
export const PROBE_LOOK_INTERVAL_MS = 5000;

export type { ProbeOutcome, ProbeTargetResult };

/** A probe sent and waiting to be read back. */
export interface PendingProbe {
  readonly target: ProbeTarget;
  readonly from: string;
  readonly token: string;
  readonly messageId: string | null;
  readonly sentAt: Date;
  readonly reader: ProbeMailbox;
}

export interface ProbeExpectation {
  readonly domain: string;
  /** The selector that must sign; undefined: none known, so no signature can pass. */
  readonly selector: string | undefined;
}

/** The probe config, or the operator is told how to write one. */
export function requireProbeConfig(config: { readonly probe?: ProbeConfig | undefined }): ProbeConfig {
  if (!config.probe || config.probe.targets.length === 0) throw byodkimError("usage", "probe.notConfigured", undefined, "probe.notConfigured.hint");
  return config.probe;
}

/** Sends one probe to every target and reads each back, waiting up to `timeoutSeconds` with a countdown. */
export async function runProbes(ctx: CommandContext, expected: ProbeExpectation, timeoutSeconds: number, probe = requireProbeConfig(ctx.config)) {
  const started = await Promise.all(probe.targets.map((target) => sendProbe(ctx, expected.domain, target, probe)));
  const pending = started.filter((sent): sent is PendingProbe => "reader" in sent);
  const read = await readBackProbes(ctx, pending, expected, timeoutSeconds * 1000);
  return started.map((sent) => ("reader" in sent ? read.get(sent)! : sent));
}

/**
 * Proves the mailbox can be read and notes what it already holds, then sends the probe through SES.
 * A mailbox that cannot be read is not sent to: the message could prove nothing.
 */
export async function sendProbe(
  ctx: CommandContext,
  domain: string,
  target: ProbeTarget,
  probe: Pick<ProbeConfig, "from">,
): Promise<PendingProbe | ProbeTargetResult> {
  const from = probeFrom(probe, domain);
  const token = newProbeToken();
  const base = { target, from, token };
  const reader = mailboxFor(ctx, target);
  const prepared = await fetchFact(() => reader.prepare());
  if (!prepared.ok) return finished(base, { outcome: "unreadable", error: prepared.error });
  const sentAt = ctx.clock.now();
  const message = probeMessage(token, domain, sentAt);
  const sent = await fetchFact(() => ctx.aws.ses.sendTestEmail(from, target.to, message.subject, message.body, message.headers));
  if (!sent.ok) return finished(base, { outcome: "notSent", error: sent.error });
  return { ...base, messageId: sent.value.messageId ?? null, sentAt, reader };
}

/**
 * Looks at every pending probe's mailbox until each is found or `timeoutMs` has passed, the time
 * left shown on the spinner; each message found is judged at once against live DNS.
 */
export async function readBackProbes(
  ctx: CommandContext,
  pending: readonly PendingProbe[],
  expected: ProbeExpectation,
  timeoutMs: number,
): Promise<Map<PendingProbe, ProbeTargetResult>> {
  const results = new Map<PendingProbe, ProbeTargetResult>();
  const deadline = ctx.clock.now().getTime() + timeoutMs;
  let nextLook = ctx.clock.now().getTime();
  try {
    for (;;) {
      const waiting = pending.filter((sent) => !results.has(sent));
      const now = ctx.clock.now().getTime();
      if (waiting.length === 0) break;
      if (now >= nextLook || now >= deadline) {
        await Promise.all(waiting.map(async (sent) => void (await look(ctx, sent, expected).then((result) => result && results.set(sent, result)))));
        // The look at the deadline is the last.
        if (now >= deadline) break;
        nextLook = now + PROBE_LOOK_INTERVAL_MS;
        continue;
      }
      const remaining = deadline - now;
      ctx.events.emit({ type: "progress", message: msg("probe.waiting", { seconds: Math.ceil(remaining / 1000), mailboxes: waiting.length }) });
      await ctx.clock.sleep(Math.min(1000, remaining, nextLook - now));
    }
  } finally {
    ctx.events.emit({ type: "progress", message: null });
    await Promise.all(pending.map((sent) => sent.reader.close().catch(() => {})));
  }
  for (const sent of pending)
    if (!results.has(sent))
      results.set(sent, {
        ...finished(sent, { outcome: "notDelivered", verdict: judgeProbe(expected, { delivered: false }) }),
        waitedSeconds: Math.round(timeoutMs / 1000),
      });
  return results;
}

/** One look at one mailbox: the verdict when the probe is there; null while it is not (and time is left). */
async function look(ctx: CommandContext, sent: PendingProbe, expected: ProbeExpectation): Promise<ProbeTargetResult | null> {
  const found = await fetchFact(() => sent.reader.find(sent.token));
  if (!found.ok) return finished(sent, { outcome: "unreadable", error: found.error });
  if (found.value === null) return null;
  const deliveredAt = ctx.clock.now();
  const receipt = await readReceivedProbe(found.value.raw, ctx.dns.txtResolver());
  const verdict = judgeProbe(expected, receipt);
  return {
    ...finished(sent, { outcome: verdict.kind, verdict }),
    deliveredAt: deliveredAt.toISOString(),
    foundAt: found.value.where,
    signatures: receipt.delivered ? receipt.signatures : [],
    receiverResults: receipt.delivered ? receipt.receiverResults : [],
  };
}

function finished(
  sent: Pick<PendingProbe, "target" | "from" | "token"> & Partial<Pick<PendingProbe, "messageId" | "sentAt">>,
  end: { outcome: ProbeOutcome; verdict?: ProbeVerdict; error?: ByodkimError },
): ProbeTargetResult {
  return {
    target: sent.target.name,
    to: sent.target.to,
    readBack: sent.target.readBack.kind,
    mailbox: mailboxOf(sent.target.readBack),
    from: sent.from,
    token: sent.token,
    messageId: sent.messageId ?? null,
    sentAt: sent.sentAt?.toISOString() ?? null,
    deliveredAt: null,
    waitedSeconds: null,
    foundAt: null,
    outcome: end.outcome,
    verdict: end.verdict ?? null,
    signatures: [],
    receiverResults: [],
    problem: end.error?.what ?? null,
    problemHint: end.error?.hint ?? null,
  };
}

const mailboxOf = (readBack: ProbeReadBack): ProbeTargetResult["mailbox"] =>
  readBack.kind === "s3" ? { bucket: readBack.bucket, prefix: readBack.prefix } : { user: readBack.user, host: readBack.host, port: readBack.port };

/** The ports of the region a resource lives in: an inbound bucket or a secret may be in another region than sending's. */
const portsIn = (ctx: CommandContext, region: string | undefined): AwsPorts =>
  region === undefined || region === ctx.region || !ctx.awsIn ? ctx.aws : ctx.awsIn(region);

/** A secret named by its ARN lives in the region the ARN names; by its name, in the region in force. */
const secretRegion = (secretId: string): string | undefined => (secretId.startsWith("arn:") ? secretId.split(":")[3] : undefined);

function mailboxFor(ctx: CommandContext, target: ProbeTarget): ProbeMailbox {
  const readBack = target.readBack;
  if (readBack.kind === "s3") {
    const port = portsIn(ctx, readBack.region).inbound;
    if (!port) return unreadableMailbox(byodkimError("aws", "probe.s3.unavailable", { bucket: readBack.bucket }));
    return s3Mailbox(port, readBack.bucket, readBack.prefix);
  }
  const password = async () => {
    const secret = await portsIn(ctx, secretRegion(readBack.passwordSecret)).state.readStateSecret(readBack.passwordSecret);
    const found = secret === null ? null : imapPasswordFromSecret(secret.text);
    if (found === null)
      throw byodkimError("config", "probe.imap.noPassword", { secretId: readBack.passwordSecret }, "probe.imap.noPassword.hint", { user: readBack.user });
    return found;
  };
  return imapMailbox(readBack, memoised(password));
}

function memoised<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= read().catch((err: unknown) => {
      value = undefined;
      throw err;
    });
    return value;
  };
}

function unreadableMailbox(error: ByodkimError): ProbeMailbox {
  return {
    prepare: () => Promise.reject(error),
    find: () => Promise.reject(error),
    close: async () => {},
  };
}

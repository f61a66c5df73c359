import { randomBytes } from "node:crypto";
import { verifyEmlSignatures } from "../../dkim/emlVerify.js";
import { type ProbeReceipt, receiverDkimResults } from "../../gates/probeVerdict.js";

/** The header that carries the probe's token; the subject carries it too, for a person looking at the mailbox. */
export const PROBE_HEADER = "X-Byodkim-Probe";

/** 16 hex digits: unique enough among the probes a mailbox holds, short enough for a subject line. */
export const newProbeToken = (): string => randomBytes(8).toString("hex");

export const isProbeToken = (text: string): boolean => /^[0-9a-f]{16}$/.test(text);

/** The message SES is asked to send: the token in a header of its own and in the subject. */
export function probeMessage(token: string, domain: string, sentAt: Date) {
  return {
    subject: `byodkim probe ${token}`,
    body: `Sent by byodkim at ${sentAt.toISOString()} to prove that mail from ${domain} carries the domain's DKIM signature. It can be deleted.`,
    headers: { [PROBE_HEADER]: token },
  };
}

/** Whether a raw message is the probe with `token` (its header, not a quoted subject in some reply). */
export function carriesToken(raw: Buffer, token: string): boolean {
  const end = raw.indexOf("\r\n\r\n");
  const header = raw.subarray(0, end === -1 ? Math.min(raw.length, 64 * 1024) : end).toString("latin1");
  return new RegExp(`^${PROBE_HEADER}:[ \\t]*${token}[ \\t]*\\r?$`, "im").test(header);
}

/**
 * The message's facts as the receiver delivered it: every DKIM-Signature verified against live DNS
 * (mailauth), and the receiver's own Authentication-Results (RFC 8601), read with mailparser.
 */
export async function readReceivedProbe(raw: Buffer, resolver: (name: string, type: string) => Promise<unknown>): Promise<ProbeReceipt> {
  const [signatures, authenticationResults] = await Promise.all([verifyEmlSignatures(raw, resolver), authenticationResultsOf(raw)]);
  return {
    delivered: true,
    signatures: signatures.map(({ domain, selector, result, comment, aligned }) => ({ domain, selector, result, comment: comment || undefined, aligned })),
    receiverResults: receiverDkimResults(authenticationResults),
  };
}

async function authenticationResultsOf(raw: Buffer): Promise<string[]> {
  const { simpleParser } = await import("mailparser");
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  return parsed.headerLines
    .filter((line) => line.key === "authentication-results")
    .map((line) =>
      line.line
        .replace(/^[^:]*:/, "")
        .replace(/\r?\n[ \t]+/g, " ")
        .trim(),
    );
}

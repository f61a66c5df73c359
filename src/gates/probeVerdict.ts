import type { Msg } from "../messages/msg.js";

/**
 * The probe's judgement of one message read back (or not) from one mailbox: which signature, if
 * any, proves that mail sent now through the identity is signed by the domain's new key. A plain
 * "dkim=pass" proves little: it may be the old selector's, or SES's own amazonses.com signature.
 */

/** One DKIM-Signature of the message as mailauth verified it against live DNS. */
export interface ProbeSignature {
  readonly domain: string;
  readonly selector: string;
  /** mailauth's result: pass, fail, neutral, temperror, permerror, policy, none. */
  readonly result: string;
  readonly comment: string | undefined;
  /** Whether d= aligns with the From domain (DMARC's relaxed alignment, RFC 7489 §3.1.1). */
  readonly aligned: boolean;
}

/** One `dkim=` result of the receiver's own Authentication-Results header (RFC 8601). */
export interface ReceiverDkimResult {
  /** The authserv-id: who judged (the receiver's host). */
  readonly authservId: string;
  readonly result: string;
  readonly domain: string | undefined;
  readonly selector: string | undefined;
}

/** What the read-back found: nothing before the timeout, or the message and what it carries. */
export type ProbeReceipt =
  | { readonly delivered: false }
  | {
      readonly delivered: true;
      readonly signatures: readonly ProbeSignature[];
      readonly receiverResults: readonly ReceiverDkimResult[];
    };

export type ProbeVerdictKind = "pass" | "otherSelector" | "amazonsesOnly" | "unsigned" | "failed" | "notDelivered";

export interface ProbeVerdict {
  readonly kind: ProbeVerdictKind;
  /** The signature the verdict rests on: the expected selector's (pass, failed), the other selector's (otherSelector). */
  readonly signature?: ProbeSignature;
  /** failed: mailauth's result and its comment ("fail: bad signature", "neutral: body hash did not verify"). */
  readonly reason?: string;
}

/** SES's own signature under Easy DKIM and BYODKIM alike; it never aligns with the customer's From. */
export const SES_SIGNING_DOMAIN = "amazonses.com";

const sameDomain = (a: string, b: string) => a.toLowerCase().replace(/\.$/, "") === b.toLowerCase().replace(/\.$/, "");

/**
 * pass only for a verifying signature with d=<domain> and s=<expected selector>. A passing signature
 * of the domain by another selector is the old key (or the new one not yet in use); with no expected
 * selector (nothing recorded, nothing in SES), no signature can be the expected one.
 */
export function judgeProbe(expected: { readonly domain: string; readonly selector: string | undefined }, receipt: ProbeReceipt): ProbeVerdict {
  if (!receipt.delivered) return { kind: "notDelivered" };
  const own = receipt.signatures.filter((signature) => sameDomain(signature.domain, expected.domain));
  const bySelector = own.filter((signature) => expected.selector !== undefined && signature.selector.toLowerCase() === expected.selector.toLowerCase());
  const expectedPassing = bySelector.find((signature) => signature.result === "pass");
  if (expectedPassing) return { kind: "pass", signature: expectedPassing };
  const [expectedFailing] = bySelector;
  if (expectedFailing) return { kind: "failed", signature: expectedFailing, reason: reasonOf(expectedFailing) };
  const otherPassing = own.find((signature) => signature.result === "pass");
  if (otherPassing) return { kind: "otherSelector", signature: otherPassing };
  const [otherFailing] = own;
  if (otherFailing) return { kind: "failed", signature: otherFailing, reason: reasonOf(otherFailing) };
  if (receipt.signatures.some((signature) => sameDomain(signature.domain, SES_SIGNING_DOMAIN))) return { kind: "amazonsesOnly" };
  return { kind: "unsigned" };
}

const reasonOf = (signature: ProbeSignature) => (signature.comment ? `${signature.result}: ${signature.comment}` : signature.result);

/**
 * The `dkim=` results of Authentication-Results header values (RFC 8601 §2.2): the authserv-id first,
 * then `;`-separated methods, each with `header.d=` / `header.i=` and `header.s=` properties.
 * Comments in parentheses are dropped first; a header that does not parse yields nothing.
 */
export function receiverDkimResults(headerValues: readonly string[]): ReceiverDkimResult[] {
  return headerValues.flatMap((value) => {
    const text = value
      .replace(/\([^()]*\)/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    const [authservPart = "", ...methods] = text.split(";");
    const authservId = authservPart.trim().split(" ")[0] ?? "";
    return methods.flatMap((method): ReceiverDkimResult[] => {
      const found = /^\s*dkim\s*=\s*([A-Za-z]+)/i.exec(method);
      if (!found) return [];
      const property = (name: string) => new RegExp(`\\bheader\\.${name}\\s*=\\s*"?([^\\s;"]+)`, "i").exec(method)?.[1];
      const identity = property("d") ?? property("i")?.replace(/^.*@/, "");
      return [{ authservId, result: found[1]!.toLowerCase(), domain: identity?.toLowerCase(), selector: property("s") }];
    });
  });
}

/** notSent: SES refused it; unreadable: the mailbox could not be read (before or after sending). */
export type ProbeOutcome = ProbeVerdictKind | "notSent" | "unreadable";

/** One target's probe from send to verdict; `--json` carries it whole. */
export interface ProbeTargetResult {
  readonly target: string;
  readonly to: string;
  readonly readBack: "s3" | "imap";
  /** Where it was read back: the bucket and prefix, or the IMAP user, host and port (never the password). */
  readonly mailbox: { readonly bucket: string; readonly prefix: string } | { readonly user: string; readonly host: string; readonly port: number };
  readonly from: string;
  readonly token: string;
  readonly messageId: string | null;
  readonly sentAt: string | null;
  readonly deliveredAt: string | null;
  /** notDelivered: how long the read-back waited for it. */
  readonly waitedSeconds: number | null;
  /** Where the message was found: the object key, the IMAP UID. */
  readonly foundAt: string | null;
  readonly outcome: ProbeOutcome;
  /** The signature the verdict rests on, and why a failed one failed. */
  readonly verdict: ProbeVerdict | null;
  /** Every DKIM-Signature the message carried, as verified against DNS. */
  readonly signatures: readonly ProbeSignature[];
  /** The receiver's own Authentication-Results dkim= results, where it added them. */
  readonly receiverResults: readonly ReceiverDkimResult[];
  /** Why it was not sent or not read: the adapter's sentence and its hint. */
  readonly problem: Msg | null;
  readonly problemHint: Msg | null;
}

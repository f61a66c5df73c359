import { randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { promises as dns } from "node:dns";
// Static imports: the bundle loses a CommonJS module's named exports through import(). This module loads with the sandbox only.
import { authenticate } from "mailauth";
import { dkimSign } from "mailauth/lib/dkim/sign.js";
import { SANDBOX_MAIL } from "./defaults.js";
import { SesRejection } from "./sesDkim.js";
import { AMAZONSES_DOMAIN, AMAZONSES_SELECTOR, sesSigningKeys } from "./sesMailKeys.js";
import { mailIdentityKey, type SandboxIdentity, type SandboxWorld, type SentMail } from "./world.js";

/** SendEmail's input as the SESv2 model names it (the parts the sandbox uses). */
interface SendEmailInput {
  readonly FromEmailAddress?: unknown;
  readonly Destination?: { readonly ToAddresses?: unknown; readonly CcAddresses?: unknown; readonly BccAddresses?: unknown };
  readonly ReplyToAddresses?: unknown;
  readonly Content?: {
    readonly Simple?: {
      readonly Subject?: { readonly Data?: unknown };
      readonly Body?: { readonly Text?: { readonly Data?: unknown }; readonly Html?: { readonly Data?: unknown } };
      readonly Headers?: unknown;
    };
    readonly Raw?: { readonly Data?: unknown };
    readonly Template?: unknown;
  };
}

const addresses = (value: unknown): string[] => (Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : []);
/** The address inside `Name <address>`, lower-cased, or the text itself. */
const bareAddress = (text: string) => (/<([^>]+)>/.exec(text)?.[1] ?? text).trim().toLowerCase();
const domainOf = (address: string) => bareAddress(address).split("@")[1] ?? "";

/** RFC 5322's date-time, in UTC as SES writes it. */
export const rfc5322Date = (date: Date) => date.toUTCString().replace(/GMT$/, "+0000");

/** A header value in RFC 2047 words when it is not plain ASCII. */
const encodedWord = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`);

const HEADER_NAME = /^[!-9;-~]+$/;
/** Headers SES writes itself; a `Headers` entry may not replace them. */
const SES_OWN_HEADERS = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "subject",
  "date",
  "message-id",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
  "reply-to",
  "dkim-signature",
]);

function bodyPart(contentType: string, text: string): string {
  const ascii = /^\p{ASCII}*$/u.test(text) && text.split(/\r?\n/).every((line) => line.length <= 998);
  if (ascii) return `Content-Type: ${contentType}; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${text.replace(/\r?\n/g, "\r\n")}\r\n`;
  const base64 = Buffer.from(text, "utf8").toString("base64").replace(/.{76}/g, "$&\r\n");
  return `Content-Type: ${contentType}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}\r\n`;
}

/** The message SES builds from Simple content: its headers, the caller's `Headers`, a text and/or HTML body. */
function simpleMessage(input: SendEmailInput, from: string, envelope: { messageId: string; date: string }): string {
  const simple = input.Content!.Simple!;
  const subject = typeof simple.Subject?.Data === "string" ? simple.Subject.Data : "";
  const text = typeof simple.Body?.Text?.Data === "string" ? simple.Body.Text.Data : undefined;
  const html = typeof simple.Body?.Html?.Data === "string" ? simple.Body.Html.Data : undefined;
  const extra = Array.isArray(simple.Headers) ? (simple.Headers as { Name?: unknown; Value?: unknown }[]) : [];
  const lines = [`From: ${from}`];
  const to = addresses(input.Destination?.ToAddresses);
  const cc = addresses(input.Destination?.CcAddresses);
  const replyTo = addresses(input.ReplyToAddresses);
  if (to.length > 0) lines.push(`To: ${to.join(", ")}`);
  if (cc.length > 0) lines.push(`Cc: ${cc.join(", ")}`);
  if (replyTo.length > 0) lines.push(`Reply-To: ${replyTo.join(", ")}`);
  lines.push(`Subject: ${encodedWord(subject)}`, `Message-ID: ${envelope.messageId}`, `Date: ${envelope.date}`);
  for (const header of extra) {
    if (typeof header.Name !== "string" || typeof header.Value !== "string" || !HEADER_NAME.test(header.Name) || /[\r\n]/.test(header.Value)) {
      throw new SesRejection("BadRequestException", "Each of Headers needs a Name (printable ASCII, no colon) and a one-line Value.");
    }
    if (SES_OWN_HEADERS.has(header.Name.toLowerCase()))
      throw new SesRejection("BadRequestException", `The header ${header.Name} cannot be set through Headers.`);
    lines.push(`${header.Name}: ${encodedWord(header.Value)}`);
  }
  lines.push("MIME-Version: 1.0");
  if (text !== undefined && html !== undefined) {
    const boundary = `----=_Part_${randomBytes(8).toString("hex")}`;
    return `${lines.join("\r\n")}\r\nContent-Type: multipart/alternative; boundary="${boundary}"\r\n\r\n--${boundary}\r\n${bodyPart("text/plain", text)}--${boundary}\r\n${bodyPart("text/html", html)}--${boundary}--\r\n`;
  }
  return `${lines.join("\r\n")}\r\n${bodyPart(html !== undefined ? "text/html" : "text/plain", html ?? text ?? "")}`;
}

/** Raw content as given, with the Message-ID and Date SES adds when the sender left them out. */
function rawMessage(data: unknown, envelope: { messageId: string; date: string }): string {
  if (typeof data !== "string" || data === "") throw new SesRejection("BadRequestException", "Raw content needs Data: the whole message, base64-encoded.");
  const message = Buffer.from(data, "base64").toString("utf8").replace(/\r?\n/g, "\r\n");
  const headerEnd = message.indexOf("\r\n\r\n");
  const header = headerEnd < 0 ? message : message.slice(0, headerEnd);
  const added = [
    /^message-id:/im.test(header) ? "" : `Message-ID: ${envelope.messageId}\r\n`,
    /^date:/im.test(header) ? "" : `Date: ${envelope.date}\r\n`,
  ].join("");
  return added + message;
}

const headerValue = (message: string, name: string) =>
  new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(message.slice(0, message.indexOf("\r\n\r\n")))?.[1]?.trim();

interface Signer {
  readonly domain: string;
  readonly selector: string;
  readonly key: KeyObject;
  readonly wrongKey: boolean;
}

/**
 * Who SES signs as (RFC 6376 signatures, in order): the domain with its BYODKIM key or its Easy
 * DKIM key once the identity's DKIM is SUCCESS and signing is on; never while PENDING, FAILED or
 * switched off (AWS: mail may then leave without the domain's signature); and always amazonses.com.
 */
export function signersFor(world: SandboxWorld, region: string, identity: SandboxIdentity | undefined): Signer[] {
  const keys = sesSigningKeys(world);
  const signers: Signer[] = [];
  const dkim = identity?.dkim;
  if (identity && dkim?.signingEnabled && dkim.status === "SUCCESS" && dkim.tokens[0]) {
    const own = dkim.origin === "EXTERNAL" ? dkim.externalPrivateKey : keys.easyDkim;
    const wrongKey = world.mail.wrongKey.has(mailIdentityKey(region, identity.name));
    if (own) signers.push({ domain: identity.name, selector: dkim.tokens[0], key: wrongKey ? keys.wrong : own, wrongKey });
  }
  signers.push({ domain: AMAZONSES_DOMAIN, selector: AMAZONSES_SELECTOR, key: keys.amazonses, wrongKey: false });
  return signers;
}

async function sign(message: string, signers: readonly Signer[], signTime: Date): Promise<string> {
  const { signatures } = await dkimSign(message, {
    canonicalization: "relaxed/relaxed",
    algorithm: "rsa-sha256",
    // One time for the signed header and the written one (see test/support/receivedMail.ts).
    signTime,
    // The PEM lives only for this call: SES's keys are never written anywhere.
    signatureData: signers.map((signer) => ({
      signingDomain: signer.domain,
      selector: signer.selector,
      privateKey: signer.key.export({ type: "pkcs8", format: "pem" }).toString(),
    })),
  });
  return signatures + message;
}

/** A `(name, type)` resolver in node:dns's shape on the sandbox's first nameserver, for the receiving side's mailauth. */
function receivingResolver(server: string | undefined) {
  const resolver = new dns.Resolver({ timeout: 1000, tries: 1 });
  if (server) resolver.setServers([server]);
  return (name: string, type: string) => resolver.resolve(name, type as "TXT");
}

const SES_OUTBOUND_IP = "54.240.27.11";

/**
 * The headers the receiving side puts on top, as SES receiving (authserv-id amazonses.com) or a
 * mailbox provider does: Return-Path, Received, and mailauth's Received-SPF and Authentication-Results
 * computed against the sandbox's DNS.
 */
async function receivedCopy(world: SandboxWorld, message: string, receiver: string, recipient: string, sender: string, at: Date): Promise<Buffer> {
  const helo = "e27-11.smtp-out.ap-northeast-1.amazonses.com";
  // A receiver that cannot check still stores the message, saying so, as RFC 8601's temperror does.
  const authHeaders = await authenticate(message, {
    ip: SES_OUTBOUND_IP,
    helo,
    sender,
    mta: receiver,
    resolver: receivingResolver(world.mail.receivingDns),
    disableArc: true,
    disableBimi: true,
  }).then(
    (auth) => auth.headers,
    () => `Authentication-Results: ${receiver}; dkim=temperror (the receiving side could not check)\r\n`,
  );
  const received = `Received: from ${helo} (${helo} [${SES_OUTBOUND_IP}])\r\n by ${receiver} with SMTP id ${randomBytes(10).toString("hex")}\r\n for ${recipient};\r\n ${rfc5322Date(at)}\r\n`;
  return Buffer.from(`Return-Path: <${sender}>\r\n${received}${authHeaders}${message}`);
}

/** Stores the message where the recipient's mailbox is, as the sandbox knows them; the rest go nowhere. */
async function deliver(world: SandboxWorld, message: string, recipient: string, sender: string, at: Date): Promise<string | undefined> {
  const [user = "", domain = ""] = bareAddress(recipient).split("@");
  if (domain === SANDBOX_MAIL.inboundDomain) {
    const objects = world.buckets.get(SANDBOX_MAIL.inboundBucket);
    if (!objects) return undefined;
    // SES receiving names each object by its own message id under the rule's prefix.
    const key = `${SANDBOX_MAIL.inboundPrefix}${randomBytes(16).toString("hex")}`;
    objects.set(key, await receivedCopy(world, message, AMAZONSES_DOMAIN, recipient, sender, at));
    world.objectMeta.set(`${SANDBOX_MAIL.inboundBucket}/${key}`, { serverSideEncryption: "AES256", tags: {}, lastModified: at });
    return `s3://${SANDBOX_MAIL.inboundBucket}/${key}`;
  }
  const mailbox = domain === SANDBOX_MAIL.imapDomain ? world.mail.imapMailboxes.get(user) : undefined;
  if (!mailbox) return undefined;
  await mailbox(await receivedCopy(world, message, SANDBOX_MAIL.imapDomain, recipient, sender, at), at);
  return `imap://${user}/INBOX`;
}

/** SendEmail: the message built, signed as SES signs it now, delivered to the sandbox's mailboxes, and noted. */
export async function sendEmail(
  world: SandboxWorld,
  identities: ReadonlyMap<string, SandboxIdentity>,
  region: string,
  input: SendEmailInput,
  now: Date,
): Promise<{ MessageId: string }> {
  const content = input.Content;
  if (!content?.Simple && !content?.Raw) throw new SesRejection("BadRequestException", "Content needs Simple or Raw (the sandbox sends no Template).");
  const id = `${randomUUID()}-000000`;
  const envelope = { messageId: `<${id}@${region}.amazonses.com>`, date: rfc5322Date(now) };
  const rawText = content.Raw ? rawMessage(content.Raw.Data, envelope) : undefined;
  const from = typeof input.FromEmailAddress === "string" ? input.FromEmailAddress : rawText ? (headerValue(rawText, "From") ?? "") : "";
  const identity = identities.get(domainOf(from));
  if (!identity?.verifiedForSending) throw new SesRejection("BadRequestException", `Email address is not verified: ${from}`);
  const message = rawText ?? simpleMessage(input, from, envelope);
  const signers = signersFor(world, region, identity);
  const signed = await sign(message, signers, now);
  const recipients = [input.Destination?.ToAddresses, input.Destination?.CcAddresses, input.Destination?.BccAddresses].flatMap(addresses);
  if (recipients.length === 0 && !rawText) throw new SesRejection("BadRequestException", "Destination needs at least one address.");
  // SES's MAIL FROM unless a custom one is set up: a bounce address of its own.
  const sender = `${id}@${AMAZONSES_DOMAIN}`;
  const deliveredTo: string[] = [];
  for (const recipient of recipients) {
    const where = await deliver(world, signed, recipient, sender, now);
    if (where) deliveredTo.push(where);
  }
  const sent: SentMail = {
    time: now.toISOString(),
    region,
    messageId: id,
    from: bareAddress(from),
    to: recipients.map(bareAddress),
    signatures: signers.map(({ domain, selector, wrongKey }) => ({ domain, selector, wrongKey })),
    deliveredTo,
  };
  world.mail.sent.push(sent);
  return { MessageId: id };
}

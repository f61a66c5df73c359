import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dkimSign } from "mailauth/lib/dkim/sign.js";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import type { rehearsal } from "./rehearsal.js";
import type { SentEmail } from "./fakeWorld.js";

/**
 * `message` with a DKIM signature (relaxed/relaxed, rsa-sha256) as a receiver gets it. The signing
 * time is given: left to mailauth, it reads the clock once for the header it signs and again for
 * the header it writes, and a second boundary between the two (a busy machine) leaves a t= that
 * no longer matches the signature.
 */
export async function dkimSigned(message: string, signingDomain: string, selector: string, privateKey: string): Promise<string> {
  const { signatures } = await dkimSign(message, {
    canonicalization: "relaxed/relaxed",
    algorithm: "rsa-sha256",
    signTime: new Date(),
    signatureData: [{ signingDomain, selector, privateKey }],
  });
  return signatures + message;
}

/** A message as the receiver gets it: signed with the sandbox's key for `selector` (the enabled one by default). */
export async function signedBySandboxKey(
  r: Awaited<ReturnType<typeof rehearsal>>,
  selector: string = SANDBOX_DEFAULTS.selector,
  messageId = "sent",
): Promise<string> {
  const { bucket, keyTemplate, domain } = SANDBOX_DEFAULTS;
  const pem = r.box.world.buckets
    .get(bucket)!
    .get(privateKeyObjectKey(keyTemplate, domain, selector))!
    .toString();
  const message = `From: byodkim-verify@${domain}\r\nTo: ops@example.org\r\nSubject: byodkim verify\r\nDate: Wed, 17 Sep 2025 10:00:00 +0900\r\nMessage-ID: <${messageId}@${domain}>\r\n\r\nSent by byodkim verify.\r\n`;
  return dkimSigned(message, domain, selector, pem);
}

/**
 * The test message as the operator saves it on arrival: signed with the sandbox's key for the
 * selector SES signs with, written to a file whose path the walk's test-mail step is given.
 */
export async function receivedTestMail(r: Awaited<ReturnType<typeof rehearsal>>, selector: string = SANDBOX_DEFAULTS.selector): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "byodkim-received-")), "received.eml");
  writeFileSync(file, await signedBySandboxKey(r, selector, "walk"));
  return file;
}

/** A message the fake SES sent, as the mailbox receives it (before any signature), with the receiver's Authentication-Results when given. */
export const asReceived = (email: SentEmail, authenticationResults?: string) =>
  [
    ...(authenticationResults ? [`Authentication-Results: ${authenticationResults}`] : []),
    `From: ${email.from}`,
    `To: ${email.to}`,
    `Subject: ${email.subject}`,
    "Date: Wed, 25 Nov 2026 19:00:00 +0900",
    ...Object.entries(email.headers).map(([name, value]) => `${name}: ${value}`),
    "",
    email.body,
    "",
  ].join("\r\n");

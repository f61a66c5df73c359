import { createPrivateKey } from "node:crypto";
import type { Sandbox } from "../../src/sandbox/start.js";

/** The PEM private keys in the sandbox's S3 right now: the seeded one, a rotation scenario's newer one, any keygen wrote. */
export function sandboxPrivateKeyPems(sandbox: Sandbox): string[] {
  return [...sandbox.world.buckets.values()].flatMap((objects) =>
    // Other objects (the lock `dkim/locks/….json`, a test's placeholder) hold nothing secret.
    [...objects.values()].map((body) => body.toString("utf8")).filter((text) => /-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----/.test(text)),
  );
}

/** Distinctive runs of one PEM private key: the second half of the PEM and of the DER hold the private exponent and primes, never public. */
export function keyCanaries(pem: string): string[] {
  const body = pem.split("\n").filter((line) => line.length > 0 && !line.startsWith("-----"));
  let der: string;
  try {
    der = createPrivateKey(pem).export({ type: "pkcs1", format: "der" }).toString("base64");
  } catch {
    // Not a key Node can read (a test's broken PEM): its text lines are still secret-shaped.
    return body.slice(Math.ceil(body.length / 2), -1);
  }
  return [...body.slice(Math.ceil(body.length / 2), -1), der.slice(800, 860), der.slice(-120, -60)];
}

/**
 * Distinctive runs of every private key in the sandbox's S3, read at call time so a key written
 * during the run is covered too: none may ever appear in any output or log.
 */
export function sandboxKeyCanaries(sandbox: Sandbox): string[] {
  return sandboxPrivateKeyPems(sandbox)
    .flatMap(keyCanaries)
    .filter((canary) => canary.length >= 40);
}

export const leakedCanaries = (text: string, canaries: readonly string[]) => canaries.filter((canary) => text.includes(canary));

import { createPrivateKey } from "node:crypto";
import type { Sandbox } from "../../src/sandbox/start.js";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";

/** Distinctive runs of the sandbox's own private key: none may ever appear in any output or log. */
export function sandboxKeyCanaries(sandbox: Sandbox): string[] {
  const { bucket, keyTemplate, domain, selector } = SANDBOX_DEFAULTS;
  const pem = sandbox.world.buckets
    .get(bucket)!
    .get(privateKeyObjectKey(keyTemplate, domain, selector))!
    .toString();
  const body = pem.split("\n").filter((line) => line.length > 0 && !line.startsWith("-----"));
  const der = createPrivateKey(pem).export({ type: "pkcs1", format: "der" }).toString("base64");
  // The second half of the PEM and of the DER hold the private exponent and primes, never public.
  return [...body.slice(Math.ceil(body.length / 2), -1), der.slice(800, 860), der.slice(-120, -60)];
}

export const leakedCanaries = (text: string, canaries: readonly string[]) => canaries.filter((canary) => text.includes(canary));

import { generateKeyPairSync } from "node:crypto";

export interface TestKey {
  readonly pem: string;
  /** The DKIM p= value: base64 SubjectPublicKeyInfo DER. */
  readonly publicKeyBase64: string;
  /** Distinctive runs of the private key (PEM body lines and DER base64) that must never be printed. */
  readonly canaries: readonly string[];
}

export function generateTestKey(bits: 1024 | 2048 = 2048, format: "pkcs1" | "pkcs8" = "pkcs8"): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  const pem = privateKey.export({ type: format, format: "pem" }).toString();
  const pkcs1DerBase64 = privateKey.export({ type: "pkcs1", format: "der" }).toString("base64");
  const body = pem.split("\n").filter((line) => line.length > 0 && !line.startsWith("-----"));
  return {
    pem,
    publicKeyBase64: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    // Only the private part: the modulus near the start is public (it is in the DKIM p= value too).
    // Past byte ~400 of the DER sit the private exponent and the primes, in both encodings.
    canaries: [...body.slice(Math.ceil(body.length / 2), -1), pkcs1DerBase64.slice(bits === 2048 ? 800 : 500).slice(0, 60), pkcs1DerBase64.slice(-120, -60)],
  };
}

/** Splits a DKIM record into 255-byte character-strings, as DNS servers publish 2048-bit keys. */
export { dkimTxtStrings as dkimRecordStrings } from "../../src/sandbox/scenarios.js";

export function expectNoCanary(text: string, key: TestKey): string[] {
  return key.canaries.filter((canary) => text.includes(canary));
}

import { createHash } from "node:crypto";
import type Forge from "node-forge";
import { forge } from "./forge.js";
import { byodkimError } from "../errors.js";
import { decodeBase64Strict, oidOf, primitiveOf, readDer, RSA_ENCRYPTION_OID, rsaPublicKeyOf, sequenceOf, spkiDerOf, type RsaPublicNumbers } from "./der.js";

/**
 * The DKIM p= value (RFC 6376 §3.6.1) as SubjectPublicKeyInfo DER, whichever form was published.
 * The RFC asks for SPKI, but bare PKCS#1 RSAPublicKey is common in the wild and verifiers accept it;
 * re-encoding both to SPKI lets the comparison with our key be byte for byte.
 */
export function normaliseDkimPublicKey(pBase64: string): { spkiDer: Buffer; bits: number } {
  const der = decodeBase64Strict(pBase64);
  const asn1 = der && readDer(der);
  const numbers = asn1 && (rsaFromSpki(asn1) ?? rsaPublicKeyOf(asn1));
  if (!numbers) throw byodkimError("input", "dkimRecord.badPublicKey");
  return { spkiDer: spkiDerOf(numbers), bits: numbers.n.bitLength() };
}

/** SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING } (RFC 5280 §4.1). */
function rsaFromSpki(asn1: Forge.asn1.Asn1): RsaPublicNumbers | undefined {
  const items = sequenceOf(asn1);
  if (items?.length !== 2) return undefined;
  if (oidOf(sequenceOf(items[0])?.[0]) !== RSA_ENCRYPTION_OID) return undefined;
  const bits = primitiveOf(items[1], forge.asn1.Type.BITSTRING);
  // The first content octet counts unused bits; a DER-encoded key fills whole octets.
  if (bits === undefined || bits.charCodeAt(0) !== 0) return undefined;
  const inner = readDer(Buffer.from(bits.slice(1), "binary"));
  return inner && rsaPublicKeyOf(inner);
}

/** Same format as `ssh-keygen -l`: "SHA256:" and unpadded base64. */
export function fingerprintSpki(spkiDer: Buffer): string {
  return `SHA256:${createHash("sha256").update(spkiDer).digest("base64").replace(/=+$/, "")}`;
}

export function samePublicKey(a: Buffer, b: Buffer): boolean {
  return a.equals(b);
}

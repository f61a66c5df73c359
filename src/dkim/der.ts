import type Forge from "node-forge";
import { forge } from "./forge.js";

type Asn1 = Forge.asn1.Asn1;
type BigInteger = Forge.jsbn.BigInteger;

/** rsaEncryption, RFC 8017 Appendix C: the only key algorithm SES BYODKIM signs with. */
export const RSA_ENCRYPTION_OID = "1.2.840.113549.1.1.1";

// @types/node-forge only knows the old boolean `strict` argument; forge 1.x takes an options object.
const fromDer = forge.asn1.fromDer as unknown as (
  bytes: Forge.util.ByteStringBuffer,
  options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
) => Asn1;

/**
 * Strict RFC 4648 §4 base64 (padding required), whitespace ignored. Buffer.from(…, "base64") would
 * silently skip bad characters and turn a damaged key into different bytes.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const compact = text.replace(/[ \t\r\n]+/g, "");
  if (compact.length === 0 || !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) return undefined;
  return Buffer.from(compact, "base64");
}

/**
 * DER, or undefined when it does not parse. forge's error messages can quote the bytes they choke
 * on, and those bytes may be key material, so the error itself is dropped here.
 */
export function readDer(der: Buffer): Asn1 | undefined {
  try {
    return fromDer(forge.util.createBuffer(der.toString("binary")), { strict: true, parseAllBytes: true, decodeBitStrings: false });
  } catch {
    return undefined;
  }
}

/** The elements of a universal SEQUENCE, or undefined for anything else. */
export function sequenceOf(node: Asn1 | undefined): Asn1[] | undefined {
  if (node === undefined || node.tagClass !== forge.asn1.Class.UNIVERSAL || node.type !== forge.asn1.Type.SEQUENCE) return undefined;
  return Array.isArray(node.value) ? node.value : undefined;
}

/** The content octets of a primitive universal element of `type`. */
export function primitiveOf(node: Asn1 | undefined, type: Forge.asn1.Type): string | undefined {
  if (node === undefined || node.tagClass !== forge.asn1.Class.UNIVERSAL || node.type !== type) return undefined;
  return typeof node.value === "string" ? node.value : undefined;
}

export function oidOf(node: Asn1 | undefined): string | undefined {
  const bytes = primitiveOf(node, forge.asn1.Type.OID);
  if (bytes === undefined || bytes.length === 0) return undefined;
  try {
    return forge.asn1.derToOid(bytes);
  } catch {
    return undefined;
  }
}

/** A non-negative INTEGER (every RSA component is one, RFC 8017 Appendix A.1). */
export function unsignedIntegerOf(node: Asn1 | undefined): BigInteger | undefined {
  const bytes = primitiveOf(node, forge.asn1.Type.INTEGER);
  if (bytes === undefined || bytes.length === 0 || bytes.charCodeAt(0) >= 0x80) return undefined;
  return new forge.jsbn.BigInteger(forge.util.bytesToHex(bytes), 16);
}

export interface RsaPublicNumbers {
  readonly n: BigInteger;
  readonly e: BigInteger;
}

/** RSAPublicKey ::= SEQUENCE { modulus, publicExponent } (RFC 8017 A.1.1). */
export function rsaPublicKeyOf(node: Asn1 | undefined): RsaPublicNumbers | undefined {
  const items = sequenceOf(node);
  if (items?.length !== 2) return undefined;
  const n = unsignedIntegerOf(items[0]);
  const e = unsignedIntegerOf(items[1]);
  return n && e && n.signum() > 0 && e.signum() > 0 ? { n, e } : undefined;
}

/** SubjectPublicKeyInfo DER (RFC 5280 §4.1.2.7) of an RSA key: the form DKIM's p= carries. */
export function spkiDerOf({ n, e }: RsaPublicNumbers): Buffer {
  const asn1 = forge.pki.publicKeyToAsn1(forge.pki.setRsaPublicKey(n, e));
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}

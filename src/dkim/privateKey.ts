import type Forge from "node-forge";
import { forge } from "./forge.js";
import { ByodkimError, byodkimError } from "../errors.js";
import { decodeBase64Strict, oidOf, primitiveOf, readDer, RSA_ENCRYPTION_OID, sequenceOf, spkiDerOf, unsignedIntegerOf } from "./der.js";
import { scanPemBlocks, type PemBlock } from "./pem.js";
import { fingerprintSpki } from "./publicKey.js";
import { PrivateKeyMaterial, type PrivateKeyPem } from "./privateKeyMaterial.js";

export interface ParsedPrivateKey {
  readonly bits: 1024 | 2048;
  readonly format: "pkcs1" | "pkcs8";
  /** Base64 PKCS#1 RSAPrivateKey DER: what SES's DomainSigningPrivateKey takes. */
  readonly material: PrivateKeyMaterial;
  /** SubjectPublicKeyInfo DER of the derived public key: the DKIM p= value, decoded. */
  readonly publicKeySpkiDer: Buffer;
  /** "SHA256:" + unpadded base64 of sha256(SPKI DER), the way ssh-keygen prints fingerprints. */
  readonly publicKeyFingerprint: string;
}

// Every failure names what is wrong and never carries key bytes or forge's text (which may quote them).
const malformed = (): ByodkimError => byodkimError("input", "key.malformed", undefined, "key.malformed.hint");
const notRsa = (algorithm: string): ByodkimError => byodkimError("input", "key.notRsa", { algorithm }, "key.notRsa.hint");
const encrypted = (): ByodkimError => byodkimError("input", "key.encrypted", undefined, "key.encrypted.hint");

/** Names for the key algorithms operators meet; anything else is shown as its OID. */
const ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  "1.2.840.10045.2.1": "EC",
  "1.2.840.10040.4.1": "DSA",
  "1.2.840.113549.1.1.10": "RSA-PSS",
  "1.2.840.113549.1.3.1": "DH",
  "1.3.101.110": "X25519",
  "1.3.101.111": "X448",
  "1.3.101.112": "Ed25519",
  "1.3.101.113": "Ed448",
};
const CURVE_NAMES: Readonly<Record<string, string>> = {
  "1.2.840.10045.3.1.7": "P-256",
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
  "1.3.132.0.10": "secp256k1",
};
const OPENSSH_KEY_TYPES: Readonly<Record<string, string>> = {
  "ssh-ed25519": "Ed25519",
  "ssh-dss": "DSA",
  "ecdsa-sha2-nistp256": "EC (P-256)",
  "ecdsa-sha2-nistp384": "EC (P-384)",
  "ecdsa-sha2-nistp521": "EC (P-521)",
};

export function parsePrivateKey(pem: PrivateKeyPem): ParsedPrivateKey {
  try {
    return parseUnchecked(pem);
  } catch (err) {
    // Anything forge throws past the checks below could quote key bytes; it must not travel.
    if (err instanceof ByodkimError) throw err;
    throw malformed();
  }
}

function parseUnchecked(pem: PrivateKeyPem): ParsedPrivateKey {
  const { blocks, unterminated } = scanPemBlocks(pem.revealPem().trim());
  if (unterminated || blocks.length === 0) throw malformed();
  // `openssl ecparam -genkey` and key+certificate bundles put other blocks beside the key.
  const keyBlocks = blocks.filter((block) => block.label.endsWith("PRIVATE KEY"));
  if (keyBlocks.length === 0) {
    throw byodkimError("input", "key.notPrivate", { label: blocks[0]!.label }, "key.notPrivate.hint");
  }
  if (keyBlocks.length > 1) throw byodkimError("input", "key.severalKeys", { count: keyBlocks.length }, "key.severalKeys.hint");
  const block = keyBlocks[0]!;

  switch (block.label) {
    case "ENCRYPTED PRIVATE KEY":
      throw encrypted();
    case "EC PRIVATE KEY":
      throw notRsa("EC");
    case "DSA PRIVATE KEY":
      throw notRsa("DSA");
    case "OPENSSH PRIVATE KEY":
      throw opensshRefusal(block);
    case "RSA PRIVATE KEY":
    case "PRIVATE KEY":
      break;
    default:
      throw malformed();
  }
  // RFC 1421 §4.6.1.1: "Proc-Type: 4,ENCRYPTED" (with DEK-Info) marks OpenSSL's traditional encryption.
  if (block.headers.get("Proc-Type")?.includes("ENCRYPTED") || block.headers.has("DEK-Info")) throw encrypted();

  const der = decodeBase64Strict(block.body);
  const asn1 = der && readDer(der);
  if (asn1 === undefined) throw malformed();
  const format = block.label === "RSA PRIVATE KEY" ? "pkcs1" : "pkcs8";
  const key = rsaPrivateKeyOf(format === "pkcs1" ? asn1 : unwrapPkcs8(asn1));

  const bits = key.n.bitLength();
  if (bits !== 1024 && bits !== 2048) throw byodkimError("input", "key.unsupportedSize", { bits }, "key.unsupportedSize.hint");
  const pkcs1Der = forge.asn1.toDer(forge.pki.privateKeyToAsn1(key)).getBytes();
  const publicKeySpkiDer = spkiDerOf(key);
  return {
    bits,
    format,
    material: new PrivateKeyMaterial(Buffer.from(pkcs1Der, "binary").toString("base64")),
    publicKeySpkiDer,
    publicKeyFingerprint: fingerprintSpki(publicKeySpkiDer),
  };
}

/** PrivateKeyInfo / OneAsymmetricKey (RFC 5208 §5, RFC 5958 §2) → the inner RSAPrivateKey. */
function unwrapPkcs8(asn1: Forge.asn1.Asn1): Forge.asn1.Asn1 {
  const [version, algorithm, privateKey] = sequenceOf(asn1) ?? [];
  const [oidNode, parameters] = sequenceOf(algorithm) ?? [];
  const oid = oidOf(oidNode);
  if (unsignedIntegerOf(version) === undefined || oid === undefined) throw malformed();
  if (oid !== RSA_ENCRYPTION_OID) {
    const name = ALGORITHM_NAMES[oid] ?? oid;
    const curve = name === "EC" ? CURVE_NAMES[oidOf(parameters) ?? ""] : undefined;
    throw notRsa(curve ? `EC (${curve})` : name);
  }
  const inner = primitiveOf(privateKey, forge.asn1.Type.OCTETSTRING);
  const rsa = inner === undefined ? undefined : readDer(Buffer.from(inner, "binary"));
  if (rsa === undefined) throw malformed();
  return rsa;
}

/** RSAPrivateKey, RFC 8017 Appendix A.1.2: version 0 (two primes) and eight integers. */
function rsaPrivateKeyOf(asn1: Forge.asn1.Asn1): Forge.pki.rsa.PrivateKey {
  const items = sequenceOf(asn1);
  if (items?.length !== 9) throw malformed();
  const [version, n, e, d, p, q, dP, dQ, qInv] = items.map(unsignedIntegerOf);
  if (!version || !n || !e || !d || !p || !q || !dP || !dQ || !qInv || !version.equals(forge.jsbn.BigInteger.ZERO)) throw malformed();
  const key = forge.pki.setRsaPrivateKey(n, e, d, p, q, dP, dQ, qInv);
  if (!isConsistent(key)) throw byodkimError("input", "key.inconsistent", undefined, "key.inconsistent.hint");
  return key;
}

/**
 * RFC 8017 §3.2: a file can parse and still be damaged (a flipped bit in d or a prime). SES would
 * accept it and sign mail no verifier can check, so the relations are checked before anything else.
 */
function isConsistent(key: Forge.pki.rsa.PrivateKey): boolean {
  // Native BigInt, not forge's jsbn: jsbn's modular arithmetic gives wrong answers for some
  // 2048-bit values under Node 22 (seen about once in 300 keys), which would refuse valid keys.
  const [n, e, d, p, q, dP, dQ, qInv] = [key.n, key.e, key.d, key.p, key.q, key.dP, key.dQ, key.qInv].map((value) => BigInt(`0x${value.toString(16)}`)) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  if (p <= 1n || q <= 1n || p * q !== n) return false;
  const p1 = p - 1n;
  const q1 = q - 1n;
  return (e * d) % p1 === 1n && (e * d) % q1 === 1n && d % p1 === dP && d % q1 === dQ && (q * qInv) % p === 1n;
}

/**
 * ssh-keygen writes RSA keys in its own format (PROTOCOL.key) by default since OpenSSH 7.8. The
 * key type sits unencrypted in the first public key, so an RSA key gets a conversion hint instead
 * of a misleading "not RSA".
 */
function opensshRefusal(block: PemBlock): ByodkimError {
  const data = decodeBase64Strict(block.body);
  const magic = Buffer.from("openssh-key-v1\0", "binary");
  if (data === undefined || !data.subarray(0, magic.length).equals(magic)) return malformed();
  let offset = magic.length;
  const readString = (from: Buffer): Buffer | undefined => {
    if (offset + 4 > from.length) return undefined;
    const length = from.readUInt32BE(offset);
    if (offset + 4 + length > from.length) return undefined;
    const value = from.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    return value;
  };
  // ciphername, kdfname, kdfoptions, then the key count.
  for (let field = 0; field < 3; field++) if (readString(data) === undefined) return malformed();
  if (offset + 4 > data.length) return malformed();
  offset += 4;
  const publicKey = readString(data);
  if (publicKey === undefined) return malformed();
  offset = 0;
  const keyType = readString(publicKey)?.toString("latin1");
  if (keyType === undefined || !/^[A-Za-z0-9@.-]{1,64}$/.test(keyType)) return malformed();
  if (keyType === "ssh-rsa") return byodkimError("input", "key.opensshFormat", undefined, "key.opensshFormat.hint");
  return notRsa(OPENSSH_KEY_TYPES[keyType] ?? keyType);
}

import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import { type ParsedPrivateKey, parsePrivateKey } from "./privateKey.js";
import { PrivateKeyPem } from "./privateKeyMaterial.js";

const generate = promisify(generateKeyPair);

/**
 * A new DKIM key pair from Node's own crypto (OpenSSL: native and fast, and none of node-forge's
 * BigInteger arithmetic). The PEM is wrapped the moment it exists, then read back through the same
 * parser that judges keys fetched from S3, so a new key meets every check an old one does.
 */
export async function generateDkimKey(bits: 1024 | 2048): Promise<{ pem: PrivateKeyPem; parsed: ParsedPrivateKey }> {
  const { privateKey } = await generate("rsa", { modulusLength: bits, publicExponent: 0x10001 });
  const pem = new PrivateKeyPem(privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  return { pem, parsed: parsePrivateKey(pem) };
}

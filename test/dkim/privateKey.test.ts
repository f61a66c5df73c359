import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import forge from "node-forge";
import { describe, expect, it } from "vitest";
import { parsePrivateKey } from "../../src/dkim/privateKey.js";
import { PrivateKeyPem } from "../../src/dkim/privateKeyMaterial.js";
import { ByodkimError } from "../../src/errors.js";

const rsa = { 1024: generateKeyPairSync("rsa", { modulusLength: 1024 }), 2048: generateKeyPairSync("rsa", { modulusLength: 2048 }) };
const key2048 = rsa[2048].privateKey;

const pemOf = (key: KeyObject, type: "pkcs1" | "pkcs8" | "sec1"): string => key.export({ type, format: "pem" }).toString();
const spkiOf = (key: KeyObject): Buffer => createPublicKey(key).export({ type: "spki", format: "der" });
const armour = (label: string, body: Buffer | string): string => {
  const base64 = typeof body === "string" ? body : body.toString("base64");
  return `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)?.join("\n") ?? ""}\n-----END ${label}-----\n`;
};
/** The base64 inside the armour: what must never reach an error or a log. */
const bodyOf = (pem: string): string =>
  pem
    .replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, "")
    .replace(/^[A-Za-z-]+:.*$/gm, "")
    .replace(/\s+/g, "");

/** Any 40-character run of `secret` inside `text`. */
function leaksRun(text: string, secret: string): boolean {
  for (let i = 0; i + 40 <= text.length; i++) if (secret.includes(text.slice(i, i + 40))) return true;
  return false;
}

function refusalOf(pem: string): ByodkimError {
  try {
    parsePrivateKey(new PrivateKeyPem(pem));
  } catch (err) {
    if (err instanceof ByodkimError) return err;
    throw err;
  }
  throw new Error("the key was accepted");
}

/** An openssh-key-v1 container (OpenSSH PROTOCOL.key) holding one key of `keyType`. */
function opensshPem(keyType: string): string {
  const sshString = (value: Buffer | string): Buffer => {
    const bytes = Buffer.from(value);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  const publicKey = Buffer.concat([sshString(keyType), sshString(randomBytes(32))]);
  const header = [Buffer.from("openssh-key-v1\0", "binary"), sshString("none"), sshString("none"), sshString("")];
  const blob = Buffer.concat([...header, count, sshString(publicKey), sshString(randomBytes(96))]);
  return armour("OPENSSH PRIVATE KEY", blob);
}

function damagedKeyPem(): string {
  const key = forge.pki.privateKeyFromPem(pemOf(key2048, "pkcs1"));
  const d = key.d.add(forge.jsbn.BigInteger.ONE.shiftLeft(100));
  return forge.pki.privateKeyToPem(forge.pki.setRsaPrivateKey(key.n, key.e, d, key.p, key.q, key.dP, key.dQ, key.qInv));
}

const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
const rsa4096 = generateKeyPairSync("rsa", { modulusLength: 4096 }).privateKey;
const rsa512 = generateKeyPairSync("rsa", { modulusLength: 512 }).privateKey;
const rsaPss = generateKeyPairSync("rsa-pss", { modulusLength: 2048 }).privateKey;
const dsa = generateKeyPairSync("dsa", { modulusLength: 2048, divisorLength: 256 }).privateKey;
const ed25519 = generateKeyPairSync("ed25519").privateKey;
const publicPem = (type: "spki" | "pkcs1"): string => createPublicKey(key2048).export({ type, format: "pem" }).toString();
const ecParameters = armour("EC PARAMETERS", Buffer.from("06082a8648ce3d030107", "hex"));
const pkcs1Pem = pemOf(key2048, "pkcs1");
const certificateLooking = armour("CERTIFICATE", randomBytes(600));

describe("parsePrivateKey", () => {
  describe.each([1024, 2048] as const)("a %i-bit RSA key", (bits) => {
    it.each(["pkcs1", "pkcs8"] as const)("accepts %s and hands SES PKCS#1 DER of the same key", (format) => {
      const { privateKey, publicKey } = rsa[bits];
      const parsed = parsePrivateKey(new PrivateKeyPem(pemOf(privateKey, format)));

      expect(parsed.bits).toBe(bits);
      expect(parsed.format).toBe(format);
      const reparsed = createPrivateKey({ key: Buffer.from(parsed.material.revealDerBase64(), "base64"), format: "der", type: "pkcs1" });
      expect(reparsed.export({ type: "pkcs1", format: "der" }).equals(privateKey.export({ type: "pkcs1", format: "der" }))).toBe(true);
      expect(spkiOf(reparsed).equals(spkiOf(privateKey))).toBe(true);
      const spki = publicKey.export({ type: "spki", format: "der" });
      expect(parsed.publicKeySpkiDer.equals(spki)).toBe(true);
      expect(parsed.publicKeyFingerprint).toBe(`SHA256:${createHash("sha256").update(spki).digest("base64").replace(/=+$/, "")}`);
    });
  });

  it.each([
    ["CRLF line endings and surrounding whitespace", `\r\n  ${pemOf(key2048, "pkcs8").replace(/\n/g, "\r\n")}\r\n\t`],
    ["a certificate bundled before the key", `${certificateLooking}${pkcs1Pem}`],
  ])("tolerates %s", (_name, pem) => {
    expect(parsePrivateKey(new PrivateKeyPem(pem)).publicKeySpkiDer.equals(spkiOf(key2048))).toBe(true);
  });

  const encryptedPkcs8 = key2048.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "correct horse" }).toString();
  const encryptedPkcs1 = key2048.export({ type: "pkcs1", format: "pem", cipher: "aes-256-cbc", passphrase: "correct horse" }).toString();
  const table: readonly (readonly [string, string, string, Record<string, unknown>?])[] = [
    ["a 4096-bit key", pemOf(rsa4096, "pkcs8"), "key.unsupportedSize", { bits: 4096 }],
    ["a 512-bit key", pemOf(rsa512, "pkcs1"), "key.unsupportedSize", { bits: 512 }],
    ["an EC key in SEC1 form", pemOf(ec, "sec1"), "key.notRsa", { algorithm: "EC" }],
    ["openssl ecparam -genkey output", `${ecParameters}${pemOf(ec, "sec1")}`, "key.notRsa", { algorithm: "EC" }],
    ["an EC key in PKCS#8 form", pemOf(ec, "pkcs8"), "key.notRsa", { algorithm: "EC (P-256)" }],
    ["an Ed25519 key", pemOf(ed25519, "pkcs8"), "key.notRsa", { algorithm: "Ed25519" }],
    ["an RSA-PSS-only key", pemOf(rsaPss, "pkcs8"), "key.notRsa", { algorithm: "RSA-PSS" }],
    ["a DSA key", pemOf(dsa, "pkcs8"), "key.notRsa", { algorithm: "DSA" }],
    ["an OpenSSH Ed25519 key", opensshPem("ssh-ed25519"), "key.notRsa", { algorithm: "Ed25519" }],
    ["an OpenSSH-format RSA key", opensshPem("ssh-rsa"), "key.opensshFormat"],
    ["an encrypted PKCS#8 key", encryptedPkcs8, "key.encrypted"],
    ["an encrypted PKCS#1 key (Proc-Type: 4,ENCRYPTED)", encryptedPkcs1, "key.encrypted"],
    ["a truncated PEM", pkcs1Pem.slice(0, pkcs1Pem.length / 2), "key.malformed"],
    [
      "a PEM with lines cut from the middle",
      pkcs1Pem
        .split("\n")
        .filter((_, i) => i < 5 || i > 12)
        .join("\n"),
      "key.malformed",
    ],
    ["garbage", "this is not a key at all", "key.malformed"],
    ["an empty object", "", "key.malformed"],
    ["bad base64 inside the armour", armour("RSA PRIVATE KEY", "MIIE!!notbase64**"), "key.malformed"],
    ["base64 that is not ASN.1", armour("PRIVATE KEY", randomBytes(600)), "key.malformed"],
    ["a PKCS#8 body under a PKCS#1 label", armour("RSA PRIVATE KEY", key2048.export({ type: "pkcs8", format: "der" })), "key.malformed"],
    ["an unknown private key label", armour("FOO PRIVATE KEY", randomBytes(64)), "key.malformed"],
    ["a public key", publicPem("spki"), "key.notPrivate", { label: "PUBLIC KEY" }],
    ["a PKCS#1 public key", publicPem("pkcs1"), "key.notPrivate", { label: "RSA PUBLIC KEY" }],
    ["a certificate", certificateLooking, "key.notPrivate", { label: "CERTIFICATE" }],
    ["two private keys in one object", `${pkcs1Pem}${pemOf(rsa[1024].privateKey, "pkcs8")}`, "key.severalKeys", { count: 2 }],
    ["a key whose numbers disagree", damagedKeyPem(), "key.inconsistent"],
  ];
  const refusals = table.map(([name, pem, key, params]) => ({ name, pem, key, params }));

  it.each(refusals)("refuses $name with a reason", ({ pem, key, params }) => {
    const err = refusalOf(pem);
    expect(err.kind).toBe("input");
    expect(err.what.key).toBe(key);
    expect(err.what.params).toEqual(params);
    expect(err.hint?.key).toBe(`${key}.hint`);
  });

  it("refuses an encrypted PKCS#8 key with a reason", () => {
    const err = refusalOf(encryptedPkcs8);
    expect(err.what.key).toBe("key.encrypted");
    expect(err.hint?.key).toBe("key.encrypted.hint");
    expect(err.exitCode).toBe(2);
  });

  it.each(refusals)("keeps the key out of the error for $name", ({ pem }) => {
    const err = refusalOf(pem);
    const body = bodyOf(pem);
    for (const text of [err.message, String(err), inspect(err, { depth: null }), JSON.stringify(err)]) {
      expect(leaksRun(text, body)).toBe(false);
    }
  });

  it("never prints the key it parsed", () => {
    const pem = pemOf(key2048, "pkcs8");
    const parsed = parsePrivateKey(new PrivateKeyPem(pem));
    const der = parsed.material.revealDerBase64();
    expect(leaksRun(`x${der}x`, der) && leaksRun(pem, bodyOf(pem))).toBe(true);
    const printed = [
      String(parsed.material),
      `${parsed.material}`,
      JSON.stringify({ material: parsed.material }),
      inspect(parsed.material),
      inspect(parsed, { depth: null }),
      JSON.stringify(parsed),
    ];
    for (const text of printed) {
      expect(leaksRun(text, der)).toBe(false);
      expect(leaksRun(text, bodyOf(pem))).toBe(false);
    }
  });
});

describe("key consistency arithmetic", () => {
  it("accepts a valid 2048-bit key on which forge's BigInteger miscalculates under Node 22", () => {
    // A key generated for this test alone: jsbn computes e·d mod (q−1) wrongly for it under Node 22.
    const pem = readFileSync(new URL("../fixtures/rsa-2048-jsbn-trap.pem", import.meta.url), "utf8");
    const parsed = parsePrivateKey(new PrivateKeyPem(pem));
    expect(parsed.bits).toBe(2048);
    expect(parsed.publicKeySpkiDer.equals(createPublicKey(pem).export({ type: "spki", format: "der" }))).toBe(true);
    // What SES receives is byte-for-byte the key as OpenSSL encodes it.
    expect(parsed.material.revealDerBase64()).toBe(createPrivateKey(pem).export({ type: "pkcs1", format: "der" }).toString("base64"));
  });
});

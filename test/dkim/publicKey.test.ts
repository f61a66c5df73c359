import { createHash, generateKeyPairSync } from "node:crypto";
import forge from "node-forge";
import { describe, expect, it } from "vitest";
import { fingerprintSpki, normaliseDkimPublicKey, samePublicKey } from "../../src/dkim/publicKey.js";
import { ByodkimError } from "../../src/errors.js";

const pair1024 = generateKeyPairSync("rsa", { modulusLength: 1024 });
const key1024 = pair1024.publicKey;
const key2048 = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
const spki = (key: typeof key2048) => key.export({ type: "spki", format: "der" });
const pkcs1 = (key: typeof key2048) => key.export({ type: "pkcs1", format: "der" });

/** RFC 3279 §2.3.1 wants NULL parameters for rsaEncryption, but some encoders leave them out. */
function spkiWithoutNullParameters(key: typeof key2048): string {
  const { asn1 } = forge;
  const algorithm = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer("1.2.840.113549.1.1.1").getBytes()),
  ]);
  const bits = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\0${pkcs1(key).toString("binary")}`);
  const outer = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [algorithm, bits]);
  return Buffer.from(asn1.toDer(outer).getBytes(), "binary").toString("base64");
}

describe("normaliseDkimPublicKey", () => {
  it.each([
    ["SubjectPublicKeyInfo, 2048 bits", spki(key2048).toString("base64"), key2048, 2048],
    ["SubjectPublicKeyInfo, 1024 bits", spki(key1024).toString("base64"), key1024, 1024],
    ["bare PKCS#1 RSAPublicKey", pkcs1(key2048).toString("base64"), key2048, 2048],
    ["SPKI without NULL algorithm parameters", spkiWithoutNullParameters(key2048), key2048, 2048],
    [
      "base64 with folding whitespace left in",
      spki(key2048)
        .toString("base64")
        .replace(/(.{60})/g, "$1 \r\n\t"),
      key2048,
      2048,
    ],
  ])("reads %s as the same SPKI DER node:crypto exports", (_name, p, key, bits) => {
    const normalised = normaliseDkimPublicKey(p);
    expect(normalised.spkiDer.equals(spki(key))).toBe(true);
    expect(normalised.bits).toBe(bits);
  });

  it.each([
    ["an empty value (a revoked key)", ""],
    ["text that is not base64", "not*base64"],
    ["base64 one character short", spki(key1024).toString("base64").slice(0, -1)],
    ["a truncated key", spki(key2048).toString("base64").slice(0, 200)],
    ["base64 of something else", Buffer.from("hello, DKIM").toString("base64")],
    ["an EC public key", spki(generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey).toString("base64")],
    ["an Ed25519 public key", spki(generateKeyPairSync("ed25519").publicKey).toString("base64")],
    ["an RSA private key", pair1024.privateKey.export({ type: "pkcs1", format: "der" }).toString("base64")],
  ])("refuses %s as not an RSA public key", (_name, p) => {
    let caught: unknown;
    try {
      normaliseDkimPublicKey(p);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ByodkimError);
    expect((caught as ByodkimError).kind).toBe("input");
    expect((caught as ByodkimError).what.key).toBe("dkimRecord.badPublicKey");
  });
});

describe("fingerprintSpki", () => {
  it("prints SHA256 and unpadded base64, as ssh-keygen -l does", () => {
    const der = spki(key2048);
    const fingerprint = fingerprintSpki(der);
    expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(fingerprint).toBe(`SHA256:${createHash("sha256").update(der).digest("base64").slice(0, 43)}`);
  });

  it("tells two keys apart", () => {
    expect(fingerprintSpki(spki(key1024))).not.toBe(fingerprintSpki(spki(key2048)));
  });
});

describe("samePublicKey", () => {
  it("matches a PKCS#1-published key with the key derived from S3 once both are SPKI", () => {
    const published = normaliseDkimPublicKey(pkcs1(key2048).toString("base64")).spkiDer;
    expect(samePublicKey(published, spki(key2048))).toBe(true);
  });

  it.each([
    ["another key", spki(key1024)],
    ["the same bytes cut short", spki(key2048).subarray(0, -1)],
  ])("does not match %s", (_name, other) => {
    expect(samePublicKey(spki(key2048), other)).toBe(false);
  });
});

import { createPrivateKey, createPublicKey, type KeyObject, randomBytes } from "node:crypto";
import type { SandboxIdentity } from "./world.js";

/** What SES answers for bad input: an error name and a message, never the input itself. */
export class SesRejection extends Error {
  constructor(
    readonly errorName: "BadRequestException" | "NotFoundException" | "AlreadyExistsException",
    message: string,
  ) {
    super(message);
  }
}

// The SESv2 service model's patterns and lengths for DkimSigningAttributes.
const SELECTOR_PATTERN = /^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))$/;
const PRIVATE_KEY_PATTERN = /^[a-zA-Z0-9+/]+={0,2}$/;

export interface ExternalSigningRequest {
  readonly selector: unknown;
  readonly privateKey: unknown;
}

/** Validates BYODKIM attributes as SES does and returns the public key SES will look for in DNS. */
export function validateExternalSigning(request: ExternalSigningRequest): {
  selector: string;
  publicKeySpki: Buffer;
  bits: 1024 | 2048;
  privateKey: KeyObject;
} {
  const { selector, privateKey } = request;
  if (typeof selector !== "string" || selector.length < 1 || selector.length > 63 || !SELECTOR_PATTERN.test(selector)) {
    throw new SesRejection("BadRequestException", "Invalid DomainSigningSelector: it must be 1-63 letters, digits or inner hyphens.");
  }
  if (typeof privateKey !== "string" || privateKey.length < 1 || privateKey.length > 20480 || !PRIVATE_KEY_PATTERN.test(privateKey)) {
    throw new SesRejection("BadRequestException", "Invalid DomainSigningPrivateKey: it must be a base64-encoded RSA private key.");
  }
  const der = Buffer.from(privateKey, "base64");
  const key = (["pkcs1", "pkcs8"] as const).flatMap((type) => {
    try {
      return [createPrivateKey({ key: der, format: "der", type })];
    } catch {
      return [];
    }
  })[0];
  if (key?.asymmetricKeyType !== "rsa") {
    throw new SesRejection(
      "BadRequestException",
      "Invalid DomainSigningPrivateKey: the key could not be read as an RSA private key in PKCS #1 or PKCS #8 DER.",
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits !== 1024 && bits !== 2048) {
    throw new SesRejection("BadRequestException", "Invalid DomainSigningPrivateKey: the key length must be 1024 or 2048 bits.");
  }
  const publicKeySpki = createPublicKey(key).export({ type: "spki", format: "der" });
  return { selector, publicKeySpki, bits, privateKey: key };
}

/** Origin EXTERNAL: SES reports the selector as the only token and starts looking for the TXT record. */
export function applyExternalSigning(identity: SandboxIdentity, signing: ReturnType<typeof validateExternalSigning>, now: Date): void {
  identity.dkim = {
    ...identity.dkim,
    origin: "EXTERNAL",
    status: "PENDING",
    tokens: [signing.selector],
    signingHostedZone: undefined,
    currentKeyLength: signing.bits === 1024 ? "RSA_1024_BIT" : "RSA_2048_BIT",
    lastKeyGeneration: now,
    externalPublicKeySpki: signing.publicKeySpki,
    // SES keeps the key it was given to sign with once the record verifies.
    externalPrivateKey: signing.privateKey,
    failedChecks: 0,
  };
  identity.verificationInfo = { ...identity.verificationInfo, errorType: undefined };
}

export const EASY_DKIM_HOSTED_ZONE = "dkim.amazonses.com";

/** Origin AWS_SES: new tokens (AWS does not promise the old ones come back) and CNAMEs to verify. */
export function applyEasyDkim(identity: SandboxIdentity, now: Date): void {
  identity.dkim = {
    ...identity.dkim,
    origin: "AWS_SES",
    status: "PENDING",
    tokens: [0, 1, 2].map(() => randomBytes(16).toString("hex")),
    signingHostedZone: EASY_DKIM_HOSTED_ZONE,
    lastKeyGeneration: now,
    externalPublicKeySpki: undefined,
    externalPrivateKey: undefined,
    failedChecks: 0,
  };
  identity.verificationInfo = { ...identity.verificationInfo, errorType: undefined };
}

/** The DNS facts one verification attempt found. */
export type DkimDnsEvidence =
  | { readonly kind: "txt"; readonly records: readonly string[] }
  | { readonly kind: "cnames"; readonly targets: readonly (string | undefined)[] }
  | { readonly kind: "missing"; readonly errorType: "HOST_NOT_FOUND" | "TYPE_NOT_FOUND" | "DNS_SERVER_ERROR" };

/** One SES verification attempt: SUCCESS on a match, FAILED after enough misses, with SES's ErrorType. */
export function recordVerificationAttempt(
  identity: SandboxIdentity,
  matched: boolean,
  errorType: string | undefined,
  checksBeforeFailure: number,
  now: Date,
): void {
  identity.verificationInfo.lastChecked = now;
  if (matched) {
    identity.dkim.status = "SUCCESS";
    identity.dkim.failedChecks = 0;
    identity.verificationInfo = { ...identity.verificationInfo, errorType: undefined, lastSuccess: now };
    return;
  }
  identity.dkim.failedChecks += 1;
  identity.verificationInfo.errorType = errorType;
  if (identity.dkim.failedChecks >= checksBeforeFailure) identity.dkim.status = "FAILED";
}

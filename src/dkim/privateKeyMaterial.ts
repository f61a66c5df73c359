import { Redacted } from "../redacted.js";

const REDACTED = "[private key redacted]";

/**
 * The private key, as a type that will not print itself. Only the SES adapter calls
 * `revealDerBase64`; everything else may pass the object around, log it or serialise it and get
 * the redaction.
 */
export class PrivateKeyMaterial extends Redacted {
  readonly #derBase64: string;

  constructor(derBase64: string) {
    super(REDACTED);
    this.#derBase64 = derBase64;
  }

  /** For the SES `DomainSigningPrivateKey` request field and nothing else. */
  revealDerBase64(): string {
    return this.#derBase64;
  }
}

/** The PEM text as fetched from S3: same rule, it only opens for the key parser. */
export class PrivateKeyPem extends Redacted {
  readonly #pem: string;

  constructor(pem: string) {
    super(REDACTED);
    this.#pem = pem;
  }

  revealPem(): string {
    return this.#pem;
  }
}

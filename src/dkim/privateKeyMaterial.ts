import { inspect } from "node:util";

const REDACTED = "[private key redacted]";

/**
 * The private key, as a type that will not print itself. Only the SES adapter calls
 * `revealDerBase64`; everything else may pass the object around, log it or serialise it and get
 * the redaction.
 */
export class PrivateKeyMaterial {
  readonly #derBase64: string;

  constructor(derBase64: string) {
    this.#derBase64 = derBase64;
  }

  /** For the SES `DomainSigningPrivateKey` request field and nothing else. */
  revealDerBase64(): string {
    return this.#derBase64;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

/** The PEM text as fetched from S3: same rule, it only opens for the key parser. */
export class PrivateKeyPem {
  readonly #pem: string;

  constructor(pem: string) {
    this.#pem = pem;
  }

  revealPem(): string {
    return this.#pem;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

import { Redacted } from "../redacted.js";
import { ByodkimError, byodkimError } from "../errors.js";

/**
 * The HMAC algorithms RFC 8945 §6 lists for use with a shared secret, as BIND, Knot and PowerDNS
 * name them. Left out on purpose: HMAC-MD5 ("MUST NOT" use), gss-tsig (a Kerberos context, not a
 * shared secret) and the truncated variants, which BIND answers with BADTRUNC unless the server's
 * key says so too.
 */
export const TSIG_ALGORITHMS = ["hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha224", "hmac-sha1"] as const;
export type TsigAlgorithm = (typeof TSIG_ALGORITHMS)[number];
export const DEFAULT_TSIG_ALGORITHM: TsigAlgorithm = "hmac-sha256";

/** The config's algorithm, case-insensitive, with or without BIND's trailing dot; empty: hmac-sha256. */
export function parseTsigAlgorithm(value: string | undefined): TsigAlgorithm {
  const name = (value ?? "").trim().toLowerCase().replace(/\.$/, "");
  if (name === "") return DEFAULT_TSIG_ALGORITHM;
  const known = TSIG_ALGORITHMS.find((algorithm) => algorithm === name);
  if (known) return known;
  throw byodkimError("config", "rfc2136.badAlgorithm", { algorithm: value ?? "" }, "rfc2136.badAlgorithm.hint", { algorithms: TSIG_ALGORITHMS.join(", ") });
}

const REDACTED = "[TSIG secret redacted]";

/**
 * The TSIG secret, as a type that will not print itself: only the nsupdate script reveals it, on
 * the child's standard input. Anything else that logs or serialises it gets the redaction.
 */
export class TsigSecret extends Redacted {
  readonly #base64: string;

  constructor(base64: string) {
    super(REDACTED);
    this.#base64 = base64;
  }

  /** For nsupdate's `key` line on its standard input, and for scrubbing what nsupdate says. */
  revealBase64(): string {
    return this.#base64;
  }
}

// Standard base64 (RFC 4648 §4), as `tsig-keygen` and `keymgr` print it; padded.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * What the Secrets Manager secret holds: the base64 secret alone (as the key's `secret` line has it),
 * or JSON with a `secret` field. Anything else is refused by the secret's id, never by its content.
 */
export function readTsigSecret(stored: string, secretId: string): TsigSecret {
  const text = stored.trim();
  let candidate: unknown = text;
  if (text.startsWith("{")) {
    try {
      candidate = (JSON.parse(text) as { secret?: unknown }).secret;
    } catch {
      candidate = undefined;
    }
  }
  if (typeof candidate === "string") {
    const secret = candidate.trim();
    if (secret.length > 0 && BASE64.test(secret)) return new TsigSecret(secret);
  }
  throw byodkimError("config", "rfc2136.badSecret", { secretId }, "rfc2136.badSecret.hint");
}

/** What reads a secret's text: null (or undefined) when there is no such secret, as the state store's port says it. */
export type SecretTextReader = (secretId: string) => Promise<string | null | undefined>;

/** Reads the secret through the port; a reader's own ByodkimError (access denied) is kept, anything else named by the id. */
export async function fetchTsigSecret(readSecret: SecretTextReader, secretId: string): Promise<TsigSecret> {
  let stored: string | null | undefined;
  try {
    stored = await readSecret(secretId);
  } catch (err) {
    if (err instanceof ByodkimError) throw err;
    throw byodkimError("config", "rfc2136.secretUnreadable", { secretId }, "rfc2136.secretUnreadable.hint");
  }
  if (stored === null || stored === undefined) throw byodkimError("config", "rfc2136.noSecret", { secretId }, "rfc2136.noSecret.hint", { secretId });
  return readTsigSecret(stored, secretId);
}

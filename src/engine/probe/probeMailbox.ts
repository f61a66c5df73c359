/** A mailbox the probe is read back from: S3 (an SES receipt rule's prefix) or IMAP. */
export interface ProbeMailbox {
  /** Before the probe goes out: proves the mailbox can be read, and notes what is already there. */
  prepare(): Promise<void>;
  /** The probe with `token`, and where it was found (an object key, an IMAP UID); null: not there yet. */
  find(token: string): Promise<{ readonly raw: Buffer; readonly where: string } | null>;
  close(): Promise<void>;
}

/**
 * The IMAP password as read from Secrets Manager: never shown. Its text leaves only through
 * `reveal()`, for the LOGIN command; printing, logging or serialising it shows a redaction.
 */
export class ImapPassword {
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  reveal(): string {
    return this.#text;
  }
  toString(): string {
    return "[IMAP password]";
  }
  toJSON(): string {
    return "[IMAP password]";
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "[IMAP password]";
  }
}

/** A secret holding the password alone, or a JSON object with `password` (the console's key/value form). */
export function imapPasswordFromSecret(text: string): ImapPassword | null {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const value: unknown = JSON.parse(trimmed);
      const password = value !== null && typeof value === "object" ? (value as Record<string, unknown>)["password"] : undefined;
      return typeof password === "string" && password.length > 0 ? new ImapPassword(password) : null;
    } catch {
      return null;
    }
  }
  return trimmed.length > 0 ? new ImapPassword(text) : null;
}

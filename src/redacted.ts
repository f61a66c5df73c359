import { inspect } from "node:util";

/**
 * A secret held as a value that will not print itself: its string, its JSON and what a console or
 * a log's inspect shows are the redaction. Only the subclass's own `reveal…` method opens it, for
 * the one place that needs the secret itself.
 */
export abstract class Redacted {
  readonly #redaction: string;

  protected constructor(redaction: string) {
    this.#redaction = redaction;
  }

  toString(): string {
    return this.#redaction;
  }

  toJSON(): string {
    return this.#redaction;
  }

  [inspect.custom](): string {
    return this.#redaction;
  }
}

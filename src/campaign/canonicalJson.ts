/** A value JSON can carry exactly: what a plan, an approval and their hashes are made of. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * The one text of a value, whatever order its keys were built in (RFC 8785's rules for byodkim's
 * data): keys sorted by UTF-16 code unit at every depth, no whitespace, numbers and strings as
 * ECMAScript's JSON writes them (shortest round-trip numbers, one escaping), arrays in their order.
 * A key whose value is undefined is absent, as in JSON.stringify.
 *
 * Only plain data goes in: a class instance (a PrivateKeyMaterial, a Date, a Buffer) is refused
 * rather than serialised through its toJSON, so nothing reaches a plan's hash by a side door, and a
 * NaN or Infinity is refused rather than silently written as null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
    // -0 and 0 are one number in JSON; JSON.stringify already writes both as 0.
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((item) => {
        if (item === undefined) throw new TypeError("canonicalJson: an array holds undefined, which JSON cannot carry");
        return canonicalJson(item);
      })
      .join(",")}]`;
  }
  if (typeof value === "object" && isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 asks; localeCompare would depend on the machine.
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(",")}}`;
  }
  const kind = typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
  throw new TypeError(`canonicalJson: a ${kind} is not plain JSON data`);
}

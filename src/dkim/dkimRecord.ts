export interface DkimKeyRecord {
  /** v=, present only when published; RFC 6376 §3.6.1 makes it optional. */
  readonly version?: string;
  /** k=, "rsa" when absent (RFC 6376 §3.6.1). */
  readonly keyType: string;
  /** p= with folding whitespace removed; empty when revoked. */
  readonly publicKeyBase64: string;
  /** RFC 6376 §3.6.1: an empty p= means the key was revoked. */
  readonly revoked: boolean;
  readonly hashAlgorithms?: string[];
  readonly flags?: string[];
  readonly serviceTypes?: string[];
  /** Every tag as published, unknown ones included (RFC 6376 §3.2: unknown tags are ignored, not errors). */
  readonly tags: Record<string, string>;
}

export type DkimRecordProblem = "notDkim" | "versionNotFirst" | "badVersion" | "duplicateTag" | "missingP" | "badTagSyntax" | "unsupportedKeyType";

export type DkimKeyRecordParse =
  | { readonly ok: true; readonly record: DkimKeyRecord }
  | { readonly ok: false; readonly problem: DkimRecordProblem; readonly detail?: string };

// RFC 6376 §2.8/§3.2: FWS is whitespace with optional CRLF folding; in a TXT record only these occur.
const FWS_CHARS = "[ \\t\\r\\n]";
const EDGE_FWS = new RegExp(`^${FWS_CHARS}+|${FWS_CHARS}+$`, "g");
const trimFws = (text: string): string => text.replace(EDGE_FWS, "");
// tag-spec = [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]; tag-name = ALPHA *ALNUMPUNC (RFC 6376 §3.2).
const TAG_SPEC = new RegExp(`^([A-Za-z][A-Za-z0-9_]*)${FWS_CHARS}*=${FWS_CHARS}*([\\s\\S]*)$`);
// tag-value = [ tval *( 1*(WSP / FWS) tval ) ]; tval = 1*VALCHAR; VALCHAR = %x21-3A / %x3C-7E.
const TAG_VALUE = new RegExp(`^(?:[\\x21-\\x3a\\x3c-\\x7e]+(?:${FWS_CHARS}+[\\x21-\\x3a\\x3c-\\x7e]+)*)?$`);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const FWS_RUN = new RegExp(`${FWS_CHARS}+`, "g");
const STARTS_WITH_VERSION = new RegExp(`^${FWS_CHARS}*v${FWS_CHARS}*=${FWS_CHARS}*DKIM1`);
const HAS_P_TAG = new RegExp(`(?:^|;)${FWS_CHARS}*p${FWS_CHARS}*=`);

/**
 * One TXT record's character-strings, in order. RFC 6376 §3.6.2.2: they are concatenated with
 * nothing in between (a 2048-bit key does not fit one 255-octet string).
 */
export function joinTxtStrings(strings: readonly string[]): string {
  return strings.join("");
}

/**
 * Whether a TXT record at the selector name is meant as a DKIM key record, so that an SPF or
 * verification record beside it is not counted as a second key (RFC 6376 §3.6.2.2).
 */
export function isDkimKeyRecordCandidate(text: string): boolean {
  return STARTS_WITH_VERSION.test(text) || HAS_P_TAG.test(text);
}

const fail = (problem: DkimRecordProblem, detail?: string): DkimKeyRecordParse =>
  detail === undefined ? { ok: false, problem } : { ok: false, problem, detail };

/** The DKIM key record of RFC 6376 §3.6.1, read with the tag-list grammar of §3.2. */
export function parseDkimKeyRecord(text: string): DkimKeyRecordParse {
  if (!isDkimKeyRecordCandidate(text)) return fail("notDkim");
  const segments = text.split(";");
  // tag-list = tag-spec *( ";" tag-spec ) [ ";" ]: one trailing semicolon, no empty specs between.
  if (segments.length > 1 && trimFws(segments[segments.length - 1]!) === "") segments.pop();

  const tags = new Map<string, string>();
  for (const [index, segment] of segments.entries()) {
    const spec = TAG_SPEC.exec(trimFws(segment));
    if (!spec) return fail("badTagSyntax", `#${index + 1}`);
    const [, name = "", value = ""] = spec;
    if (!TAG_VALUE.test(value)) return fail("badTagSyntax", name);
    // RFC 6376 §3.2: "Tags with duplicate names MUST NOT occur within a single tag-list".
    if (tags.has(name)) return fail("duplicateTag", name);
    tags.set(name, value);
  }

  const version = tags.get("v");
  if (version !== undefined) {
    // RFC 6376 §3.6.1: v= MUST be the first tag and, if present, exactly "DKIM1".
    if (tags.keys().next().value !== "v") return fail("versionNotFirst");
    if (version !== "DKIM1") return fail("badVersion", version);
  }
  // SES BYODKIM signs with rsa-sha256 only, so an Ed25519 record (RFC 8463) cannot match its key.
  const keyType = tags.get("k") ?? "rsa";
  if (keyType !== "rsa") return fail("unsupportedKeyType", keyType);

  const published = tags.get("p");
  if (published === undefined) return fail("missingP");
  // RFC 6376 §3.2: whitespace inside a base64 tag value is ignored.
  const publicKeyBase64 = published.replace(FWS_RUN, "");
  if (!BASE64.test(publicKeyBase64)) return fail("badTagSyntax", "p");

  const list = (name: string): string[] | undefined => {
    const value = tags.get(name);
    return value === undefined
      ? undefined
      : value
          .split(":")
          .map(trimFws)
          .filter((item) => item !== "");
  };
  const hashAlgorithms = list("h");
  const serviceTypes = list("s");
  const flags = list("t");
  return {
    ok: true,
    record: {
      ...(version !== undefined ? { version } : {}),
      keyType,
      publicKeyBase64,
      revoked: publicKeyBase64 === "",
      ...(hashAlgorithms ? { hashAlgorithms } : {}),
      ...(flags ? { flags } : {}),
      ...(serviceTypes ? { serviceTypes } : {}),
      tags: Object.fromEntries(tags),
    },
  };
}

import { joinTxtStrings, parseDkimKeyRecord } from "../dkim/dkimRecord.js";
import { normaliseDkimPublicKey, samePublicKey } from "../dkim/publicKey.js";
import type { TxtLookupResult } from "../dns/types.js";
import { ByodkimError } from "../errors.js";
import { msg, type Msg } from "../messages/msg.js";
import { judgeAnswer, SERVER_PROBLEMS } from "./dnsGate.js";
import type { GateResult } from "./types.js";

/** The ways a DKIM record is usually mangled between our hand-off and the DNS console. */
export const HANDOFF_MISTAKES = ["zoneTwice", "noDomainkey", "quoted", "escaped", "quotedAndEscaped", "cutAt255"] as const;
export type HandoffMistake = (typeof HANDOFF_MISTAKES)[number];

/** The names a console puts the record at when the operator's input is read the wrong way round. */
export interface MisplacedNames {
  /** The console appended the zone to a name that already had it. */
  readonly zoneTwice: string;
  /** The record was created under the selector alone. */
  readonly noDomainkey: string;
}

export function misplacedNames(selector: string, domain: string): MisplacedNames {
  return { zoneTwice: `${selector}._domainkey.${domain}.${domain}`, noDomainkey: `${selector}.${domain}` };
}

/**
 * Whether a server answered without the key: only then is the record worth looking for elsewhere.
 * A server that could not be asked says nothing about the record, and asking it twice more costs two more timeouts.
 */
export function recordMissingSomewhere(atName: TxtLookupResult, expectedSpkiDer: Buffer): boolean {
  return atName.answers.some((answer) => {
    const { outcome } = judgeAnswer(answer, expectedSpkiDer);
    return outcome !== "match" && !SERVER_PROBLEMS.has(outcome);
  });
}

export interface HandoffFacts {
  /** `<selector>._domainkey.<domain>` */
  readonly expectedName: string;
  /** The unsplit value we asked for. */
  readonly expectedValue: string;
  /** What each server served at the expected name. */
  readonly atName: TxtLookupResult;
  /** What each server served at each misplaced name; looked up only when the gate failed. */
  readonly misplaced: { readonly zoneTwice: TxtLookupResult; readonly noDomainkey: TxtLookupResult };
}

export interface HandoffDiagnosis {
  readonly mistake: HandoffMistake;
  /** Where the mangled record was found. */
  readonly foundAt: string;
  readonly message: Msg;
}

// RFC 1035 §3.3.14: one character-string holds at most 255 octets, so a console that takes one string keeps that many.
const STRING_LIMIT = 255;

/** One sentence naming how the published record went wrong, or undefined when it is not one of the usual mistakes. */
export function diagnoseHandoff(facts: HandoffFacts): HandoffDiagnosis | undefined {
  const served = servedTexts(facts.atName);
  const form = HANDOFF_FORMS.find((candidate) => served.some((text) => candidate.matches(text, facts.expectedValue)));
  if (form) {
    const name = facts.expectedName;
    const message = form.mistake === "cutAt255" ? msg("handoff.cutAt255", { name, length: STRING_LIMIT }) : msg(`handoff.${form.mistake}`, { name });
    return { mistake: form.mistake, foundAt: name, message };
  }
  const expectedKey = publicKeyOf(facts.expectedValue);
  if (expectedKey === undefined) return undefined;
  for (const mistake of ["zoneTwice", "noDomainkey"] as const) {
    const lookup = facts.misplaced[mistake];
    if (!servedTexts(lookup).some((text) => sameKey(publicKeyOf(text), expectedKey))) continue;
    const message = msg(`handoff.${mistake}`, { found: lookup.name, name: facts.expectedName, relative: relativeName(facts.expectedName) });
    return { mistake, foundAt: lookup.name, message };
  }
  return undefined;
}

interface HandoffForm {
  readonly mistake: "quoted" | "escaped" | "quotedAndEscaped" | "cutAt255";
  readonly matches: (served: string, expected: string) => boolean;
}

// Whitespace in a DKIM tag-list is folding whitespace and ignored (RFC 6376 §3.2), so it is left out of the comparison.
const withoutWhitespace = (text: string) => text.replace(/\s+/g, "");
const withoutQuotes = (text: string) => text.replace(/"/g, "");
const withoutEscapes = (text: string) => text.replace(/\\(.)/g, "$1");
const hasQuotes = (text: string) => text.includes('"');
const hasEscapes = (text: string) => /\\./.test(text);
const sameValue = (served: string, expected: string) => withoutWhitespace(served) === withoutWhitespace(expected);

const HANDOFF_FORMS: readonly HandoffForm[] = [
  // Zone-file syntax pasted as the value: the console stored the quotes (and "…" "…" separators) as data.
  { mistake: "quoted", matches: (served, expected) => hasQuotes(served) && !hasEscapes(served) && sameValue(withoutQuotes(served), expected) },
  { mistake: "escaped", matches: (served, expected) => hasEscapes(served) && !hasQuotes(served) && sameValue(withoutEscapes(served), expected) },
  {
    mistake: "quotedAndEscaped",
    matches: (served, expected) => hasQuotes(served) && hasEscapes(served) && sameValue(withoutQuotes(withoutEscapes(served)), expected),
  },
  // A console with a 255-character field keeps the first string only (or the first 255 characters of the whole value).
  {
    mistake: "cutAt255",
    matches: (served, expected) => served.length === STRING_LIMIT && served.length < expected.length && expected.startsWith(served),
  },
];

/** Every TXT record any server served at the name, its strings joined. */
function servedTexts(lookup: TxtLookupResult): string[] {
  return lookup.answers.flatMap(({ answer }) => (answer.kind === "records" || answer.kind === "cname" ? answer.records.map(joinTxtStrings) : []));
}

function publicKeyOf(text: string): Buffer | undefined {
  const parsed = parseDkimKeyRecord(text);
  if (!parsed.ok || parsed.record.revoked) return undefined;
  try {
    return normaliseDkimPublicKey(parsed.record.publicKeyBase64).spkiDer;
  } catch (err) {
    if (err instanceof ByodkimError) return undefined;
    throw err;
  }
}

const sameKey = (published: Buffer | undefined, expected: Buffer) => published !== undefined && samePublicKey(published, expected);

/** What most consoles want in their name field: the name without the zone (the console adds it). */
function relativeName(expectedName: string): string {
  const at = expectedName.indexOf("._domainkey.");
  return at < 0 ? expectedName : expectedName.slice(0, at + "._domainkey".length);
}

/** The DNS gate's verdict with the mistake named first, since it is the line that tells the DNS team what to fix. */
export function withHandoffDiagnosis(dnsGate: GateResult, diagnosis: HandoffDiagnosis | undefined): GateResult {
  if (diagnosis === undefined) return dnsGate;
  return {
    ...dnsGate,
    lines: [diagnosis.message, ...(dnsGate.lines ?? [])],
    data: { ...dnsGate.data, diagnosis: diagnosis.mistake, diagnosisFoundAt: diagnosis.foundAt },
  };
}

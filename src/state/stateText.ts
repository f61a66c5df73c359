/**
 * Edits the top-level members of a JSON object *as text*. The state secret belongs to the whole
 * migration team: byodkim owns a few of its keys and must hand every other byte back as it found
 * it. A parse → merge → stringify round trip does not: numbers pass through IEEE doubles
 * (12345678901234567890 comes back as 12345678901234567000, 1.50 as 1.5, 1e400 as null) and
 * spacing, escapes and key order are rewritten. So byodkim's keys are located in the original
 * text and only their values are replaced, added or cut out; everything else is copied.
 *
 * Why not a dependency: the lossless JSON parsers on npm (lossless-json, json-bigint) give back a
 * tree that is stringified again, which still loses the other fields' formatting. What is needed
 * here is a scanner that skips values, ~80 lines with no grammar of its own beyond RFC 8259's
 * strings and brackets; the text has already passed JSON.parse (parseState) before it gets here.
 */

interface Member {
  /** The member's key, decoded (`"current\u005fphase"` is `current_phase`). */
  readonly key: string;
  /** Where the key's opening quote is. */
  readonly start: number;
  /** From the key's closing quote to the value: `": "`, `" :"`, … */
  readonly colon: string;
  readonly valueStart: number;
  readonly valueEnd: number;
}

interface ObjectText {
  readonly open: number;
  readonly close: number;
  readonly members: readonly Member[];
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

const skipWhitespace = (text: string, at: number): number => {
  let i = at;
  while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  return i;
};

/** `at` is an opening quote; returns the index after the closing one (RFC 8259 §7: `\` escapes the next character). */
function skipString(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i + 1;
}

function skipValue(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return skipString(text, at);
  if (first === "{" || first === "[") {
    let depth = 0;
    let i = at;
    do {
      const c = text[i];
      if (c === '"') {
        i = skipString(text, i);
        continue;
      }
      if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") depth--;
      i++;
    } while (depth > 0 && i < text.length);
    return i;
  }
  // A number, true, false or null: it runs to the next separator.
  let i = at;
  while (i < text.length && !WHITESPACE.has(text[i]!) && text[i] !== "," && text[i] !== "}" && text[i] !== "]") i++;
  return i;
}

const mustBe = (text: string, at: number, char: string): void => {
  if (text[at] !== char) throw new Error(`state text: expected ${char} at ${at}`);
};

/** The top-level members of a JSON object text that JSON.parse accepted. */
export function scanObject(text: string): ObjectText {
  const open = skipWhitespace(text, 0);
  mustBe(text, open, "{");
  const members: Member[] = [];
  let i = skipWhitespace(text, open + 1);
  while (text[i] !== "}") {
    mustBe(text, i, '"');
    const keyEnd = skipString(text, i);
    const colonAt = skipWhitespace(text, keyEnd);
    mustBe(text, colonAt, ":");
    const valueStart = skipWhitespace(text, colonAt + 1);
    const valueEnd = skipValue(text, valueStart);
    members.push({ key: JSON.parse(text.slice(i, keyEnd)) as string, start: i, colon: text.slice(keyEnd, valueStart), valueStart, valueEnd });
    i = skipWhitespace(text, valueEnd);
    if (text[i] === ",") i = skipWhitespace(text, i + 1);
  }
  return { open, close: i, members };
}

/**
 * Sets (a value) or removes (`undefined`) top-level keys; every other byte stays. A key given
 * twice in the text is set or removed every time, so whichever JSON.parse reads is the new one.
 * New keys go last, spaced like the members already there.
 */
export function editTopLevel(text: string, patch: Readonly<Record<string, unknown>>): string {
  const { open, close, members } = scanObject(text);
  const lead = text.slice(open + 1, members[0]?.start ?? close);
  const trail = members.length > 0 ? text.slice(members.at(-1)!.valueEnd, close) : "";
  const separatorAfter = (index: number) => text.slice(members[index]!.valueEnd, members[index + 1]!.start);
  const newSeparator = members.length > 1 ? separatorAfter(0) : `,${lead}`;
  const colon = members[0]?.colon ?? ":";
  const has = (key: string) => Object.hasOwn(patch, key);

  const kept: { text: string; separator: string | undefined }[] = [];
  members.forEach((member, index) => {
    if (has(member.key) && patch[member.key] === undefined) return;
    const value = has(member.key) ? encode(patch[member.key]) : text.slice(member.valueStart, member.valueEnd);
    kept.push({ text: text.slice(member.start, member.valueStart) + value, separator: index < members.length - 1 ? separatorAfter(index) : undefined });
  });
  const present = new Set(members.map((member) => member.key));
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && !present.has(key)) kept.push({ text: `${JSON.stringify(key)}${colon}${encode(value)}`, separator: undefined });
  }
  if (kept.length === 0) return `${text.slice(0, open)}{}${text.slice(close + 1)}`;
  const body = kept.map((member, index) => (index === 0 ? "" : (kept[index - 1]!.separator ?? newSeparator)) + member.text).join("");
  return `${text.slice(0, open)}{${lead}${body}${trail}}${text.slice(close + 1)}`;
}

/** byodkim's own values are plain JSON data; anything JSON cannot say is written as null, as JSON.stringify does in arrays. */
const encode = (value: unknown): string => JSON.stringify(value) ?? "null";

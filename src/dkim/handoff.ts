/** What the DNS team is handed to publish one TXT record, in the forms their tools take. */
export interface DnsHandoff {
  /** Without the trailing dot, as the operator reads it. */
  readonly name: string;
  /** The unsplit TXT value, as DKIM reads it once the strings are joined (RFC 6376 §3.6.2.2). */
  readonly value: string;
  /** The value as character-strings of at most 255 bytes each (RFC 1035 §3.3.14). */
  readonly strings: readonly string[];
  /** One zone-file line, `<name>. <ttl> IN TXT ( "…" "…" )`. */
  readonly bindLine: string;
  /** For `aws route53 change-resource-record-sets --change-batch file://…`. */
  readonly route53ChangeBatch: Record<string, unknown>;
}

/** RFC 6376 §3.6.1: an empty p= means the key was revoked; verifiers then fail its signatures at once. */
export const DKIM_REVOCATION_VALUE = "v=DKIM1; k=rsa; p=";

const DEFAULT_TTL = 3600;
// RFC 1035 §3.3.14: a character-string is one length octet and at most 255 octets of data.
const MAX_STRING_BYTES = 255;

export function dkimKeyRecordValue(publicKeySpkiDer: Buffer): string {
  return `v=DKIM1; k=rsa; p=${publicKeySpkiDer.toString("base64")}`;
}

export function dkimHandoff(name: string, value: string, ttl: number = DEFAULT_TTL): DnsHandoff {
  const bare = name.replace(/\.$/, "");
  const strings = splitCharacterStrings(value);
  const quoted = strings.map(quoteCharacterString).join(" ");
  return {
    name: bare,
    value,
    strings,
    bindLine: `${bare}. ${ttl} IN TXT ( ${quoted} )`,
    route53ChangeBatch: {
      Comment: `DKIM key record ${bare}`,
      Changes: [
        {
          Action: "UPSERT",
          // Route 53 takes TXT data in zone-file syntax: quoted strings, `"` and `\` escaped.
          ResourceRecordSet: { Name: `${bare}.`, Type: "TXT", TTL: ttl, ResourceRecords: [{ Value: quoted }] },
        },
      ],
    },
  };
}

/** The files attached to the DNS team's ticket, one per tool they might use. */
export function handoffFiles(handoff: DnsHandoff): { fileName: string; content: string }[] {
  const valueFile = `${handoff.name}.txt`;
  return [
    // The zone file is the one that can carry comments, so it says what its neighbours are.
    {
      fileName: `${handoff.name}.zone`,
      content: [
        `; DKIM key record for ${handoff.name} (public key only)`,
        `; ${valueFile} holds the same value unsplit, for consoles that split it themselves`,
        `; ${handoff.name}.route53.json is the same record as a Route 53 change batch`,
        handoff.bindLine,
        "",
      ].join("\n"),
    },
    { fileName: `${handoff.name}.route53.json`, content: `${JSON.stringify(handoff.route53ChangeBatch, null, 2)}\n` },
    // Some consoles take the value whole and split it themselves; a pre-split one pasted there keeps its quotes.
    // The value and nothing else, no newline either: `$(cat f)`, `pbcopy < f` and a console's file upload
    // all publish exactly what is in the file.
    { fileName: valueFile, content: handoff.value },
  ];
}

/** Reads back a line as `bindLine` writes it (one line, parentheses optional); undefined for anything else. */
export function parseBindTxtLine(line: string): { name: string; ttl: number; strings: string[] } | undefined {
  const head = /^\s*(\S+?)\.?\s+(\d+)\s+IN\s+TXT\s+([\s\S]*?)\s*$/i.exec(line);
  if (!head) return undefined;
  const [, name = "", ttl = "", rest = ""] = head;
  const grouped = /^\(([\s\S]*)\)$/.exec(rest);
  const strings = readQuotedStrings(grouped ? grouped[1]! : rest);
  if (strings === undefined || strings.length === 0) return undefined;
  return { name, ttl: Number(ttl), strings };
}

/** The one record of the zone file `handoffFiles` writes, past its comment lines (`;`); undefined when there is none. */
export function parseZoneFileRecord(text: string): ReturnType<typeof parseBindTxtLine> {
  const line = text.split("\n").find((candidate) => candidate.trim() !== "" && !candidate.trimStart().startsWith(";"));
  return line === undefined ? undefined : parseBindTxtLine(line.trim());
}

/** Splits on code point boundaries, so a non-ASCII character is never cut between two strings. */
export function splitCharacterStrings(value: string): string[] {
  const strings: string[] = [];
  let current = "";
  let currentBytes = 0;
  for (const char of value) {
    const bytes = Buffer.byteLength(char);
    if (currentBytes + bytes > MAX_STRING_BYTES) {
      strings.push(current);
      current = "";
      currentBytes = 0;
    }
    current += char;
    currentBytes += bytes;
  }
  // An empty value is still one (empty) character-string: a TXT record has at least one.
  if (current !== "" || strings.length === 0) strings.push(current);
  return strings;
}

/** RFC 1035 §5.1: `\X` quotes X, and `\DDD` stands for a byte, which is how BIND writes unprintable ones (and Route 53 reads them). */
export function quoteCharacterString(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${String(byte).padStart(3, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return `"${out}"`;
}

function readQuotedStrings(text: string): string[] | undefined {
  const strings: string[] = [];
  let index = 0;
  while (index < text.length) {
    if (/\s/.test(text[index]!)) {
      index++;
      continue;
    }
    if (text[index] !== '"') return undefined;
    const bytes: number[] = [];
    index++;
    for (;;) {
      const char = text[index];
      if (char === undefined) return undefined;
      if (char === '"') break;
      if (char === "\\") {
        const digits = /^\d{3}/.exec(text.slice(index + 1));
        if (digits) {
          bytes.push(Number(digits[0]));
          index += 4;
          continue;
        }
        const quotedChar = text[index + 1];
        if (quotedChar === undefined) return undefined;
        bytes.push(...Buffer.from(quotedChar, "utf8"));
        index += 2;
        continue;
      }
      // A character outside the BMP is two UTF-16 units; it is one code point in UTF-8.
      const codePoint = String.fromCodePoint(text.codePointAt(index)!);
      bytes.push(...Buffer.from(codePoint, "utf8"));
      index += codePoint.length;
    }
    strings.push(Buffer.from(bytes).toString("utf8"));
    index++;
  }
  return strings;
}

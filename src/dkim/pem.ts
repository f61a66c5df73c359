/** One `-----BEGIN X-----` … `-----END X-----` block (RFC 7468 §2), body still base64 text. */
export interface PemBlock {
  readonly label: string;
  /** RFC 1421 §4.6 encapsulated headers, as OpenSSL writes them for "traditional" encrypted keys. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

export interface PemScan {
  readonly blocks: readonly PemBlock[];
  /** A BEGIN line without its END: the object was cut short, or two blocks were spliced. */
  readonly unterminated: boolean;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[ \t]*\n?([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

export function scanPemBlocks(text: string): PemScan {
  // RFC 7468 §2: parsers should accept CRLF, CR or LF; S3 objects written on Windows carry CRLF.
  const normalised = text.replace(/\r\n?/g, "\n");
  const beginLines = normalised.match(/-----BEGIN [A-Z0-9 ]+-----/g)?.length ?? 0;
  const blocks: PemBlock[] = [];
  let unterminated = false;
  for (const match of normalised.matchAll(BLOCK)) {
    const [, label = "", content = "", endLabel] = match;
    // A BEGIN swallowed by a later END (the first END is missing) shows up as a nested BEGIN here.
    if (label !== endLabel || content.includes("-----BEGIN ")) {
      unterminated = true;
      continue;
    }
    blocks.push({ label, ...splitHeaders(content) });
  }
  return { blocks, unterminated: unterminated || blocks.length !== beginLines };
}

function splitHeaders(content: string): { headers: Map<string, string>; body: string } {
  const headers = new Map<string, string>();
  const lines = content.split("\n");
  if (!lines[0]?.includes(":")) return { headers, body: content };
  let i = 0;
  let last: string | undefined;
  for (; i < lines.length && lines[i]!.trim() !== ""; i++) {
    const line = lines[i]!;
    const header = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (header) {
      last = header[1]!;
      headers.set(last, header[2]!.trim());
    } else if (last !== undefined && /^\s/.test(line)) {
      headers.set(last, `${headers.get(last)}${line.trim()}`);
    } else {
      break;
    }
  }
  return { headers, body: lines.slice(i).join("\n") };
}

import { type DmarcReport, NotAReportError, parseAggregateXml, type SkipReason } from "./aggregateReport.js";

/** A file that was not read as a report, and why. */
export interface SkippedFile {
  readonly file: string;
  readonly reason: SkipReason;
  readonly detail: string;
}

export interface ReadFiles {
  readonly reports: readonly DmarcReport[];
  readonly skipped: readonly SkippedFile[];
}

/**
 * What a report may unpack to. A day's report from the largest receiver is a few megabytes of XML;
 * past this an archive is a decompression bomb, not a report, and is refused before it fills memory.
 */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);
const isGzip = (bytes: Uint8Array) => startsWith(bytes, 0x1f, 0x8b);
const isZip = (bytes: Uint8Array) => startsWith(bytes, 0x50, 0x4b, 0x03, 0x04);

/** Text as XML when it starts like XML (after a byte-order mark and blank lines). */
const looksLikeXml = (text: string) => /^\uFEFF?\s*</.test(text);
/** A message starts with a header field (`Return-Path:`, `Received:`, `From:`…). */
const looksLikeMessage = (text: string) => /^[\x21-\x39\x3b-\x7e]+:/.test(text);

/**
 * The reports one file holds, whatever the receiver wrapped them in: the XML itself, gzip (most
 * receivers), zip (others), or the message they arrived in with one of those attached. The kind is
 * read from the bytes, not the name: a `.xml.gz` saved as `.xml` by a mail client is still read.
 */
export async function readReportFile(file: string, bytes: Uint8Array): Promise<ReadFiles> {
  try {
    return await reportsIn(file, bytes, 0);
  } catch (error) {
    if (error instanceof NotAReportError) return { reports: [], skipped: [{ file, reason: error.reason, detail: error.detail }] };
    throw error;
  }
}

/**
 * `unpacked`: the bytes came out of a gzip or zip. Receivers compress a report once; an archive in
 * an archive (or a message in one) is refused, so each unpacking limit holds for the whole file.
 */
async function reportsIn(source: string, bytes: Uint8Array, depth: number, unpacked = false): Promise<ReadFiles> {
  if (unpacked && (isGzip(bytes) || isZip(bytes))) throw new NotAReportError("archiveInArchive", "-");
  if (isGzip(bytes)) return reportsIn(source, await gunzip(bytes), depth, true);
  if (isZip(bytes)) {
    const entries = await unzip(bytes);
    const xml = entries.filter(([name]) => !name.endsWith("/"));
    if (xml.length === 0) throw new NotAReportError("noReportInArchive", "-");
    // One broken entry skips that entry: the archive's other reports are still read.
    return joined(await Promise.all(xml.map(([name, content]) => settled(`${source}!${name}`, () => reportsIn(`${source}!${name}`, content, depth, true)))));
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (looksLikeXml(text)) return { reports: [await parseAggregateXml(text.replace(/^\uFEFF/, ""), source)], skipped: [] };
  // A report attached to a message attached to a message is no receiver's way: one level is read.
  if (depth === 0 && !unpacked && looksLikeMessage(text)) return reportsInMessage(source, bytes);
  throw new NotAReportError(depth === 0 ? "notXml" : "notAggregateReport", firstLine(text));
}

const firstLine = (text: string) => {
  const line = text.split(/\r?\n/, 1)[0] ?? "";
  // Binary junk is not echoed to the terminal: the reason names the file, not its bytes.
  return /^[\x20-\x7e]{1,80}$/.test(line) ? line : "-";
};

async function settled(file: string, read: () => Promise<ReadFiles>): Promise<ReadFiles> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof NotAReportError)) throw error;
    return { reports: [], skipped: [{ file, reason: error.reason, detail: error.detail }] };
  }
}

const joined = (parts: readonly ReadFiles[]): ReadFiles => ({ reports: parts.flatMap((part) => part.reports), skipped: parts.flatMap((part) => part.skipped) });

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const { gunzipSync } = await import("node:zlib");
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED_BYTES });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_BUFFER_TOO_LARGE") throw new NotAReportError("tooLarge", `> ${MAX_UNPACKED_BYTES} bytes`);
    throw new NotAReportError("badGzip", (error as Error).message);
  }
}

async function unzip(bytes: Uint8Array): Promise<[string, Uint8Array][]> {
  const { unzipSync } = await import("fflate");
  let unpacked = 0;
  try {
    const files = unzipSync(bytes, {
      filter: (file) => {
        unpacked += file.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES) throw new NotAReportError("tooLarge", `> ${MAX_UNPACKED_BYTES} bytes`);
        return true;
      },
    });
    return Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (error) {
    if (error instanceof NotAReportError) throw error;
    throw new NotAReportError("badZip", (error as Error).message);
  }
}

async function reportsInMessage(source: string, bytes: Uint8Array): Promise<ReadFiles> {
  const { simpleParser } = await import("mailparser");
  let attachments: { filename?: string | undefined; content: Buffer }[];
  try {
    ({ attachments } = await simpleParser(Buffer.from(bytes), { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true }));
  } catch (error) {
    throw new NotAReportError("badMessage", (error as Error).message);
  }
  const parts: ReadFiles[] = [];
  for (const [index, attachment] of attachments.entries()) {
    const name = `${source}!${attachment.filename ?? `attachment-${index + 1}`}`;
    parts.push(await settled(name, () => reportsIn(name, attachment.content, 1)));
  }
  const read = joined(parts);
  if (read.reports.length === 0 && read.skipped.length === 0) throw new NotAReportError("noReportAttached", "-");
  if (read.reports.length === 0) throw new NotAReportError("noReportAttached", read.skipped.map((skip) => `${skip.file}: ${skip.reason}`).join("; "));
  // A message with a report and a logo: the logo is no report, and no reason to name the message as skipped.
  return { reports: read.reports, skipped: [] };
}

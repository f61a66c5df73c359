/**
 * A DMARC aggregate report (RFC 7489 appendix C, and the 2.0 draft that followed it) as byodkim
 * needs it: who reported, for which policy domain, over which period, and for each record how many
 * messages and which DKIM signatures the receiver saw. Everything else in the file is left out.
 */

/** One DKIM result of a record's `auth_results`: the signature's `d=` and `s=`, and the receiver's verdict. */
export interface DkimResult {
  readonly domain: string;
  /** RFC 7489 makes the selector optional; some receivers leave it out. */
  readonly selector: string | null;
  /** Lower-case, as RFC 8601 names them: pass, fail, temperror, permerror, neutral, policy, none. */
  readonly result: string;
}

export interface DmarcRecord {
  /** How many messages this row stands for (`<count>`). */
  readonly count: number;
  readonly sourceIp: string | null;
  readonly headerFrom: string | null;
  /** `policy_evaluated`: DMARC's own aligned DKIM and SPF verdicts, pass or fail. */
  readonly policyDkim: string | null;
  readonly policySpf: string | null;
  readonly dkim: readonly DkimResult[];
}

export interface DmarcReport {
  /** The file it was read from (and the entry inside an archive or a message): `a.zip!report.xml`. */
  readonly source: string;
  readonly org: string;
  readonly reportId: string;
  /** The reporting period, UTC ISO. */
  readonly begin: string;
  readonly end: string;
  /** `policy_published/domain`: the domain whose mail this report is about. */
  readonly domain: string;
  readonly records: readonly DmarcRecord[];
}

/** Why a file is not read as a report: a code for `--json`, the sentence comes from the catalogue. */
export type SkipReason =
  | "notXml"
  | "notAggregateReport"
  | "missingElement"
  | "badGzip"
  | "badZip"
  | "noReportInArchive"
  | "archiveInArchive"
  | "badMessage"
  | "noReportAttached"
  | "tooLarge"
  | "unreadable";

export class NotAReportError extends Error {
  constructor(
    readonly reason: SkipReason,
    /** What exactly was wrong (the parser's words, the missing element), shown after the reason. */
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = "NotAReportError";
  }
}

type Node = Record<string, unknown>;

const asArray = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** An element's text: fast-xml-parser gives a string, or an object with `#text` when the element also had attributes. */
function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  if (value !== null && typeof value === "object" && "#text" in value) return text((value as Node)["#text"]);
  return null;
}

const node = (value: unknown): Node | null => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Node) : null);

function required(parent: Node | null, name: string, where: string): string {
  const value = parent === null ? null : text(asArray(parent[name])[0]);
  if (value === null || value === "") throw new NotAReportError("missingElement", `${where}/${name}`);
  return value;
}

function epoch(value: string, where: string): string {
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seconds)) throw new NotAReportError("missingElement", `${where} (${value})`);
  return new Date(seconds * 1000).toISOString();
}

const lower = (value: string | null) => (value === null ? null : value.toLowerCase());

function record(value: unknown, index: number): DmarcRecord {
  const where = `feedback/record[${index + 1}]`;
  const recordNode = node(value);
  const row = node(recordNode?.["row"]);
  const countText = required(row, "count", `${where}/row`);
  if (!/^\d+$/.test(countText)) throw new NotAReportError("missingElement", `${where}/row/count (${countText})`);
  const evaluated = node(row?.["policy_evaluated"]);
  const identifiers = node(recordNode?.["identifiers"]);
  const auth = node(recordNode?.["auth_results"]);
  const dkim = asArray(auth?.["dkim"]).flatMap((entry): DkimResult[] => {
    const result = node(entry);
    const domain = text(result?.["domain"]);
    const verdict = text(result?.["result"]);
    // A dkim element without its d= or its result says nothing about a selector.
    if (!domain || !verdict) return [];
    const selector = text(result?.["selector"]);
    return [{ domain: domain.toLowerCase(), selector: selector ? selector : null, result: verdict.toLowerCase() }];
  });
  return {
    count: Number(countText),
    sourceIp: text(row?.["source_ip"]),
    headerFrom: lower(text(identifiers?.["header_from"])),
    policyDkim: lower(text(evaluated?.["dkim"])),
    policySpf: lower(text(evaluated?.["spf"])),
    dkim,
  };
}

/**
 * The validator's reason on one line. Tags left open (a download cut short) it reports as a JSON
 * list at line 1, which says nothing to an operator: those are named as the tags never closed.
 */
function validatorWords(err: { code: string; msg: string; line: number }): string {
  const open = err.code === "InvalidXml" ? /^Invalid '(\[[\s\S]*\])' found\.$/.exec(err.msg) : null;
  if (open) {
    try {
      const tags = JSON.parse(open[1]!) as string[];
      return `ends before ${tags
        .map((tag) => `</${tag}>`)
        .reverse()
        .join(" ")}`;
    } catch {
      // Not the list it looked like: the parser's own words below.
    }
  }
  return `${err.msg.replace(/\s+/g, " ")} (line ${err.line})`;
}

/**
 * One aggregate report from its XML, in any namespace or none. Throws NotAReportError for text
 * that is not well-formed XML or not a report; elements the report does not need may be missing.
 */
export async function parseAggregateXml(xml: string, source: string): Promise<DmarcReport> {
  const { XMLParser, XMLValidator } = await import("fast-xml-parser");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new NotAReportError("notXml", validatorWords(valid.err));
  // Tag values stay text: a report id of twenty digits is not a number, and counts are checked below.
  const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, ignoreDeclaration: true, ignorePiTags: true });
  const document = node(parser.parse(xml));
  const feedback = node(document?.["feedback"]);
  if (!feedback) throw new NotAReportError("notAggregateReport", Object.keys(document ?? {}).join(", ") || "-");
  const metadata = node(feedback["report_metadata"]);
  const range = node(metadata?.["date_range"]);
  const policy = node(feedback["policy_published"]);
  const records = asArray(feedback["record"]);
  if (records.length === 0) throw new NotAReportError("missingElement", "feedback/record");
  return {
    source,
    org: required(metadata, "org_name", "feedback/report_metadata"),
    reportId: required(metadata, "report_id", "feedback/report_metadata"),
    begin: epoch(required(range, "begin", "feedback/report_metadata/date_range"), "feedback/report_metadata/date_range/begin"),
    end: epoch(required(range, "end", "feedback/report_metadata/date_range"), "feedback/report_metadata/date_range/end"),
    domain: required(policy, "domain", "feedback/policy_published").toLowerCase(),
    records: records.map(record),
  };
}

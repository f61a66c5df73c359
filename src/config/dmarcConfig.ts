import { isS3KeyPrefix } from "./names.js";
import type { ConfigReader } from "./configReader.js";

/** Where receivers' DMARC aggregate reports land: a folder, or an S3 prefix (`s3://bucket/prefix`). */
export type ReportSource = { readonly kind: "folder"; readonly path: string } | { readonly kind: "s3"; readonly bucket: string; readonly prefix: string };

/** `dmarc:`, read by `report dmarc` (and retire's check of the old selector). */
export interface DmarcConfig {
  /** `dmarc.reports`, as written (a relative folder is taken from where byodkim runs, as `journal.dir` is). */
  readonly reports: string;
}

export const DMARC_KEYS = ["reports"] as const;

const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** `--from` or `dmarc.reports`; undefined for an empty text or an `s3://` address without a valid bucket name. */
export function parseReportSource(text: string): ReportSource | undefined {
  if (!text.startsWith("s3://")) return text.length > 0 ? { kind: "folder", path: text } : undefined;
  const rest = text.slice("s3://".length);
  const slash = rest.indexOf("/");
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const prefix = slash === -1 ? "" : rest.slice(slash + 1);
  // The prefix goes into the IAM grant as it is: one IAM would read as a pattern is no source.
  return S3_BUCKET.test(bucket) && isS3KeyPrefix(prefix) ? { kind: "s3", bucket, prefix } : undefined;
}

/** The config's `dmarc:`; undefined when absent (report dmarc then needs --from, retire says it could not check). */
export function readDmarc(read: ConfigReader): DmarcConfig | undefined {
  const value = read.value("dmarc");
  if (value === undefined || value === null) return undefined;
  if (!read.mapping("dmarc", "a mapping with reports, e.g. { reports: ./dmarc-reports } or { reports: s3://my-bucket/dmarc/ }", DMARC_KEYS)) return undefined;
  const reports = read.optionalString(
    "dmarc.reports",
    "a folder or an s3://bucket/prefix address where DMARC aggregate reports land, e.g. ./dmarc-reports",
    (text) => parseReportSource(text) !== undefined,
  );
  return reports === undefined ? undefined : { reports };
}

import { isS3KeyPrefix } from "./names.js";
import type { ConfigReader } from "./configReader.js";

/** Where a run's journal is mirrored in S3: `s3://<bucket>/<prefix><domain>/<journal file name>`. */
export interface JournalMirrorLocation {
  readonly bucket: string;
  /** Ends with `/` (or is empty: the bucket's top). */
  readonly prefix: string;
}

export const JOURNAL_MIRROR_DEFAULT_PREFIX = "byodkim/journal/";

export const JOURNAL_S3_KEYS = ["bucket", "prefix"] as const;

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** `journal.s3:`; undefined when absent (the journals stay on this machine only). */
export function readJournalMirror(read: ConfigReader): JournalMirrorLocation | undefined {
  const value = read.value("journal.s3");
  if (value === undefined || value === null) return undefined;
  if (!read.mapping("journal.s3", "a mapping with bucket and optionally prefix, e.g. { bucket: my-journal-bucket, prefix: byodkim/journal/ }", JOURNAL_S3_KEYS))
    return undefined;
  const bucket = read.string("journal.s3.bucket", "the S3 bucket name the run journals are mirrored to", (s) => BUCKET_NAME.test(s));
  const given = read.optionalString(
    "journal.s3.prefix",
    "a key prefix such as byodkim/journal/ (no *, ?, $, spaces or .. parts, not starting with /)",
    isS3KeyPrefix,
  );
  const prefix = given === undefined ? JOURNAL_MIRROR_DEFAULT_PREFIX : given === "" || given.endsWith("/") ? given : `${given}/`;
  return { bucket, prefix };
}

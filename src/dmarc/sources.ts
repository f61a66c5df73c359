import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { ReportObjectsPort } from "../aws/types.js";
import type { ReportSource } from "../config/dmarcConfig.js";
import { byodkimError } from "../errors.js";
import { FileTooLargeError, NotRegularFileError, readOwnBytes } from "../state/ownFiles.js";
import { MAX_UNPACKED_BYTES, type ReadFiles, readReportFile, type SkippedFile } from "./reportFile.js";

export const describeSource = (source: ReportSource) => (source.kind === "folder" ? source.path : `s3://${source.bucket}/${source.prefix}`);

/** A compressed report is a fraction of its XML: a stored file past this is not a report and is not read. */
export const MAX_REPORT_FILE_BYTES = MAX_UNPACKED_BYTES;

/** Names a collector leaves beside the reports (`.DS_Store`, a partial download): no report, and no line in the skipped list. */
const ignored = (name: string) => name.split("/").some((part) => part.startsWith("."));

const collect = async (reads: AsyncIterable<ReadFiles | SkippedFile>): Promise<ReadFiles> => {
  const reports: ReadFiles["reports"][number][] = [];
  const skipped: SkippedFile[] = [];
  for await (const read of reads) {
    if ("reason" in read) skipped.push(read);
    else {
      reports.push(...read.reports);
      skipped.push(...read.skipped);
    }
  }
  return { reports, skipped };
};

/**
 * Every report in the folder and its subfolders, in name order. Each file goes through ownFiles:
 * only a regular file is read, so a FIFO or a link planted among the reports is skipped, not followed.
 * A folder that is not there is an error for the caller (ENOENT from readdirSync).
 */
export function readReportFolder(path: string): Promise<ReadFiles> {
  const names = (readdirSync(path, { recursive: true, encoding: "utf8" }) as string[]).filter((name) => !ignored(name)).sort();
  return collect(
    (async function* () {
      for (const name of names) {
        const file = join(path, name);
        let bytes: Buffer;
        try {
          bytes = readOwnBytes(file, MAX_REPORT_FILE_BYTES);
        } catch (error) {
          if (error instanceof NotRegularFileError && error.kind === "directory") continue;
          if (error instanceof FileTooLargeError) yield { file, reason: "tooLarge", detail: `> ${MAX_REPORT_FILE_BYTES} bytes` } satisfies SkippedFile;
          else if (error instanceof NotRegularFileError) yield { file, reason: "unreadable", detail: error.kind } satisfies SkippedFile;
          else yield { file, reason: "unreadable", detail: (error as NodeJS.ErrnoException).code ?? "unknown" } satisfies SkippedFile;
          continue;
        }
        yield await readReportFile(file, bytes);
      }
    })(),
  );
}

/** Every report under the S3 prefix, in key order. */
export function readReportObjects(port: ReportObjectsPort, bucket: string, prefix: string): Promise<ReadFiles> {
  return collect(
    (async function* () {
      const keys = (await port.list(bucket, prefix)).filter((key) => !key.endsWith("/") && !ignored(key.slice(prefix.length))).sort();
      for (const key of keys) {
        const file = `s3://${bucket}/${key}`;
        const object = await port.read(bucket, key, MAX_REPORT_FILE_BYTES);
        // Gone between the listing and the read (a collector moved it): nothing to report, and nothing wrong.
        if (object === null) continue;
        if ("tooLarge" in object) yield { file, reason: "tooLarge", detail: `${object.tooLarge} bytes` } satisfies SkippedFile;
        else yield await readReportFile(file, object.bytes);
      }
    })(),
  );
}

/**
 * Every report at the source: a folder through ownFiles, an S3 prefix through the port (absent:
 * the caller has no S3 client, said as such). A folder that is not there, or not a folder, is a
 * ByodkimError with the sentence and the way to name another; a file that is no report is skipped.
 */
export async function readReportSource(source: ReportSource, port: ReportObjectsPort | undefined): Promise<ReadFiles> {
  if (source.kind === "s3") {
    if (!port) throw byodkimError("aws", "dmarc.s3Unavailable", { source: describeSource(source) });
    return readReportObjects(port, source.bucket, source.prefix);
  }
  try {
    return await readReportFolder(source.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw byodkimError("input", "dmarc.folderMissing", { path: source.path }, "dmarc.noSource.hint");
    if (code === "ENOTDIR") throw byodkimError("input", "dmarc.notAFolder", { path: source.path }, "dmarc.noSource.hint");
    if (code === "EACCES") throw byodkimError("input", "dmarc.folderUnreadable", { path: source.path });
    throw error;
  }
}

import { accessSync, constants, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type DnsHandoff, handoffFiles } from "../dkim/handoff.js";
import { byodkimError } from "../errors.js";
import { type Msg, msg } from "../messages/msg.js";

const reasonOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? "unknown";

/** Checked before any key is made: a folder that cannot take the files is an input error, with nothing changed. */
export function prepareHandoffDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw byodkimError("input", "keygen.outUnwritable", { dir, reason: reasonOf(err) });
  }
}

/** The DNS team's ticket attachments. The key is already safe in S3 by now, so a failure here is a warning, not a failed keygen. */
export function writeHandoffFiles(dir: string, handoff: DnsHandoff): { files: string[]; warning: Msg | null } {
  const files: string[] = [];
  try {
    for (const { fileName, content } of handoffFiles(handoff)) {
      const path = join(dir, fileName);
      writeFileSync(path, content);
      files.push(path);
    }
    return { files, warning: null };
  } catch (err) {
    return { files, warning: msg("keygen.outUnwritable", { dir, reason: reasonOf(err) }) };
  }
}

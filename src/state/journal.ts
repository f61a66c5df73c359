import { readdirSync } from "node:fs";
import { join } from "node:path";
import { byodkimError } from "../errors.js";
import { type Msg, msg } from "../messages/msg.js";
import { appendOwnFile, ensureOwnFolder, FolderIsLinkError, NotRegularFileError, readOwnFile } from "./ownFiles.js";

export interface JournalEntry {
  readonly at: string;
  readonly event: string;
  readonly [field: string]: unknown;
}

/** A journal as read back: the entries that could be read, and a warning for each line that could not. */
export interface JournalRead {
  readonly entries: readonly JournalEntry[];
  readonly warnings: readonly Msg[];
}

/** The journals of a domain, newest first, and a warning for each entry of the folder skipped as not a file. */
export interface JournalList {
  readonly paths: readonly string[];
  readonly warnings: readonly Msg[];
}

/** One run's journal: append-only, one JSON line an event. */
export interface JournalWriter {
  readonly path: string;
  readonly runId: string;
  append(event: string, fields?: Record<string, unknown>): void;
  /**
   * A call has ended (its outcome journaled): the journal's mirror, when there is one, is brought up
   * to date in the background. Never waits, never throws: the mirror is a side channel.
   */
  boundary?(): void;
}

/** The journals of every run on this machine, as the commands see them (injected, like AWS and DNS). */
export interface JournalStore {
  open(command: string, domain: string, runId: string): JournalWriter;
  /** The journal files of exactly this domain (as their first entry records it), newest first; never hangs on a planted FIFO. */
  list(domain: string): JournalList;
  /** Never throws: history must not stop a rollback. What it skipped comes back as warnings. */
  read(path: string): JournalRead;
  /**
   * Copies into the journal folder the mirrored journals (config journal.s3) of this domain, or of
   * every domain, that are not there yet; what it could not do comes back as warnings, never as a
   * failure. Absent: the journals are local only.
   */
  recall?(domain: string | undefined): Promise<readonly Msg[]>;
}

export function createJournalStore(directory: string, now: () => Date): JournalStore {
  return {
    open: (command, domain, runId) => new Journal(directory, runId, command, domain, now),
    list: (domain) => journalsFor(directory, domain),
    read: readJournal,
  };
}

/**
 * Append-only JSON lines, one file per run, written synchronously: if the process dies halfway,
 * every step it took is already on disk for `rollback` to read. Entries pass through
 * JSON.stringify, where key material serialises as its redaction.
 */
export class Journal implements JournalWriter {
  readonly path: string;

  constructor(
    directory: string,
    readonly runId: string,
    command: string,
    domain: string,
    private readonly now: () => Date,
  ) {
    try {
      ensureOwnFolder(directory, 0o700);
    } catch (err) {
      if (!(err instanceof FolderIsLinkError)) throw err;
      throw byodkimError("config", "journal.folderIsLink", { path: err.path, real: err.real }, "journal.folderIsLink.hint", { real: err.real });
    }
    const stamp = now().toISOString().replace(/[:.]/g, "-");
    this.path = join(directory, `${stamp}-${domain}-${command}-${runId}.jsonl`);
  }

  append(event: string, fields: Record<string, unknown> = {}): void {
    try {
      appendOwnFile(this.path, `${JSON.stringify({ at: this.now().toISOString(), event, ...fields })}\n`, 0o600);
    } catch (err) {
      if (!(err instanceof NotRegularFileError)) throw err;
      throw byodkimError("config", "journal.notRegular", { path: this.path, kind: err.kind }, "journal.notRegular.hint");
    }
  }
}

const asEntry = (line: string): JournalEntry | undefined => {
  try {
    const value: unknown = JSON.parse(line);
    const isEntry = value !== null && typeof value === "object" && !Array.isArray(value) && typeof (value as JournalEntry).event === "string";
    return isEntry ? (value as JournalEntry) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Reads a journal's text tolerantly. A process killed mid-append leaves its last line cut off;
 * that line is skipped with a warning saying so, as is any other line that is not an entry. The
 * entries before and after it still count: they are what the run did.
 */
export function parseJournal(text: string, path: string): JournalRead {
  const lines = text.split("\n");
  let last = lines.length - 1;
  while (last > 0 && lines[last]!.trim() === "") last--;
  const entries: JournalEntry[] = [];
  const warnings: Msg[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const entry = asEntry(line);
    if (entry) entries.push(entry);
    else warnings.push(index === last ? msg("journal.tornLine", { path }) : msg("journal.badLine", { path, line: index + 1 }));
  });
  return { entries, warnings };
}

/** A journal file read whole; a FIFO, a device, a link or a folder in its place is skipped, saying what it is. */
export function readJournal(path: string): JournalRead {
  let text: string;
  try {
    text = readOwnFile(path);
  } catch (err) {
    return { entries: [], warnings: [unreadableJournal(path, err)] };
  }
  return parseJournal(text, path);
}

/** The warning for a journal that could not be read: a thing not a file is named as what it is. */
export const unreadableJournal = (path: string, err: unknown): Msg =>
  err instanceof NotRegularFileError ? msg("journal.skippedNotRegular", { path, kind: err.kind }) : msg("journal.unreadable", { path });

/**
 * The domain a journal belongs to, from its first entry (run-started and walk-started carry it).
 * The file name cannot say: `…-my-goo.ne.jp-enable-…` contains `-goo.ne.jp-` too.
 */
export function recordedDomain(entries: readonly JournalEntry[]): string | undefined {
  const domain = entries[0]?.["domain"];
  return typeof domain === "string" ? domain : undefined;
}

/**
 * The journal files of exactly this domain, newest first; the file name is only a cheap pre-filter.
 * What is not a regular file under a journal's name (a planted FIFO or link) is skipped with a warning.
 */
export function journalsFor(directory: string, domain: string): JournalList {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return { paths: [], warnings: [] };
  }
  const paths: string[] = [];
  const warnings: Msg[] = [];
  for (const name of names
    .filter((candidate) => candidate.endsWith(".jsonl") && candidate.includes(`-${domain}-`))
    .sort()
    .reverse()) {
    const path = join(directory, name);
    const read = readJournal(path);
    if (recordedDomain(read.entries) === domain) paths.push(path);
    else warnings.push(...read.warnings.filter((warning) => warning.key === "journal.skippedNotRegular"));
  }
  return { paths, warnings };
}

/** Whether a journal's file name says it belongs to this command (`…-<domain>-<command>-<runId>.jsonl`). */
export const isJournalOf = (path: string, command: string) => new RegExp(`-${command}-[^-/]+\\.jsonl$`).test(path);

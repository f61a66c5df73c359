import { appendFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface JournalEntry {
  readonly at: string;
  readonly event: string;
  readonly [field: string]: unknown;
}

/** ~/.byodkim/journal unless BYODKIM_JOURNAL_DIR or the config's journal.dir says otherwise. */
export function journalDirectory(env: NodeJS.ProcessEnv, configured: string | undefined): string {
  return env["BYODKIM_JOURNAL_DIR"] || configured || join(homedir(), ".byodkim", "journal");
}

/** One run's journal: append-only, one JSON line an event. */
export interface JournalWriter {
  readonly path: string;
  readonly runId: string;
  append(event: string, fields?: Record<string, unknown>): void;
}

/** The journals of every run on this machine, as the commands see them (injected, like AWS and DNS). */
export interface JournalStore {
  open(command: string, domain: string, runId: string): JournalWriter;
  /** The journal files for a domain, newest first. */
  list(domain: string): string[];
  read(path: string): JournalEntry[];
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
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const stamp = now().toISOString().replace(/[:.]/g, "-");
    this.path = join(directory, `${stamp}-${domain}-${command}-${runId}.jsonl`);
  }

  append(event: string, fields: Record<string, unknown> = {}): void {
    appendFileSync(this.path, `${JSON.stringify({ at: this.now().toISOString(), event, ...fields })}\n`, { mode: 0o600 });
  }
}

export function readJournal(path: string): JournalEntry[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as JournalEntry);
}

/** The journal files for a domain, newest first. */
export function journalsFor(directory: string, domain: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".jsonl") && name.includes(`-${domain}-`))
    .sort()
    .reverse()
    .map((name) => join(directory, name));
}

/** Whether a journal's file name says it belongs to this command (`…-<domain>-<command>-<runId>.jsonl`). */
export const isJournalOf = (path: string, command: string) => new RegExp(`-${command}-[^-/]+\\.jsonl$`).test(path);

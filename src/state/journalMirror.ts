import { basename, join } from "node:path";
import type { JournalMirrorPort } from "../aws/types.js";
import type { JournalMirrorLocation } from "../config/journalConfig.js";
import { ByodkimError } from "../errors.js";
import { type Msg, msg } from "../messages/msg.js";
import { type JournalStore, type JournalWriter, parseJournal, recordedDomain } from "./journal.js";
import { ensureOwnFolder, entryAt, MAX_READ_BYTES, readOwnFile, writeNewFile } from "./ownFiles.js";

/** The journal store with its mirror: `settle` brings every journal this run opened up to date, within a bound. */
export interface MirroredJournalStore extends JournalStore {
  /** Resolves once each journal opened is mirrored as it stands, or once `within` ends, whichever comes first. */
  settle(within: Promise<void>): Promise<void>;
}

export interface JournalMirrorOptions {
  readonly port: JournalMirrorPort;
  readonly location: JournalMirrorLocation;
  /** The local journal folder, where recalled journals are copied. */
  readonly directory: string;
  /** Said to the operator as it happens (a failed upload, a bucket that could not be read). */
  readonly warn: (warnings: readonly Msg[]) => void;
  /** Ends the wait for a recall: an incident never waits long on a slow bucket. */
  readonly recallBound: () => Promise<void>;
}

/** `<prefix><domain>/<file name>`: one folder a domain, so a reader lists exactly one domain's runs. */
export const mirrorKey = (location: JournalMirrorLocation, domain: string, path: string) => `${location.prefix}${domain}/${basename(path)}`;

/** A journal's file name as the store writes it: nothing else is ever copied in from the bucket. */
const JOURNAL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]*\.jsonl$/;

const reasonOf = (err: unknown): Msg[] => (err instanceof ByodkimError ? [err.what] : []);

/**
 * Mirrors each run's journal to S3 at each call boundary and at the run's end, and reads the mirrored
 * ones back. A side channel (the journal on disk stays the record): an upload runs in the background,
 * never between two calls, and a failure is a warning and a journal line, never a failed change.
 */
export function mirrorJournals(local: JournalStore, options: JournalMirrorOptions): MirroredJournalStore {
  const { port, location } = options;
  const opened: MirroredWriter[] = [];
  let warnedUpload = false;
  const uploadFailed = (writer: JournalWriter, key: string, err: unknown) => {
    // Once a run: a bucket that refuses the first copy refuses the next ones too.
    if (warnedUpload) return;
    warnedUpload = true;
    options.warn([msg("journal.mirror.putFailed", { bucket: location.bucket, key }), ...reasonOf(err)]);
    try {
      writer.append("journal-mirror-failed", { bucket: location.bucket, key, reason: err instanceof ByodkimError ? err.what.key : "unknown" });
    } catch {
      // The journal itself failing is said by the run's own next append.
    }
  };
  return {
    open(command, domain, runId) {
      const writer = new MirroredWriter(local.open(command, domain, runId), port, location.bucket, mirrorKey(location, domain, ""), uploadFailed);
      opened.push(writer);
      return writer;
    },
    list: (domain) => local.list(domain),
    read: (path) => local.read(path),
    async settle(within) {
      if (opened.length === 0) return;
      const done = Promise.all(opened.map((writer) => writer.mirror())).then(() => true);
      if (!(await Promise.race([done, within.then(() => false)])))
        options.warn([msg("journal.mirror.unfinished", { bucket: location.bucket, prefix: location.prefix })]);
    },
    async recall(domain) {
      const recalling = recallJournals(port, location, options.directory, domain);
      const bounded = await Promise.race([recalling, options.recallBound().then(() => null)]);
      return bounded ?? [msg("journal.mirror.recallSlow", { bucket: location.bucket })];
    },
  };
}

class MirroredWriter implements JournalWriter {
  private queue: Promise<void> = Promise.resolve();
  /** An upload already waits its turn: it will carry every line written before it starts. */
  private waiting = false;
  readonly key: string;

  constructor(
    private readonly journal: JournalWriter,
    private readonly port: JournalMirrorPort,
    private readonly bucket: string,
    domainFolder: string,
    private readonly failed: (writer: JournalWriter, key: string, err: unknown) => void,
  ) {
    this.key = `${domainFolder}${basename(journal.path)}`;
  }

  get path() {
    return this.journal.path;
  }
  get runId() {
    return this.journal.runId;
  }

  append(event: string, fields?: Record<string, unknown>): void {
    this.journal.append(event, fields);
  }

  boundary(): void {
    void this.mirror();
  }

  /** One upload at a time, at most one more waiting: a burst of boundaries costs two uploads, not one each. */
  mirror(): Promise<void> {
    if (this.waiting) return this.queue;
    this.waiting = true;
    this.queue = this.queue.then(async () => {
      this.waiting = false;
      try {
        await this.port.put(this.bucket, this.key, readOwnFile(this.path));
      } catch (err) {
        this.failed(this.journal, this.key, err);
      }
    });
    return this.queue;
  }
}

/**
 * Copies the domain's mirrored journals (or every domain's) not in the folder yet. Only a name a
 * journal has is taken, it is created and never written over (a local journal is the record of its
 * own run), never through a link, and only when its first entry names the domain it was filed under.
 */
async function recallJournals(port: JournalMirrorPort, location: JournalMirrorLocation, directory: string, domain: string | undefined): Promise<Msg[]> {
  const prefix = domain === undefined ? location.prefix : `${location.prefix}${domain}/`;
  let keys: string[];
  try {
    keys = await port.list(location.bucket, prefix);
  } catch (err) {
    return [msg("journal.mirror.listFailed", { bucket: location.bucket, prefix }), ...reasonOf(err)];
  }
  const wanted = keys.flatMap((key) => {
    const [folder, name, ...deeper] = key.slice(location.prefix.length).split("/");
    const fits = folder !== undefined && name !== undefined && deeper.length === 0 && JOURNAL_NAME.test(name) && name.includes(`-${folder}-`);
    return fits && (domain === undefined || folder === domain) && entryAt(join(directory, name)) === null ? [{ key, folder, name }] : [];
  });
  if (wanted.length === 0) return [];
  try {
    ensureOwnFolder(directory, 0o700);
  } catch {
    return [msg("journal.mirror.folderUnusable", { bucket: location.bucket, directory })];
  }
  const warnings: Msg[] = [];
  let unread = 0;
  for (const { key, folder, name } of wanted) {
    let text: string | null;
    try {
      text = await port.read(location.bucket, key, MAX_READ_BYTES);
    } catch (err) {
      if (unread++ === 0) warnings.push(msg("journal.mirror.getFailed", { bucket: location.bucket, key }), ...reasonOf(err));
      continue;
    }
    if (text === null || recordedDomain(parseJournal(text, key).entries) !== folder) continue;
    try {
      writeNewFile(join(directory, name), text, 0o600);
    } catch {
      // Written meanwhile (another run recalled it), or something planted at the name: the folder's own reading says which.
    }
  }
  return warnings;
}

import type { JournalMirrorPort } from "../../src/aws/types.js";

/** One put as the bucket received it: the journal's text at that moment. */
export interface JournalPut {
  readonly key: string;
  readonly text: string;
}

/**
 * An in-memory journal bucket behind the mirror's port, with the faults a bucket has: refusing
 * puts, never answering them (held until released), refusing lists.
 */
export function fakeJournalBucket(bucket = "journal-bucket") {
  const objects = new Map<string, string>();
  const puts: JournalPut[] = [];
  const faults = { put: null as Error | null, list: null as Error | null, holdPuts: false };
  const held: (() => void)[] = [];
  const port: JournalMirrorPort = {
    async put(name, key, text) {
      if (name !== bucket) throw new Error(`no bucket ${name}`);
      if (faults.put) throw faults.put;
      if (faults.holdPuts) await new Promise<void>((resolve) => held.push(resolve));
      puts.push({ key, text });
      objects.set(key, text);
    },
    async list(name, prefix) {
      if (faults.list) throw faults.list;
      return name === bucket ? [...objects.keys()].filter((key) => key.startsWith(prefix)).sort() : [];
    },
    async read(name, key, maxBytes) {
      const text = name === bucket ? objects.get(key) : undefined;
      return text === undefined || Buffer.byteLength(text) > maxBytes ? null : text;
    },
  };
  return {
    bucket,
    port,
    objects,
    puts,
    faults,
    releaseHeld: () => {
      faults.holdPuts = false;
      for (const release of held.splice(0)) release();
    },
  };
}

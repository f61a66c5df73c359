import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { Msg } from "../messages/msg.js";
import { type JournalEntry, readJournal } from "../state/journal.js";

/** The journal command of a walk of this runbook: `run-<runbook id>`. */
export const walkCommand = (runbookId: string) => `run-${runbookId}`;

/** A step a walk journaled as done: when, and who walked it (what `--resume`, `report --list` and `runbook export --run` show). */
export interface StepDone {
  readonly step: string;
  /** When it was done; for a step a resumed walk carried over, when the earlier walk did it. */
  readonly at: string;
  /** The AWS caller the walk ran as (what a change run journals as its operator); null when it could not be read. */
  readonly operator: string | null;
  readonly host: string | null;
  /** A human check the operator answered, not a step byodkim ran. */
  readonly byHand: boolean;
  /** Done by an earlier walk this one resumed. */
  readonly carried: boolean;
}

/** One walk as its journal records it. */
export interface JournaledWalk {
  readonly path: string;
  readonly runId: string;
  readonly runbook: string;
  readonly domain: string;
  readonly startedAt: string;
  readonly operator: string | null;
  readonly host: string | null;
  /** In the order they were journaled. */
  readonly done: ReadonlyMap<string, StepDone>;
  readonly failed: ReadonlySet<string>;
  /** Human checks answered "not done": the walk stopped there. */
  readonly notDone: ReadonlySet<string>;
  /** The selector the walk's keygen step created, for its later steps. */
  readonly keySelector: string | undefined;
  /** null: the walk has no `walk-ended` entry (it was cut short, or is still walking). */
  readonly ended: { readonly at: string; readonly exitCode: number; readonly stoppedAt: string | null } | null;
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** The walk a journal records, or null for a journal that is not a walk's. */
export function journaledWalk(path: string, entries: readonly JournalEntry[]): JournaledWalk | null {
  const first = entries[0];
  if (first?.event !== "walk-started") return null;
  const runbook = text(first["runbook"]);
  const domain = text(first["domain"]);
  if (runbook === null || domain === null) return null;
  // Walks journaled before the run id was written name it only in the file name (…-<runId>.jsonl).
  const runId = text(first["runId"]) ?? basename(path, ".jsonl").split("-").at(-1) ?? "-";
  const operator = text(first["operator"]);
  const host = text(first["host"]);
  const done = new Map<string, StepDone>();
  const failed = new Set<string>();
  const notDone = new Set<string>();
  let keySelector: string | undefined;
  let ended: JournaledWalk["ended"] = null;
  for (const entry of entries) {
    const step = String(entry["step"] ?? "");
    if (entry.event === "step-done") {
      const carried = entry["resumed"] === true;
      done.set(step, {
        step,
        at: text(entry["doneAt"]) ?? entry.at,
        operator: carried ? text(entry["by"]) : (text(entry["by"]) ?? operator),
        host: carried ? text(entry["host"]) : (text(entry["host"]) ?? host),
        byHand: entry["byHand"] === true,
        carried,
      });
      failed.delete(step);
      notDone.delete(step);
      if (typeof entry["keySelector"] === "string") keySelector = entry["keySelector"];
    } else if (entry.event === "step-failed") failed.add(step);
    else if (entry.event === "step-not-done") notDone.add(step);
    else if (entry.event === "walk-ended") {
      const exitCode = typeof entry["exitCode"] === "number" ? entry["exitCode"] : -1;
      ended = { at: entry.at, exitCode, stoppedAt: text(entry["stoppedAt"]) };
    }
  }
  return { path, runId, runbook, domain, startedAt: first.at, operator, host, done, failed, notDone, keySelector, ended };
}

/** Every walk journaled in the folder, newest first, and what reading them skipped. */
export function listWalks(directory: string): { walks: JournaledWalk[]; warnings: Msg[] } {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith(".jsonl") && /-run-[a-z0-9-]+-[^-]+\.jsonl$/.test(name));
  } catch {
    names = [];
  }
  const walks: JournaledWalk[] = [];
  const warnings: Msg[] = [];
  for (const name of names) {
    const read = readJournal(join(directory, name));
    const walk = journaledWalk(join(directory, name), read.entries);
    if (!walk) continue;
    walks.push(walk);
    warnings.push(...read.warnings);
  }
  return { walks: newestWalkFirst(walks), warnings };
}

export const newestWalkFirst = (walks: readonly JournaledWalk[]): JournaledWalk[] =>
  [...walks].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.path.localeCompare(a.path));

import type { StateSecretFacts } from "../../aws/types.js";
import { stateSecretId } from "../../config/config.js";
import { type Fetched, fetchFact } from "../../gates/fetched.js";
import { type Msg, msg } from "../../messages/msg.js";
import { isJournalOf } from "../../state/journal.js";
import { readStateObject } from "../../state/stateSecret.js";
import { type DkimSnapshot, readSnapshot } from "./dkimSettings.js";
import { SNAPSHOT_FIELD } from "./snapshot.js";
import type { CommandContext } from "../context.js";
import { type SwitchHistory, switchHistory } from "./rollbackChoice.js";

export interface FoundSnapshot {
  readonly snapshot: DkimSnapshot | null;
  /** The state secret, or the local journal when Secrets Manager could not be read. */
  readonly source: "secret" | "journal" | "none";
  /** Whether byodkim's records say it ever switched the identity. */
  readonly history: SwitchHistory;
  /** The state record's `current_phase`, for saying why there is nothing to roll back. */
  readonly phase: string;
  readonly warnings: Msg[];
}

/** The settings enable or rotate snapshotted: from the state secret, or, when Secrets Manager fails, from the newest local enable or rotate journal. */
export async function findSnapshot(
  ctx: Pick<CommandContext, "aws" | "config" | "journal">,
  domain: string,
  /** The state secret as a read already under way has it (rollback's first check shares it). */
  secretRead?: Promise<Fetched<StateSecretFacts | null>>,
): Promise<FoundSnapshot> {
  // The mirrored journals (journal.s3) are fetched while the secret is read, and waited for only if the secret cannot say.
  const recalling = ctx.journal.recall?.(domain).catch(() => []) ?? Promise.resolve([]);
  // Listed up front even when the secret holds the snapshot: what the folder holds that is not a journal is said every time.
  let listed = ctx.journal.list(domain);
  const warnings: Msg[] = [...listed.warnings];
  const secret = await (secretRead ?? fetchFact(() => ctx.aws.state.readStateSecret(stateSecretId(ctx.config, domain))));
  // undefined: unreadable or not JSON; null: no such secret.
  const state = secret.ok ? (secret.value ? readStateObject(secret.value.text) : null) : undefined;
  const phase = String(state?.["current_phase"] ?? "-");
  if (secret.ok) {
    const snapshot = readSnapshot(state?.[SNAPSHOT_FIELD]);
    if (snapshot) return { snapshot, source: "secret", history: "switched", phase, warnings };
  } else {
    warnings.push(msg("rollback.secretUnreadable"), secret.error.what);
  }
  if (ctx.journal.recall) {
    warnings.push(...(await recalling));
    listed = ctx.journal.list(domain);
  }
  // Only a restorable snapshot will do: a rollback's own journal holds the settings it replaced.
  for (const path of listed.paths.filter((candidate) => isJournalOf(candidate, "enable") || isJournalOf(candidate, "rotate"))) {
    const read = ctx.journal.read(path);
    warnings.push(...read.warnings);
    const entry = read.entries.find((line) => line.event === "snapshot" && line["restorable"] !== false);
    const snapshot = readSnapshot(entry?.["snapshot"]);
    if (snapshot) {
      warnings.push(msg("rollback.fromJournal", { path }));
      return { snapshot, source: "journal", history: "switched", phase, warnings };
    }
  }
  return { snapshot: null, source: "none", history: switchHistory(null, state), phase, warnings };
}

/** The CNAMEs Easy DKIM needs: `<token>._domainkey.<domain>` → `<token>.<SigningHostedZone>`. */
export function easyDkimRecords(domain: string, tokens: readonly string[], hostedZone: string): { name: string; target: string }[] {
  return tokens.map((token) => ({ name: `${token}._domainkey.${domain}`, target: `${token}.${hostedZone}` }));
}

import type { DkimSnapshot } from "./enablePlan.js";

export type RollbackTarget = "disable" | "previous";

/** What rollback will do; shown before the one question. */
export interface RollbackPlan {
  readonly domain: string;
  readonly account: string;
  readonly region: string;
  readonly target: RollbackTarget;
  readonly current: DkimSnapshot;
  /** Where the snapshot came from: the state secret, or the local journal when Secrets Manager could not be read. */
  readonly snapshotSource: "secret" | "journal" | "none";
  readonly snapshot: DkimSnapshot | null;
  /** For `previous` with an EXTERNAL predecessor: its selector. */
  readonly previousSelector: string | null;
  readonly calls: readonly string[];
  readonly signingEnabledAfter: boolean;
}

export const isEasyDkimOrigin = (origin: string | null) => origin !== null && origin.startsWith("AWS_SES");

/** Reads a snapshot from the state secret's JSON or a journal entry; anything malformed counts as none. */
export function readSnapshot(value: unknown): DkimSnapshot | null {
  if (value === null || typeof value !== "object") return null;
  const snapshot = value as Partial<DkimSnapshot>;
  if (typeof snapshot.origin !== "string" || !Array.isArray(snapshot.tokens) || typeof snapshot.signingEnabled !== "boolean") return null;
  return {
    origin: snapshot.origin,
    tokens: snapshot.tokens.filter((token): token is string => typeof token === "string"),
    signingEnabled: snapshot.signingEnabled,
    status: snapshot.status ?? null,
    signingHostedZone: snapshot.signingHostedZone ?? null,
    keyLength: snapshot.keyLength ?? null,
    takenAt: snapshot.takenAt ?? "",
  };
}

export function rollbackCalls(target: RollbackTarget): string[] {
  return target === "disable"
    ? ["PutEmailIdentityDkimAttributes"]
    : ["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimAttributes"];
}

/** The CNAMEs Easy DKIM needs: `<token>._domainkey.<domain>` → `<token>.<SigningHostedZone>`. */
export function easyDkimRecords(domain: string, tokens: readonly string[], hostedZone: string): { name: string; target: string }[] {
  return tokens.map((token) => ({ name: `${token}._domainkey.${domain}`, target: `${token}.${hostedZone}` }));
}

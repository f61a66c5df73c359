import type { StateStorePort } from "../aws/types.js";
import { byodkimError } from "../errors.js";
import { editTopLevel } from "./stateText.js";

export type StateRecord = Record<string, unknown>;
/** Fields to set; `undefined` removes a field. Everything else in the secret is kept as it is. */
export type StatePatch = Readonly<Record<string, unknown>>;

export function parseState(text: string, secretId: string): StateRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw byodkimError("aws", "state.notJson", { secretId });
  }
  return value as StateRecord;
}

/** The state's JSON object, or undefined when the text is not one (the state gate reports that). */
export function readStateObject(text: string): StateRecord | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as StateRecord) : undefined;
  } catch {
    return undefined;
  }
}

export interface StateUpdate {
  readonly before: StateRecord;
  readonly after: StateRecord;
  readonly versionId: string | undefined;
  readonly requestId: string | undefined;
}

/**
 * Read, merge, write, keeping fields byodkim does not know byte for byte. Secrets Manager has no conditional
 * write, so the version is read again just before writing: if another writer got in between, the
 * patch is merged into their version instead of overwriting it.
 */
export async function updateState(store: StateStorePort, secretId: string, patch: (state: StateRecord) => StatePatch, attempts = 4): Promise<StateUpdate> {
  for (let attempt = 1; ; attempt++) {
    const read = await store.readStateSecret(secretId);
    if (read === null) throw byodkimError("aws", "state.missing", { secretId });
    const before = parseState(read.text, secretId);
    // The patch is applied to the secret's text, not to `before`: see stateText.ts for why.
    const text = editTopLevel(read.text, patch(before));
    const recheck = await store.readStateSecret(secretId);
    if (recheck?.versionId !== read.versionId && attempt < attempts) continue;
    if (recheck?.versionId !== read.versionId) throw byodkimError("aws", "state.concurrentWriter", { secretId });
    const written = await store.writeStateSecret(secretId, text);
    return { before, after: parseState(text, secretId), versionId: written.versionId, requestId: written.requestId };
  }
}

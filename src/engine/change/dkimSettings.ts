import type { SesIdentityFacts } from "../../aws/types.js";

/** SES's DKIM settings before a change: what `rollback --to previous` restores. */
export interface DkimSnapshot {
  readonly origin: string | null;
  readonly tokens: readonly string[];
  readonly signingEnabled: boolean;
  readonly status: string | null;
  readonly signingHostedZone: string | null;
  readonly keyLength: string | null;
  readonly takenAt: string;
}

export function snapshotDkim(identity: SesIdentityFacts, now: Date): DkimSnapshot {
  const dkim = identity.dkim;
  return {
    origin: dkim?.origin ?? null,
    tokens: dkim?.tokens ?? [],
    signingEnabled: dkim?.signingEnabled ?? false,
    status: dkim?.status ?? null,
    signingHostedZone: dkim?.signingHostedZone ?? null,
    keyLength: dkim?.currentSigningKeyLength ?? null,
    takenAt: now.toISOString(),
  };
}

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

export const isEasyDkimOrigin = (origin: string | null) => origin?.startsWith("AWS_SES") === true;

/** The part of SES's DKIM state a change sets: who holds the key (and for BYODKIM which selector), and signing. */
export interface DkimSettings {
  readonly origin: "EXTERNAL" | "AWS_SES" | null;
  /** The BYODKIM selector; null for Easy DKIM (SES chooses its tokens) and for no DKIM. */
  readonly selector: string | null;
  readonly signingEnabled: boolean;
}

export function settingsOf(snapshot: DkimSnapshot): DkimSettings {
  if (snapshot.origin === "EXTERNAL") return { origin: "EXTERNAL", selector: snapshot.tokens[0] ?? null, signingEnabled: snapshot.signingEnabled };
  // Regional Easy DKIM origins (AWS_SES_AF_SOUTH_1, …) are Easy DKIM all the same.
  return { origin: isEasyDkimOrigin(snapshot.origin) ? "AWS_SES" : null, selector: null, signingEnabled: snapshot.signingEnabled };
}

/** Where enable and rotate leave SES: BYODKIM with `selector`, signing on. */
export const signingWith = (selector: string): DkimSettings => ({ origin: "EXTERNAL", selector, signingEnabled: true });

export const sameSettings = (a: DkimSettings, b: DkimSettings) => a.origin === b.origin && a.selector === b.selector && a.signingEnabled === b.signingEnabled;

/** What one mutating SES call asks for. The plan, the journal and the rendering all read this one list. */
export type CallIntent =
  | { readonly kind: "signWithExternalKey"; readonly selector: string }
  | { readonly kind: "signWithEasyDkim" }
  | { readonly kind: "setSigning"; readonly enabled: boolean };

export type SesCallName = "PutEmailIdentityDkimSigningAttributes" | "PutEmailIdentityDkimAttributes";

/** A change to a key object in S3 (keygen's new key, retire's tag and deletion): no DKIM setting moves. */
export type ObjectIntent =
  | { readonly kind: "writeKeyObject"; readonly location: string; readonly selector: string }
  | { readonly kind: "tagKeyObject"; readonly location: string; readonly selector: string; readonly status: string }
  | { readonly kind: "deleteKeyObject"; readonly location: string; readonly selector: string };

export type ObjectCallName = "PutObject" | "PutObjectTagging" | "DeleteObject";

/** One call of a plan. `needed` is false when the world already has what the call would set: it is shown, journaled as skipped, and not made. */
export type PlannedCall =
  | { readonly name: SesCallName; readonly intent: CallIntent; readonly needed: boolean }
  | { readonly name: ObjectCallName; readonly intent: ObjectIntent; readonly needed: boolean };

export const OBJECT_CALL_NAMES: Record<ObjectIntent["kind"], ObjectCallName> = {
  writeKeyObject: "PutObject",
  tagKeyObject: "PutObjectTagging",
  deleteKeyObject: "DeleteObject",
};

export const isObjectIntent = (intent: CallIntent | ObjectIntent): intent is ObjectIntent => intent.kind in OBJECT_CALL_NAMES;

/** An object call of the plan, with whether the object already is as it would leave it. */
export const plannedObjectCall = (intent: ObjectIntent, needed: boolean): PlannedCall => ({ name: OBJECT_CALL_NAMES[intent.kind], intent, needed });

export const callName = (intent: CallIntent): SesCallName =>
  intent.kind === "setSigning" ? "PutEmailIdentityDkimAttributes" : "PutEmailIdentityDkimSigningAttributes";

export function applyIntent(settings: DkimSettings, intent: CallIntent): DkimSettings {
  switch (intent.kind) {
    case "signWithExternalKey":
      return { ...settings, origin: "EXTERNAL", selector: intent.selector };
    case "signWithEasyDkim":
      return { ...settings, origin: "AWS_SES", selector: null };
    case "setSigning":
      return { ...settings, signingEnabled: intent.enabled };
  }
}

/**
 * Each call against the settings the calls before it leave: a call that would change nothing is
 * not needed. A BYODKIM identity whose verification FAILED (or stalled in TEMPORARY_FAILURE) is
 * given its key again: SES may hold another key under the same selector, and only a put makes SES
 * look again. So is an Easy DKIM identity whose verification FAILED: SES issues new tokens.
 */
export function planCalls(current: DkimSnapshot, intents: readonly CallIntent[]): { calls: PlannedCall[]; target: DkimSettings } {
  // Object calls come after (see buildChangePlan): they move no DKIM setting.
  let settings = settingsOf(current);
  const calls = intents.map((intent): PlannedCall => {
    const after = applyIntent(settings, intent);
    const needed = restartsVerification(current, intent) || !sameSettings(settings, after);
    settings = after;
    return { name: callName(intent), intent, needed };
  });
  return { calls, target: settings };
}

const STUCK_EXTERNAL = new Set(["FAILED", "TEMPORARY_FAILURE"]);

/** The put that restarts a verification SES has given up on, when it puts the origin SES already has. */
function restartsVerification(current: DkimSnapshot, intent: CallIntent): boolean {
  if (intent.kind === "signWithExternalKey") return current.status !== null && STUCK_EXTERNAL.has(current.status);
  return intent.kind === "signWithEasyDkim" && isEasyDkimOrigin(current.origin) && current.status === "FAILED";
}

/** Where SES stands after a call failed or the run was stopped, told from one fresh read. */
export type SesChange = "none" | "partial" | "target" | "unknown";

export function classifySesChange(before: DkimSnapshot, now: DkimSnapshot | null, target: DkimSettings): SesChange {
  if (now === null) return "unknown";
  const settings = settingsOf(now);
  if (sameSettings(settings, target)) return "target";
  if (sameSettings(settings, settingsOf(before)) && sameTokens(before, now)) return "none";
  return "partial";
}

// Easy DKIM tokens change when SES issues new ones: a change that happened shows there too.
const sameTokens = (a: DkimSnapshot, b: DkimSnapshot) => a.tokens.length === b.tokens.length && a.tokens.every((token, i) => token === b.tokens[i]);

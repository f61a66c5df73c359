/**
 * Why `byodkim status` gives a row its verdict. Each reason has one level; a row's verdict is the
 * worst level among its reasons, and the reason it shows first is the earliest in STATUS_REASONS.
 */
export type StatusLevel = "ok" | "warn" | "action";

export const STATUS_REASONS = {
  // Something needs action (exit 1).
  sesUnreadable: "action",
  notInRegion: "action",
  dkimFailed: "action",
  dkimStuck: "action",
  signingOff: "action",
  keyOverdue: "action",
  dnsDrift: "action",
  cnameMissing: "action",
  // Worth a look; nothing is broken yet (exit 0).
  otherAccount: "warn",
  dkimNotVerified: "warn",
  rotationDueSoon: "warn",
  regionMismatch: "warn",
  retiredNotRevoked: "warn",
  dnsUnanswered: "warn",
  keyUnverifiable: "warn",
  keyAgeUnknown: "warn",
  // Nothing to do.
  healthy: "ok",
} as const satisfies Record<string, StatusLevel>;

export type StatusReason = keyof typeof STATUS_REASONS;

export const REASON_ORDER = Object.keys(STATUS_REASONS) as StatusReason[];

const LEVEL_RANK: Record<StatusLevel, number> = { ok: 0, warn: 1, action: 2 };

/** The row's verdict and the reason it leads with; `healthy` when there is no other reason. */
export function verdictOf(reasons: readonly StatusReason[]): { verdict: StatusLevel; reason: StatusReason } {
  const found = REASON_ORDER.filter((reason) => reasons.includes(reason) && reason !== "healthy");
  const reason = found[0] ?? "healthy";
  const verdict = found.reduce<StatusLevel>((worst, r) => (LEVEL_RANK[STATUS_REASONS[r]] > LEVEL_RANK[worst] ? STATUS_REASONS[r] : worst), "ok");
  return { verdict, reason };
}

/** How one probe sent during a change was read back (the probe module's verdict, reduced to what the window needs). */
export interface ProbeShot {
  readonly sentAt: string;
  /** `pass`, `otherSelector`, `amazonsesOnly`, `unsigned`, `failed`, `notDelivered`, or `notSent` (SES refused it). */
  readonly verdict: ProbeShotVerdict;
  /** The selector of the domain's own signature, when it carried one. */
  readonly selector: string | null;
}

export type ProbeShotVerdict = "pass" | "otherSelector" | "amazonsesOnly" | "unsigned" | "failed" | "notDelivered" | "notSent";

/**
 * What the probes sent during a change saw: AWS says mail may leave without the domain's DKIM
 * signature while a BYODKIM identity is PENDING, and this is how long that lasted for real.
 */
export interface UnsignedWindow {
  readonly probes: number;
  /** Probes that arrived without the domain's own signature (only amazonses.com's, or none at all). */
  readonly unsigned: number;
  readonly firstUnsignedAt: string | null;
  readonly lastUnsignedAt: string | null;
  /** The first probe (by the time it was sent) that arrived signed by the change's new selector. */
  readonly firstNewSelectorAt: string | null;
  readonly otherSelector: number;
  readonly failed: number;
  readonly notDelivered: number;
  readonly notSent: number;
  readonly selector: string;
  readonly shots: readonly ProbeShot[];
}

/** The window, from the probes in the order they were sent. Pure: the change report computes it again from the journal. */
export function unsignedWindow(shots: readonly ProbeShot[], selector: string): UnsignedWindow {
  const ordered = [...shots].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  const unsigned = ordered.filter((shot) => shot.verdict === "amazonsesOnly" || shot.verdict === "unsigned");
  const count = (verdict: ProbeShotVerdict) => ordered.filter((shot) => shot.verdict === verdict).length;
  return {
    probes: ordered.length,
    unsigned: unsigned.length,
    firstUnsignedAt: unsigned[0]?.sentAt ?? null,
    lastUnsignedAt: unsigned.at(-1)?.sentAt ?? null,
    firstNewSelectorAt: ordered.find((shot) => shot.verdict === "pass" && shot.selector === selector)?.sentAt ?? null,
    otherSelector: count("otherSelector"),
    failed: count("failed"),
    notDelivered: count("notDelivered"),
    notSent: count("notSent"),
    selector,
    shots: ordered,
  };
}

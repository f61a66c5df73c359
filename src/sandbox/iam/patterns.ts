/** IAM's wildcards: `*` any run of characters (none too), `?` exactly one; everything else literal. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, "[\\s\\S]*")
    .replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${source}$`, ignoreCase ? "i" : "").test(value);
}

/** An ARN's six colon-separated parts; the resource part keeps its own colons (`alarm:name`, `secret:name-AbCdEf`). */
function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/**
 * ArnLike and ArnEquals (which IAM treats alike): each of the six parts is matched on its own, case
 * sensitively, so a `*` in the region cannot swallow the account (IAM User Guide, "ARN condition operators").
 */
export function arnMatches(pattern: string, arn: string): boolean {
  const wanted = arnParts(pattern);
  const given = arnParts(arn);
  if (!wanted || !given) return false;
  return wanted.every((part, index) => globMatches(part, given[index]!));
}

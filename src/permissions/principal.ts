import { hasControlCharacter, isRoleName, parseRoleArn } from "../config/names.js";

/**
 * Who a caller is, from the ARN STS's GetCallerIdentity answers, so that "the planner may not
 * approve their own plan" and "one approval per person" compare people, not strings.
 */
export type PrincipalKind = "assumed-role" | "user" | "root" | "federated-user" | "other";

export interface Principal {
  readonly kind: PrincipalKind;
  readonly partition: string;
  readonly account: string;
  /** The user, the role, `root`, the federated user; for `other`, the ARN's resource. */
  readonly name: string;
  /** The assumed-role session name: for IAM Identity Center, the person signed in. */
  readonly session?: string;
  /** Equal for the same person and different for two: compare keys, never ARNs. */
  readonly key: string;
}

export type UnknownPrincipalReason = "notAnArn" | "badPartition" | "badAccount" | "badName";

/** Text that is not a caller ARN byodkim can tell apart from another: it is never taken for anyone. */
export interface UnknownPrincipal {
  readonly kind: "unknown";
  readonly text: string;
  readonly reason: UnknownPrincipalReason;
}

export type PrincipalReading = Principal | UnknownPrincipal;

export const isKnownPrincipal = (reading: PrincipalReading): reading is Principal => reading.kind !== "unknown";

// aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-eusc…: AWS adds partitions, all of this form.
const PARTITION = /^aws(-[a-z]+)*$/;
const ACCOUNT = /^\d{12}$/;
// IAM's character set for user, role, path and session names; a session name may also hold the
// SSO user's mail address, which stays inside it.
const NAME_PART = /^[\w+=,.@-]{1,128}$/;

/**
 * IAM names are unique without regard to case (`Alice` and `alice` cannot both exist), and a
 * session name is whatever the one assuming the role typed, so the key ignores case: two spellings
 * of one name are one person, and an approval is refused rather than counted twice.
 */
const keyOf = (...parts: readonly string[]) => parts.join(":").toLowerCase();

export function principalOf(callerArn: string): PrincipalReading {
  const text = typeof callerArn === "string" ? callerArn : String(callerArn);
  // Shown to the operator as it was given, on one line and not the length of a page.
  const shown = [...text.slice(0, 300)].map((char) => (hasControlCharacter(char) ? "?" : char)).join("");
  const unknown = (reason: UnknownPrincipalReason): UnknownPrincipal => ({ kind: "unknown", text: shown, reason });
  const fields = text.split(":");
  if (fields.length < 6 || fields[0] !== "arn") return unknown("notAnArn");
  const [, partition = "", service = "", region = "", account = ""] = fields;
  const resource = fields.slice(5).join(":");
  if (!PARTITION.test(partition)) return unknown("badPartition");
  if (!ACCOUNT.test(account)) return unknown("badAccount");
  if (region !== "" || resource === "") return unknown("notAnArn");
  const segments = resource.split("/");
  const [type = ""] = segments;
  const names = segments.slice(1);
  if (type === "root" && service === "iam" && names.length === 0) {
    return { kind: "root", partition, account, name: "root", key: keyOf(partition, account, "root") };
  }
  if (!(service === "iam" || service === "sts") || !/^[\w+=,.@/-]+$/.test(resource)) return unknown("badName");
  if (names.some((part) => !NAME_PART.test(part))) return unknown("badName");
  // Role path segments (aws-reserved/sso.amazonaws.com/…) come before the role: the role is the
  // next-to-last segment, the session the last. Role names are unique in an account whatever their path.
  // IAM Identity Center sets the session name to the signed-in user; for a role assumed by hand the
  // caller chooses it, so such a role is only as strict as its trust policy's sts:RoleSessionName condition.
  if (service === "sts" && type === "assumed-role") {
    if (names.length < 2) return unknown("badName");
    const role = names[names.length - 2]!;
    const session = names[names.length - 1]!;
    return { kind: "assumed-role", partition, account, name: role, session, key: keyOf(partition, account, "assumed-role", role, session) };
  }
  if (service === "iam" && type === "user" && names.length >= 1) {
    const user = names[names.length - 1]!;
    return { kind: "user", partition, account, name: user, key: keyOf(partition, account, "user", user) };
  }
  if (service === "sts" && type === "federated-user" && names.length === 1) {
    const user = names[0]!;
    return { kind: "federated-user", partition, account, name: user, key: keyOf(partition, account, "federated-user", user) };
  }
  if (names.length === 0) return unknown("badName");
  return { kind: "other", partition, account, name: resource, key: keyOf(partition, account, service, resource) };
}

/** Whether two readings are one person; an unknown reading is nobody, not even itself. */
export function samePrincipal(a: PrincipalReading, b: PrincipalReading): boolean {
  return isKnownPrincipal(a) && isKnownPrincipal(b) && a.key === b.key;
}

/** Who the caller is, as IAM's simulator needs it: a role (its session is not simulable), a user, or neither. */
export type SimulatedPrincipal =
  | { readonly kind: "role"; readonly roleName: string }
  | { readonly kind: "user"; readonly arn: string }
  | { readonly kind: "unsupported" };

/**
 * An assumed-role session (SSO's included) is simulated as its role, whose ARN (with its path)
 * only GetRole knows: the session ARN drops the path. The root user and federated users cannot
 * be simulated.
 */
export function simulatedPrincipal(callerArn: string): SimulatedPrincipal {
  const caller = principalOf(callerArn);
  if (caller.kind === "assumed-role") return { kind: "role", roleName: caller.name };
  if (caller.kind === "user") return { kind: "user", arn: callerArn };
  return { kind: "unsupported" };
}

// In a Resource, `*` and `?` are wildcards and `${…}` a policy variable: a role "name" with one names many roles.
const IAM_WILDCARD = /[*?$]/;

/**
 * Why `--role` cannot name the operators' role in the policy: not a role name or a role's ARN
 * (or one with a wildcard in it), or a role of another account than the config's. Undefined: it can.
 */
export function roleRefusal(role: string, account: string): "badRole" | "otherAccount" | undefined {
  if (IAM_WILDCARD.test(role)) return "badRole";
  if (isRoleName(role)) return undefined;
  const arn = parseRoleArn(role);
  if (!arn) return "badRole";
  return arn.account === account ? undefined : "otherAccount";
}

/** The account a role ARN names. */
export const roleAccount = (roleArn: string): string => roleArn.split(":")[4] ?? "";

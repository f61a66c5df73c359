/** Who the caller is, as IAM's simulator needs it: a role (its session is not simulable), a user, or neither. */
export type Principal =
  | { readonly kind: "role"; readonly roleName: string }
  | { readonly kind: "user"; readonly arn: string }
  | { readonly kind: "unsupported" };

const ASSUMED_ROLE = /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([^/]+)\/[^/]+$/;
const IAM_USER = /^arn:aws[a-z-]*:iam::\d{12}:user\/.+$/;

/**
 * An assumed-role session (SSO's included) is simulated as its role, whose ARN (with its path)
 * only GetRole knows: the session ARN drops the path. The root user and federated users cannot
 * be simulated.
 */
export function principalOf(callerArn: string): Principal {
  const role = ASSUMED_ROLE.exec(callerArn);
  if (role) return { kind: "role", roleName: role[1]! };
  if (IAM_USER.test(callerArn)) return { kind: "user", arn: callerArn };
  return { kind: "unsupported" };
}

// IAM's roleNameType, and a role's ARN with its pathType path (`/` or `/…/`, at most 512 characters).
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role(\/|\/[\u0021-\u007E]{1,510}\/)([\w+=,.@-]{1,64})$/;
// In a Resource, `*` and `?` are wildcards and `${…}` a policy variable: a role "name" with one names many roles.
const IAM_WILDCARD = /[*?$]/;

/**
 * Why `--role` cannot name the operators' role in the policy: not a role name or a role's ARN
 * (or one with a wildcard in it), or a role of another account than the config's. Undefined: it can.
 */
export function roleRefusal(role: string, account: string): "badRole" | "otherAccount" | undefined {
  if (IAM_WILDCARD.test(role)) return "badRole";
  if (ROLE_NAME.test(role)) return undefined;
  const arn = ROLE_ARN.exec(role);
  if (!arn) return "badRole";
  return arn[1] === account ? undefined : "otherAccount";
}

/** The account a role ARN names. */
export const roleAccount = (roleArn: string): string => roleArn.split(":")[4] ?? "";

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

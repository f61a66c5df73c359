import { conditionHolds, type RequestContext } from "./conditions.js";
import { globMatches } from "./patterns.js";
import { asList, type OneOrMany, type PolicyCondition } from "./policyDocument.js";

/** One statement of a role's trust policy: a resource policy on the role, so it names principals. */
interface TrustStatement {
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | { readonly AWS?: OneOrMany<string>; readonly Service?: OneOrMany<string>; readonly Federated?: OneOrMany<string> };
  readonly Action?: OneOrMany<string>;
  readonly Condition?: PolicyCondition;
}

/** Who asks to assume a role, as a trust policy can name them. */
export interface TrustCaller {
  /** Their caller ARN (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`). */
  readonly arn: string;
  readonly account: string;
  /** The IAM ARN of the role the caller's session is of, path included: a trust policy names the role, not its sessions. */
  readonly roleArn: string | undefined;
}

/**
 * One `Principal.AWS` entry: the account (`arn:aws:iam::ACCOUNT:root` or the bare id) trusts every
 * principal of it whose own policy lets it ask; a role ARN trusts that role's sessions; anything
 * else names one caller exactly (IAM User Guide, "AWS JSON policy elements: Principal").
 */
function principalMatches(entry: string, caller: TrustCaller): boolean {
  if (entry === "*") return true;
  const account = /^(?:arn:aws:iam::(\d{12}):root|(\d{12}))$/.exec(entry);
  if (account) return (account[1] ?? account[2]) === caller.account;
  if (/^arn:aws:iam::\d{12}:role\//.test(entry)) return entry === caller.roleArn;
  return entry === caller.arn;
}

function statementApplies(statement: TrustStatement, caller: TrustCaller, action: string, context: RequestContext): boolean {
  const principal = statement.Principal;
  const named = principal === "*" || asList(principal?.AWS).some((entry) => principalMatches(entry, caller));
  if (!named) return false;
  if (!asList(statement.Action).some((pattern) => globMatches(pattern, action, true))) return false;
  return statement.Condition === undefined || conditionHolds(statement.Condition, context);
}

/**
 * Whether the role's trust policy lets the caller take `action` (sts:AssumeRole) with the request's
 * condition keys (`sts:ExternalId` when one was sent): a Deny that applies wins, else an Allow must.
 * A trust policy that does not parse trusts no one.
 */
export function trustAllows(trustPolicy: string, caller: TrustCaller, context: RequestContext, action = "sts:AssumeRole"): boolean {
  let statements: readonly TrustStatement[];
  try {
    statements = asList((JSON.parse(trustPolicy) as { Statement?: OneOrMany<TrustStatement> }).Statement);
  } catch {
    return false;
  }
  const applying = statements.filter((statement) => statementApplies(statement, caller, action, context));
  return !applying.some((statement) => statement.Effect === "Deny") && applying.some((statement) => statement.Effect === "Allow");
}

/** A trust policy that lets one role's sessions assume the role, when they send the external id (if one is given). */
export function trustPolicyFor(trustedRoleArn: string, externalId: string | undefined): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: trustedRoleArn },
        Action: "sts:AssumeRole",
        ...(externalId === undefined ? {} : { Condition: { StringEquals: { "sts:ExternalId": externalId } } }),
      },
    ],
  });
}

import { conditionHolds, conditionKeys, contextValues, type RequestContext } from "./conditions.js";
import { globMatches } from "./patterns.js";
import { asList, type PolicyDocument, type PolicyStatement } from "./policyDocument.js";

export type { RequestContext } from "./conditions.js";

/** One request as IAM authorises it: an action on a resource, with the request's condition keys. */
export interface AuthorisationRequest {
  readonly action: string;
  readonly resource: string;
  readonly context?: RequestContext;
}

/** IAM's three answers (SimulatePrincipalPolicy's EvalDecision). */
export type PolicyDecision = "allowed" | "implicitDeny" | "explicitDeny";

export interface MatchedStatement {
  /** The statement's place in the policy's Statement list (0 for a lone statement object). */
  readonly index: number;
  readonly sid: string | undefined;
}

export interface PolicyEvaluation {
  readonly decision: PolicyDecision;
  /** The statements that decided: the Deny ones for explicitDeny, the Allow ones for allowed, none for implicitDeny. */
  readonly matchedStatements: readonly MatchedStatement[];
  /** Condition keys of the statements that cover the action and resource, which the request did not supply (IAM's MissingContextValues). */
  readonly missingContextValues: readonly string[];
}

// Action names are not case sensitive (`s3:getobject` is `s3:GetObject`); ARNs are.
const actionMatches = (patterns: readonly string[], action: string) => patterns.some((pattern) => globMatches(pattern, action, true));
const resourceMatches = (patterns: readonly string[], resource: string) => patterns.some((pattern) => pattern === "*" || globMatches(pattern, resource));

function covers(statement: PolicyStatement, request: AuthorisationRequest): boolean {
  const action =
    statement.Action !== undefined ? actionMatches(asList(statement.Action), request.action) : !actionMatches(asList(statement.NotAction), request.action);
  if (!action) return false;
  return statement.Resource !== undefined
    ? resourceMatches(asList(statement.Resource), request.resource)
    : !resourceMatches(asList(statement.NotResource), request.resource);
}

/**
 * IAM's evaluation of one identity-based policy: an applicable Deny wins, else an applicable Allow,
 * else the implicit deny (IAM User Guide, "Policy evaluation logic").
 */
export function evaluatePolicy(policy: PolicyDocument, request: AuthorisationRequest): PolicyEvaluation {
  const context = request.context ?? {};
  const statements = asList(policy.Statement);
  const covering = statements.map((statement, index) => ({ statement, index })).filter(({ statement }) => covers(statement, request));
  const applying = covering.filter(({ statement }) => statement.Condition === undefined || conditionHolds(statement.Condition, context));
  const denying = applying.filter(({ statement }) => statement.Effect === "Deny");
  const allowing = applying.filter(({ statement }) => statement.Effect === "Allow");
  const decision: PolicyDecision = denying.length > 0 ? "explicitDeny" : allowing.length > 0 ? "allowed" : "implicitDeny";
  const deciding = decision === "explicitDeny" ? denying : decision === "allowed" ? allowing : [];

  const missing = new Map<string, string>();
  for (const { statement } of covering) {
    for (const key of conditionKeys(statement.Condition)) {
      if (contextValues(context, key) === undefined && !missing.has(key.toLowerCase())) missing.set(key.toLowerCase(), key);
    }
  }
  return {
    decision,
    matchedStatements: deciding.map(({ statement, index }) => ({ index, sid: statement.Sid })),
    missingContextValues: [...missing.values()],
  };
}

/** What the sandbox's IAM holds when no policy is set: everything allowed, as AdministratorAccess allows it. */
export const ALLOW_EVERYTHING: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

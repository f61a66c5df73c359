import { arnMatches, globMatches } from "./patterns.js";
import { asList, baseOperator, type PolicyCondition } from "./policyDocument.js";

/** The request's condition keys and their values; a single-valued key is a list of one. */
export type RequestContext = Readonly<Record<string, readonly string[]>>;

/** IAM compares condition key names without regard to case (`s3:Prefix` is `s3:prefix`). */
export function contextValues(context: RequestContext, key: string): readonly string[] | undefined {
  const wanted = key.toLowerCase();
  const found = Object.entries(context).find(([name]) => name.toLowerCase() === wanted);
  return found && found[1].length > 0 ? found[1] : undefined;
}

const COMPARE: Record<string, (policyValue: string, requestValue: string) => boolean> = {
  StringEquals: (policy, request) => policy === request,
  StringEqualsIgnoreCase: (policy, request) => policy.toLowerCase() === request.toLowerCase(),
  StringLike: (policy, request) => globMatches(policy, request),
  ArnEquals: arnMatches,
  ArnLike: arnMatches,
  Bool: (policy, request) => policy.toLowerCase() === request.toLowerCase(),
};

/**
 * One operator on one key. A key the request lacks fails a positive operator and passes a negated
 * one (StringNotLike, ArnNotEquals…), except for IfExists (passes) and Null (asks exactly that)
 * (IAM User Guide, "Condition operators"); ForAllValues passes on an absent key, ForAnyValue fails.
 */
function keyHolds(operator: string, policyValues: readonly string[], requestValues: readonly string[] | undefined): boolean {
  const parsed = baseOperator(operator);
  if (!parsed) return false;
  const { base, set, ifExists } = parsed;
  if (base === "Null") return policyValues.some((value) => (value.toLowerCase() === "true") === (requestValues === undefined));
  const negated = base.includes("Not");
  if (requestValues === undefined) {
    if (ifExists || set === "ForAllValues") return true;
    return set === "ForAnyValue" ? false : negated;
  }
  const compare = COMPARE[base.replace("Not", "")]!;
  const matchesPolicy = (value: string) => policyValues.some((policyValue) => compare(policyValue, value));
  if (set === "ForAllValues") return requestValues.every((value) => matchesPolicy(value) !== negated);
  if (set === "ForAnyValue") return requestValues.some((value) => matchesPolicy(value) !== negated);
  return requestValues.some(matchesPolicy) !== negated;
}

/** Nothing a request carries equals it: a policy variable the request has no value for matches nothing. */
const UNRESOLVED = "\u0000unresolved policy variable";

/**
 * A policy value with IAM's policy variables (`${aws:PrincipalOrgID}`) filled in from the request's
 * context; one the request lacks makes the value match nothing (IAM User Guide, "Policy variables").
 */
export function withPolicyVariables(value: string, context: RequestContext): string {
  let unresolved = false;
  const filled = value.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
    const found = contextValues(context, key)?.[0];
    if (found === undefined) unresolved = true;
    return found ?? "";
  });
  return unresolved ? UNRESOLVED : filled;
}

/** Every operator and every key in the block must hold; the values under one key are alternatives. */
export function conditionHolds(condition: PolicyCondition, context: RequestContext): boolean {
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) =>
      keyHolds(
        operator,
        asList(values).map((value) => withPolicyVariables(String(value), context)),
        contextValues(context, key),
      ),
    ),
  );
}

/** The condition keys the block asks about, as the policy spells them. */
export const conditionKeys = (condition: PolicyCondition | undefined): string[] => Object.values(condition ?? {}).flatMap((keys) => Object.keys(keys));

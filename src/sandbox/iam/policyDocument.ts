/** One value or a list of them, as IAM's grammar allows for Action, Resource and condition values. */
export type OneOrMany<T> = T | readonly T[];

/** condition operator → condition key → the value(s) it is compared with */
export type PolicyCondition = Readonly<Record<string, Readonly<Record<string, OneOrMany<string | number | boolean>>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: OneOrMany<string>;
  readonly NotAction?: OneOrMany<string>;
  readonly Resource?: OneOrMany<string>;
  readonly NotResource?: OneOrMany<string>;
  readonly Condition?: PolicyCondition;
}

/** An identity-based IAM policy, as IAM's JSON grammar writes it. */
export interface PolicyDocument {
  readonly Version?: "2012-10-17" | "2008-10-17";
  readonly Id?: string;
  readonly Statement: OneOrMany<PolicyStatement>;
}

export const asList = <T>(value: OneOrMany<T> | undefined): readonly T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value as T]);

/** A policy the sandbox refuses, with the reason IAM (or the sandbox's narrower evaluator) would give. */
export class PolicyDocumentError extends Error {}

const STRING_OPERATORS = ["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"];
const ARN_OPERATORS = ["ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike"];
const BASE_OPERATORS = new Set([...STRING_OPERATORS, ...ARN_OPERATORS, "Bool"]);
const STATEMENT_FIELDS = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]);

/** The operator without its set qualifier and IfExists suffix, if the sandbox evaluates it. */
export function baseOperator(operator: string): { base: string; set: "ForAnyValue" | "ForAllValues" | undefined; ifExists: boolean } | undefined {
  const qualified = /^(ForAnyValue|ForAllValues):(.+)$/.exec(operator);
  const set = qualified?.[1] as "ForAnyValue" | "ForAllValues" | undefined;
  const rest = qualified?.[2] ?? operator;
  if (rest === "Null") return set ? undefined : { base: "Null", set, ifExists: false };
  const ifExists = rest.endsWith("IfExists");
  const base = ifExists ? rest.slice(0, -"IfExists".length) : rest;
  return BASE_OPERATORS.has(base) ? { base, set, ifExists } : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

function stringList(value: unknown, where: string): void {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((item) => typeof item === "string" && item !== "")) {
    throw new PolicyDocumentError(`${where} must be a non-empty string or a non-empty list of strings`);
  }
}

/**
 * The policy variables the sandbox fills in a condition's values, from the request's context
 * (conditions.ts): the caller's organization, which a grant limited to it compares with the role's.
 */
// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, as a policy spells it
const SUBSTITUTED_IN_CONDITIONS = new Set(["${aws:principalorgid}"]);

// IAM substitutes ${aws:username} and its kin; the sandbox does not (but for the above), and would silently compare the literal text.
function noPolicyVariables(value: unknown, where: string, substituted: ReadonlySet<string> = new Set()): void {
  const unsupported = (item: string) => (item.match(/\$\{[^}]*\}?/g) ?? [item]).some((variable) => !substituted.has(variable.toLowerCase()));
  if (asList(value as OneOrMany<unknown>).some((item) => typeof item === "string" && item.includes("${") && unsupported(item))) {
    throw new PolicyDocumentError(`${where} uses a policy variable (\${…}), which the byodkim sandbox does not substitute`);
  }
}

function checkCondition(condition: unknown, where: string): void {
  if (!isRecord(condition)) throw new PolicyDocumentError(`${where} must be an object of condition operators`);
  for (const [operator, keys] of Object.entries(condition)) {
    if (!baseOperator(operator)) throw new PolicyDocumentError(`${where} uses ${operator}, which the byodkim sandbox does not evaluate`);
    if (!isRecord(keys) || Object.keys(keys).length === 0) throw new PolicyDocumentError(`${where}.${operator} must map condition keys to values`);
    for (const [key, values] of Object.entries(keys)) {
      const list = Array.isArray(values) ? values : [values];
      if (list.length === 0 || !list.every((item) => ["string", "number", "boolean"].includes(typeof item))) {
        throw new PolicyDocumentError(`${where}.${operator}.${key} must be a value or a non-empty list of values`);
      }
      noPolicyVariables(values, `${where}.${operator}.${key}`, SUBSTITUTED_IN_CONDITIONS);
    }
  }
}

function checkStatement(value: unknown, where: string): void {
  if (!isRecord(value)) throw new PolicyDocumentError(`${where} must be an object`);
  const unknown = Object.keys(value).find((field) => !STATEMENT_FIELDS.has(field));
  if (unknown === "Principal" || unknown === "NotPrincipal") {
    throw new PolicyDocumentError(`${where} has ${unknown}: an identity-based policy names no principal (that is a resource or trust policy)`);
  }
  if (unknown !== undefined) throw new PolicyDocumentError(`${where} has an unknown field ${unknown}`);
  if (value["Sid"] !== undefined && typeof value["Sid"] !== "string") throw new PolicyDocumentError(`${where}.Sid must be a string`);
  if (value["Effect"] !== "Allow" && value["Effect"] !== "Deny") throw new PolicyDocumentError(`${where}.Effect must be "Allow" or "Deny"`);
  for (const [positive, negative] of [
    ["Action", "NotAction"],
    ["Resource", "NotResource"],
  ] as const) {
    const given = [positive, negative].filter((field) => value[field] !== undefined);
    if (given.length !== 1) throw new PolicyDocumentError(`${where} must have exactly one of ${positive} and ${negative}`);
    stringList(value[given[0]!], `${where}.${given[0]}`);
    if (positive === "Resource") noPolicyVariables(value[given[0]!], `${where}.${given[0]}`);
  }
  if (value["Condition"] !== undefined) checkCondition(value["Condition"], `${where}.Condition`);
}

/** The document as a policy, or a PolicyDocumentError saying what IAM's grammar (or the sandbox) does not accept. */
export function parsePolicyDocument(value: unknown): PolicyDocument {
  if (!isRecord(value)) throw new PolicyDocumentError("a policy document is a JSON object with Version and Statement");
  const unknown = Object.keys(value).find((field) => !["Version", "Id", "Statement"].includes(field));
  if (unknown !== undefined) throw new PolicyDocumentError(`the policy has an unknown field ${unknown}`);
  if (value["Version"] !== undefined && value["Version"] !== "2012-10-17" && value["Version"] !== "2008-10-17") {
    throw new PolicyDocumentError('Version must be "2012-10-17" (or the old "2008-10-17")');
  }
  if (value["Id"] !== undefined && typeof value["Id"] !== "string") throw new PolicyDocumentError("Id must be a string");
  const statements = value["Statement"];
  if (statements === undefined || (Array.isArray(statements) && statements.length === 0)) throw new PolicyDocumentError("the policy has no Statement");
  if (Array.isArray(statements)) {
    for (const [index, statement] of statements.entries()) checkStatement(statement, `Statement[${index}]`);
  } else {
    checkStatement(statements, "Statement");
  }
  return value as unknown as PolicyDocument;
}

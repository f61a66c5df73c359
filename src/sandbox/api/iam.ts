import { ALLOW_EVERYTHING, evaluatePolicy, type PolicyEvaluation, type RequestContext } from "../iam/policy.js";
import { roleArn, type SandboxRole } from "../iam/roles.js";
import type { SandboxCaller } from "../callers.js";
import type { SandboxWorld } from "../world.js";
import { escapeXml, queryError, requestId, type WireRequest, type WireResponse, xml } from "./wire.js";

const NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
/** SimulatePrincipalPolicy's page size when MaxItems is absent (IAM API Reference). */
const DEFAULT_MAX_ITEMS = 100;

export const iamError = queryError(NAMESPACE);

export const iamParams = (request: WireRequest) => new URLSearchParams(request.body.toString("utf8"));

export function iamOperation(request: WireRequest): string {
  return iamParams(request).get("Action") ?? "Unknown";
}

/** The Query protocol's lists: `Name.member.1`, `Name.member.2`, … */
function members(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let n = 1; params.has(`${name}.member.${n}`); n++) values.push(params.get(`${name}.member.${n}`)!);
  return values;
}

function contextEntries(params: URLSearchParams): RequestContext {
  const context: Record<string, string[]> = {};
  for (let n = 1; params.has(`ContextEntries.member.${n}.ContextKeyName`); n++) {
    const entry = `ContextEntries.member.${n}`;
    context[params.get(`${entry}.ContextKeyName`)!] = members(params, `${entry}.ContextKeyValues`);
  }
  return context;
}

class IamRejection extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const missingParameter = (name: string) =>
  new IamRejection("ValidationError", 400, `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);

const noSuchRole = (name: string) => new IamRejection("NoSuchEntity", 404, `The role with name ${name} cannot be found.`);

/** The IAM of one account: its roles, and the one policy they hold (absent: everything allowed). */
type IamAccount = Pick<SandboxWorld, "accountId" | "roles" | "policy"> & {
  /** The roles' MaxSessionDuration; absent: IAM's default hour. */
  readonly maxSessionSeconds?: number;
};

/** The role an IAM ARN names. The whole ARN must match, path included, as IAM finds the entity by it. */
function roleOfArn(world: IamAccount, arn: string): SandboxRole {
  const entity = /^arn:aws:iam::(\d{12}):(role|user|group)(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn);
  if (!entity) throw new IamRejection("InvalidInput", 400, `Invalid Entity Arn: ${arn} does not clearly define entity type and name.`);
  const [, account, type, , name] = entity as unknown as [string, string, string, string, string];
  if (type !== "role") throw new IamRejection("NoSuchEntity", 404, `The ${type} with name ${name} cannot be found.`);
  const role = world.roles.get(name);
  if (!role || account !== world.accountId || roleArn(world.accountId, role) !== arn) throw noSuchRole(name);
  return role;
}

const member = (body: string) => `<member>${body}</member>`;
const list = (name: string, items: readonly string[]) => (items.length === 0 ? `<${name}/>` : `<${name}>${items.map(member).join("")}</${name}>`);

function evaluationXml(world: IamAccount, action: string, resource: string, evaluation: PolicyEvaluation): string {
  const source = world.policy
    ? { id: world.policy.Id ?? "byodkim-sandbox-policy", type: "role" }
    : // No policy set: the sandbox allows everything, as a role with AdministratorAccess would be.
      { id: "AdministratorAccess", type: "aws-managed" };
  const statements = evaluation.matchedStatements.map(
    () => `<SourcePolicyId>${escapeXml(source.id)}</SourcePolicyId><SourcePolicyType>${source.type}</SourcePolicyType>`,
  );
  return member(
    `<EvalActionName>${escapeXml(action)}</EvalActionName><EvalResourceName>${escapeXml(resource)}</EvalResourceName><EvalDecision>${evaluation.decision}</EvalDecision>${list("MatchedStatements", statements)}${list("MissingContextValues", evaluation.missingContextValues.map(escapeXml))}`,
  );
}

function simulatePrincipalPolicy(world: IamAccount, params: URLSearchParams): string {
  const source = params.get("PolicySourceArn");
  if (source === null) throw missingParameter("policySourceArn");
  if (!params.has("ActionNames.member.1")) throw missingParameter("actionNames");
  // The sandbox simulates the role's own policy only; answering as if these were applied would be a guess.
  for (const unsupported of ["PolicyInputList", "PermissionsBoundaryPolicyInputList", "ResourcePolicy", "CallerArn", "ResourceOwner"]) {
    if ([...params.keys()].some((key) => key === unsupported || key.startsWith(`${unsupported}.`))) {
      throw new IamRejection("InvalidInput", 400, `The byodkim sandbox does not simulate ${unsupported}.`);
    }
  }
  roleOfArn(world, source);
  const actions = members(params, "ActionNames");
  const resources = params.has("ResourceArns.member.1") ? members(params, "ResourceArns") : ["*"];
  const context = contextEntries(params);
  const pairs = actions.flatMap((action) => resources.map((resource) => [action, resource] as const));

  const maxItems = params.has("MaxItems") ? Number(params.get("MaxItems")) : DEFAULT_MAX_ITEMS;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw new IamRejection(
      "ValidationError",
      400,
      `1 validation error detected: Value '${params.get("MaxItems")}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  }
  const marker = params.get("Marker");
  const start = marker === null ? 0 : offsetOfMarker(marker, pairs.length);
  const page = pairs.slice(start, start + maxItems);
  const next = start + page.length;
  const results = page.map(([action, resource]) =>
    evaluationXml(world, action, resource, evaluatePolicy(world.policy ?? ALLOW_EVERYTHING, { action, resource, context })),
  );
  const truncated = next < pairs.length;
  return `<EvaluationResults>${results.join("")}</EvaluationResults><IsTruncated>${truncated}</IsTruncated>${truncated ? `<Marker>${markerOfOffset(next)}</Marker>` : ""}`;
}

// Markers are opaque to the caller; this one carries where the next page starts.
const markerOfOffset = (offset: number) => Buffer.from(`byodkim-sandbox:${offset}`).toString("base64");
function offsetOfMarker(marker: string, total: number): number {
  const match = /^byodkim-sandbox:(\d+)$/.exec(Buffer.from(marker, "base64").toString("utf8"));
  const offset = match ? Number(match[1]) : Number.NaN;
  if (!(offset > 0 && offset < total)) throw new IamRejection("InvalidInput", 400, "Invalid Marker.");
  return offset;
}

function getRole(world: IamAccount, params: URLSearchParams): string {
  const name = params.get("RoleName");
  if (name === null) throw missingParameter("roleName");
  const role = world.roles.get(name);
  if (!role) throw noSuchRole(name);
  // IAM sends the trust policy URL-encoded (RFC 3986), and the SDK hands it on as it came.
  return `<Role><Path>${escapeXml(role.path)}</Path><AssumeRolePolicyDocument>${escapeXml(encodeURIComponent(role.trustPolicy))}</AssumeRolePolicyDocument><MaxSessionDuration>${world.maxSessionSeconds ?? 3600}</MaxSessionDuration><RoleId>${role.roleId}</RoleId><RoleName>${escapeXml(role.name)}</RoleName><Arn>${escapeXml(roleArn(world.accountId, role))}</Arn><CreateDate>${role.created.toISOString()}</CreateDate><RoleLastUsed/></Role>`;
}

const OPERATIONS: Record<string, (world: IamAccount, params: URLSearchParams) => string> = {
  SimulatePrincipalPolicy: simulatePrincipalPolicy,
  GetRole: getRole,
};

/** The IAM of the account the caller is in: a member role's session sees the member's role and its policy, as IAM there would answer. */
const iamAccountOf = (world: SandboxWorld, caller: SandboxCaller | undefined): IamAccount =>
  caller?.member
    ? {
        accountId: caller.member.id,
        roles: new Map([[caller.member.role.name, caller.member.role]]),
        policy: caller.member.policy,
        maxSessionSeconds: caller.member.maxSessionSeconds,
      }
    : world;

export function handleIam(world: SandboxWorld, request: WireRequest, caller?: SandboxCaller): WireResponse {
  const params = iamParams(request);
  const operation = params.get("Action") ?? "Unknown";
  const answer = OPERATIONS[operation];
  if (!answer) return iamError(operation, "InvalidAction", 400, "Unsupported operation in the byodkim sandbox.");
  try {
    const result = answer(iamAccountOf(world, caller), params);
    return xml(
      operation,
      200,
      `<${operation}Response xmlns="${NAMESPACE}"><${operation}Result>${result}</${operation}Result><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${operation}Response>`,
    );
  } catch (err) {
    if (err instanceof IamRejection) return iamError(operation, err.code, err.status, err.message);
    throw err;
  }
}

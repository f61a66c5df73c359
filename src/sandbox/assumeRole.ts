import { randomBytes } from "node:crypto";
import type { SandboxCaller } from "./callers.js";
import { roleArn } from "./iam/roles.js";
import { trustAllows } from "./iam/trustPolicy.js";
import type { SandboxSession, SandboxWorld } from "./world.js";

/** AssumeRole's parameters once the service model's constraints hold. */
export interface AssumeRoleRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly externalId: string | undefined;
}

/** What STS answers instead of credentials: its error code, status and sentence. */
export class StsRejection extends Error {
  constructor(
    readonly code: "ValidationError" | "AccessDenied",
    readonly status: 400 | 403,
    message: string,
  ) {
    super(message);
  }
}

/** Without DurationSeconds, a session lasts an hour (STS API Reference, AssumeRole). */
export const DEFAULT_SESSION_SECONDS = 3600;

/** One constraint of the STS service model (sts/2011-06-15): a string's length and pattern, or a number's range. */
interface Constraint {
  readonly param: string;
  /** The member's name as STS's ValidationError spells it (lower camel case). */
  readonly field: string;
  readonly required?: boolean;
  readonly length?: readonly [number, number];
  readonly pattern?: string;
  readonly range?: readonly [number, number];
}

const CONSTRAINTS: readonly Constraint[] = [
  { param: "RoleArn", field: "roleArn", required: true, length: [20, 2048] },
  { param: "RoleSessionName", field: "roleSessionName", required: true, length: [2, 64], pattern: "[\\w+=,.@-]*" },
  { param: "DurationSeconds", field: "durationSeconds", range: [900, 43200] },
  { param: "ExternalId", field: "externalId", length: [2, 1224], pattern: "[\\w+=,.@:\\/-]*" },
];

/** AssumeRole's parameters the sandbox does not apply; answering as if it had would be a guess. */
const UNSUPPORTED = ["Policy", "PolicyArns", "Tags", "TransitiveTagKeys", "SerialNumber", "TokenCode", "SourceIdentity", "ProvidedContexts"];

function violations(constraint: Constraint, value: string | null): string[] {
  const at = (text: string) => `Value ${value === null ? "null" : `'${value}'`} at '${constraint.field}' failed to satisfy constraint: Member must ${text}`;
  if (value === null) return constraint.required ? [at("not be null")] : [];
  const found: string[] = [];
  if (constraint.range) {
    const number = Number(value);
    if (!/^-?\d+$/.test(value)) return [at("be an integer")];
    if (number < constraint.range[0]) found.push(at(`have value greater than or equal to ${constraint.range[0]}`));
    if (number > constraint.range[1]) found.push(at(`have value less than or equal to ${constraint.range[1]}`));
  }
  if (constraint.length) {
    if (value.length < constraint.length[0]) found.push(at(`have length greater than or equal to ${constraint.length[0]}`));
    if (value.length > constraint.length[1]) found.push(at(`have length less than or equal to ${constraint.length[1]}`));
  }
  if (constraint.pattern && !new RegExp(`^${constraint.pattern}$`).test(value)) found.push(at(`satisfy regular expression pattern: ${constraint.pattern}`));
  return found;
}

/** The request's parameters, or STS's ValidationError naming every constraint they break, as AWS counts them. */
export function parseAssumeRole(params: URLSearchParams): AssumeRoleRequest {
  const unsupported = UNSUPPORTED.find((name) => [...params.keys()].some((key) => key === name || key.startsWith(`${name}.`)));
  if (unsupported) throw new StsRejection("ValidationError", 400, `The byodkim sandbox does not support ${unsupported} in AssumeRole.`);
  const found = CONSTRAINTS.flatMap((constraint) => violations(constraint, params.get(constraint.param)));
  if (found.length > 0) {
    throw new StsRejection("ValidationError", 400, `${found.length} validation error${found.length === 1 ? "" : "s"} detected: ${found.join("; ")}`);
  }
  const duration = params.get("DurationSeconds");
  return {
    roleArn: params.get("RoleArn")!,
    sessionName: params.get("RoleSessionName")!,
    durationSeconds: duration === null ? DEFAULT_SESSION_SECONDS : Number(duration),
    externalId: params.get("ExternalId") ?? undefined,
  };
}

/**
 * AWS's one sentence for an unknown role, a caller the trust policy does not name and a wrong or
 * missing external id alike: it does not say which, so that a stranger learns nothing of the role.
 */
export const assumeRoleDenied = (callerArn: string, role: string) =>
  new StsRejection("AccessDenied", 403, `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${role}`);

/** 16 of IAM's key id characters (upper case letters and the digits 2-7), after the ASIA that marks temporary keys. */
const temporaryKeyId = () => `ASIA${[...randomBytes(16)].map((byte) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[byte % 32]).join("")}`;

/**
 * AssumeRole, once the caller's own policy let them ask: the member role the ARN names must trust
 * the caller (with the external id it asks for); the session it gives lasts `durationSeconds` on
 * the sandbox's clock, at most the role's MaxSessionDuration. The session is kept in `world.sessions`.
 */
export function assumeRole(world: SandboxWorld, caller: SandboxCaller, request: AssumeRoleRequest, now: Date): SandboxSession {
  const member = [...world.members.values()].find((candidate) => roleArn(candidate.id, candidate.role) === request.roleArn);
  const context: Record<string, string[]> = request.externalId === undefined ? {} : { "sts:ExternalId": [request.externalId] };
  if (!member || !trustAllows(member.role.trustPolicy, caller, context)) throw assumeRoleDenied(caller.arn, request.roleArn);
  if (request.durationSeconds > member.maxSessionSeconds) {
    throw new StsRejection("ValidationError", 400, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }
  let accessKeyId = temporaryKeyId();
  while (world.sessions.has(accessKeyId)) accessKeyId = temporaryKeyId();
  // STS states the expiry to the second.
  const expiration = new Date(Math.floor(now.getTime() / 1000) * 1000 + request.durationSeconds * 1000);
  const session: SandboxSession = {
    accessKeyId,
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: randomBytes(120).toString("base64"),
    account: member.id,
    roleName: member.role.name,
    sessionName: request.sessionName,
    arn: `arn:aws:sts::${member.id}:assumed-role/${member.role.name}/${request.sessionName}`,
    assumedRoleId: `${member.role.roleId}:${request.sessionName}`,
    assumedBy: caller.arn,
    expiration,
  };
  world.sessions.set(accessKeyId, session);
  return session;
}

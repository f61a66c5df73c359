import type { AwsPorts, CallerIdentity } from "../aws/types.js";
import { type ByodkimConfig, privateKeyObjectKey, selectorListing, stateSecretId } from "../config/config.js";
import { ByodkimError } from "../errors.js";
import { checkPermissions, checkPermissionsAcross, type PermissionsFacts } from "../gates/permissionsGate.js";
import type { GateResult } from "../gates/types.js";
import { msg } from "../messages/msg.js";
import { type PermissionCommand, type PermissionNeed, type PermissionScope, permissionNeeds, probeNeeds } from "../permissions/needs.js";
import {
  dmarcScope,
  journalMirrorScope,
  kmsKeyArn,
  probeScope,
  route53Scope,
  secretArnPattern,
  TEST_SENDER_LOCAL_PART,
  tsigScope,
} from "../permissions/policy.js";
import { simulatedPrincipal } from "../permissions/principal.js";
import { lockLocation } from "../state/lock.js";
import type { CommandContext } from "./context.js";

export interface PermissionTarget {
  readonly command: PermissionCommand;
  readonly domain: string;
  /** The selectors whose key objects the command touches; none known yet: every key of the domain. */
  readonly selectors: readonly string[];
  /** The state secret's ARN as Secrets Manager returned it, when it was read. */
  readonly secretArn: string | undefined;
  /** `--probe` or `--probe-every` on a change: what the probe uses is simulated too. */
  readonly probing?: boolean;
}

/** The exact resources of this run, for the simulation. */
export function runScope(ctx: Pick<CommandContext, "config" | "region">, caller: CallerIdentity, target: PermissionTarget, ownRole: string): PermissionScope {
  const { config, region } = ctx;
  const account = caller.account;
  const template = config.keys.key;
  return {
    account,
    region,
    domain: target.domain,
    bucket: config.keys.bucket,
    keyPrefix: selectorListing(template, target.domain).prefix,
    keyObjects: (target.selectors.length > 0 ? target.selectors : ["*"]).map((selector) => privateKeyObjectKey(template, target.domain, selector)),
    lockObject: lockLocation(config.keys, target.domain, region, config.region).key,
    secretArn: target.secretArn ?? secretArnPattern(stateSecretId(config, target.domain), region, account),
    alarmNames: config.alarms.map((alarm) => alarm.name),
    kmsKeyArn: config.keys.kmsKeyId ? kmsKeyArn(config.keys.kmsKeyId, region, account) : undefined,
    testFrom: `${TEST_SENDER_LOCAL_PART}@${target.domain}`,
    ownRole,
    noticeTopics: config.notify.sns,
    ...probeScope(config, target.domain, region, account),
    ...dmarcScope(config),
    ...tsigScope(config, region, account),
    // The name this run publishes (a new key's selector may not be chosen yet: any one of the domain's stands for it).
    ...route53Scope(config, [target.domain], `${target.selectors[0] ?? "selector"}._domainkey.${target.domain}`),
    ...journalMirrorScope(config),
  };
}

/**
 * The permissions gate: IAM's simulator judges every action this command will make on the exact
 * resources it will make it on, for the caller's role. Anything that stops the simulation itself
 * (no iam:SimulatePrincipalPolicy, a federated user) is a warning, never a block. For a member
 * account's identity it is judged twice: the SES calls for the assumed role in the member account,
 * everything else (and sts:AssumeRole on that role) for the operator in the operations account.
 */
export async function checkCommandPermissions(
  ctx: Pick<CommandContext, "aws" | "config" | "region" | "account" | "operations">,
  caller: CallerIdentity,
  target: PermissionTarget | Promise<PermissionTarget>,
  deniedIs: "fail" | "warn" = "fail",
): Promise<GateResult> {
  const { account, operations } = ctx;
  if (account === undefined || operations === undefined) return checkPermissions(await simulateNeeds(ctx, ctx.aws, caller, target, () => true), deniedIs);
  const isSes = (need: PermissionNeed) => need.action.startsWith("ses:");
  const operatorSide = operations.sts.getCallerIdentity().then(
    (operator) => simulateNeeds(ctx, operations, operator, target, (need) => !isSes(need), [assumeRoleNeed(ctx.config, account.roleArn)]),
    (err: unknown): PermissionsFacts => ({ kind: "notChecked", reason: err instanceof ByodkimError ? err.what : msg("gate.permissions.noIam") }),
  );
  const memberSide = simulateNeeds(ctx, ctx.aws, caller, target, isSes);
  return checkPermissionsAcross(await Promise.all([operatorSide, memberSide]), deniedIs);
}

/** A stand-in for the caller's organization: the simulation is told only that the role's is the same one. */
const CALLERS_ORGANIZATION = "o-callers-organization";

/**
 * sts:AssumeRole on a member's role. An organization's member was found through ListAccounts, so its
 * role is in the caller's own organization: the simulation is told so, as the grant limited to it
 * (aws:ResourceOrgID equal to aws:PrincipalOrgID) asks.
 */
function assumeRoleNeed(config: Pick<ByodkimConfig, "organization">, roleArn: string): PermissionNeed {
  if (config.organization === undefined) return { action: "sts:AssumeRole", resource: roleArn };
  return {
    action: "sts:AssumeRole",
    resource: roleArn,
    conditions: ["aws:ResourceOrgID", "aws:PrincipalOrgID"].map((key) => ({
      operator: "StringEquals" as const,
      key,
      values: [CALLERS_ORGANIZATION],
      requestValue: CALLERS_ORGANIZATION,
    })),
  };
}

/** The needs `wanted` keeps (and `more`), simulated with `aws`'s IAM for `caller`'s principal, over the run's exact resources in the caller's account. */
async function simulateNeeds(
  ctx: Pick<CommandContext, "config" | "region">,
  aws: Pick<AwsPorts, "iam">,
  caller: CallerIdentity,
  target: PermissionTarget | Promise<PermissionTarget>,
  wanted: (need: PermissionNeed) => boolean,
  more: readonly PermissionNeed[] = [],
): Promise<PermissionsFacts> {
  const iam = aws.iam;
  if (!iam) return { kind: "notChecked", reason: msg("gate.permissions.noIam") };
  const principal = simulatedPrincipal(caller.arn);
  if (principal.kind === "unsupported") return { kind: "notChecked", reason: msg("gate.permissions.unsupportedPrincipal", { arn: caller.arn }) };
  try {
    // The role's ARN does not depend on what the command will touch: GetRole goes out while the target is still being read.
    const [principalArn, resolved] = await Promise.all([principal.kind === "role" ? iam.roleArn(principal.roleName) : principal.arn, target]);
    const scope = runScope(ctx, caller, resolved, principalArn);
    const needs = [...[...permissionNeeds(resolved.command, scope), ...(resolved.probing ? probeNeeds(scope) : [])].filter(wanted), ...more];
    const seen = new Set<string>();
    const requests = needs
      .map((need) => {
        // What the request itself will carry under each condition key (none: a key the request lacks).
        const told = (need.conditions ?? []).filter((condition) => condition.requestValue !== null);
        const context = Object.fromEntries(told.map((condition) => [condition.key, [condition.requestValue ?? condition.values[0] ?? ""]]));
        return { action: need.action, resource: need.resource, ...(told.length > 0 ? { context } : {}) };
      })
      .filter((request) => {
        const key = `${request.action} ${request.resource} ${JSON.stringify(request.context ?? {})}`;
        return !seen.has(key) && Boolean(seen.add(key));
      });
    const decisions = await iam.simulate(principalArn, requests);
    return { kind: "simulated", principal: principalArn, decisions };
  } catch (err) {
    if (!(err instanceof ByodkimError)) throw err;
    return { kind: "notChecked", reason: err.what };
  }
}

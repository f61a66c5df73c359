import { parseReportSource } from "../config/dmarcConfig.js";
import { accountIdOf, type ByodkimConfig, privateKeyObjectKey, selectorListing } from "../config/config.js";
import { probeFrom } from "../config/probeConfig.js";
import { approvalKey, approvalsPrefix, campaignLocation, planKey } from "../state/campaignLocation.js";
import { lockLocation } from "../state/lock.js";
import {
  type CampaignObjects,
  type NeedCondition,
  type PermissionCommand,
  type PermissionNeed,
  type PermissionScope,
  permissionNeeds,
  type ProbeResources,
  type Route53Resources,
  type WatchedIdentity,
} from "./needs.js";

/** An IAM policy document as byodkim writes it: Allow statements only, one per action group. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** The sender verify --send-test uses; the policy lets SES send as it only. */
export const TEST_SENDER_LOCAL_PART = "byodkim-verify";

/**
 * The role the permissions gate simulates: the operators' own (`--role`, a name or an ARN with its
 * path), else any role of the account. IAM has no policy variable for "the caller's own role" in a
 * Resource (`${aws:PrincipalArn}` alone is refused as not an ARN), so only the name narrows it.
 */
export function ownRoleArn(role: string | undefined, account: string): string {
  if (role === undefined) return `arn:aws:iam::${account}:role/*`;
  if (role.startsWith("arn:")) return role;
  return `arn:aws:iam::${account}:role/${role}`;
}

/** The config's resources as the policy names them: every selector of the domain, the secret with any suffix. */
export function policyScope(config: ByodkimConfig, domain: string, region: string, role?: string): PermissionScope {
  const account = config.accountId;
  // An identity without regions is read in the region in force, as status reads it; its KMS key is named in that region too.
  // A templated state secret is granted as a pattern: a campaign reaches identities the config does not list (--all).
  // A member account's identity is in its account for SES only: its keys, state and lock stay in this one.
  const memberAccount = (name: string) => {
    const holder = accountIdOf(config, name);
    return holder === account ? {} : { account: holder };
  };
  const secretOf = (name: string, at: string = region) =>
    secretArnPattern((config.identities.find((identity) => identity.domain === name)?.state ?? config.state).secretId, at, account);
  const watchedIdentity = (name: string, keys: ByodkimConfig["keys"], regions: readonly string[] | undefined): WatchedIdentity => ({
    domain: name,
    ...memberAccount(name),
    secretArn: secretOf(name),
    regions: regions ?? [region],
    bucket: keys.bucket,
    keyPrefix: selectorListing(keys.key, name).prefix,
    keyObjects: [privateKeyObjectKey(keys.key, name, "*")],
    kmsKeyArn: keys.kmsKeyId ? kmsKeyArn(keys.kmsKeyId, region, account) : undefined,
    lockObject: lockLocation(keys, name).key,
    lockObjects: Object.fromEntries((regions ?? [region]).map((at) => [at, lockLocation(keys, name, at, config.region).key])),
    // A change in another region records its state in that region's secret (the one the regional ports read).
    secretArns: Object.fromEntries((regions ?? [region]).map((at) => [at, secretOf(name, at)])),
  });
  const sesAccount = memberAccount(domain).account;
  return {
    account,
    ...(sesAccount === undefined ? {} : { sesAccount }),
    region,
    domain,
    bucket: config.keys.bucket,
    keyPrefix: selectorListing(config.keys.key, domain).prefix,
    keyObjects: [privateKeyObjectKey(config.keys.key, domain, "*")],
    lockObject: lockLocation(config.keys, domain, region, config.region).key,
    secretArn: secretOf(domain),
    alarmNames: config.alarms.map((alarm) => alarm.name),
    kmsKeyArn: config.keys.kmsKeyId ? kmsKeyArn(config.keys.kmsKeyId, region, account) : undefined,
    testFrom: `${TEST_SENDER_LOCAL_PART}@${domain}`,
    ownRole: ownRoleArn(role, account),
    noticeTopics: config.notify.sns,
    campaign: campaignObjects(config.keys),
    ...probeScope(config, domain, region, account),
    ...dmarcScope(config),
    ...tsigScope(config, region, account),
    ...route53Scope(config, [domain, ...config.identities.map((identity) => identity.domain)]),
    ...journalMirrorScope(config),
    watched: [
      watchedIdentity(domain, config.keys, undefined),
      ...config.identities
        .filter((identity) => identity.domain !== domain)
        .map((identity) => watchedIdentity(identity.domain, identity.keys, identity.regions)),
    ],
  };
}

/** Route 53 publishing's zone and names when the config publishes there: `*._domainkey.<domain>` for each domain, and the name the run publishes. */
export function route53Scope(config: Pick<ByodkimConfig, "dns">, domains: readonly string[], requestName?: string): { route53?: Route53Resources } {
  const publish = config.dns.publish;
  if (publish?.provider !== "route53") return {};
  const recordNames = [...new Set(domains.map((domain) => `*._domainkey.${domain}`))];
  return { route53: { hostedZoneId: publish.hostedZoneId, recordNames, ...(requestName === undefined ? {} : { requestName }) } };
}

/**
 * The probe's resources for `domain` when the config has `probe:`; the same for a policy and a run
 * (a run cannot know the password secret's suffix before reading it). A secret named by its ARN is
 * in the region the ARN names; by its name, in `region`.
 */
export function probeScope(config: Pick<ByodkimConfig, "probe">, domain: string, region: string, account: string): { probe?: ProbeResources } {
  const probe = config.probe;
  if (!probe) return {};
  const inbound = new Map<string, { bucket: string; prefix: string }>();
  const secrets = new Set<string>();
  for (const { readBack } of probe.targets) {
    if (readBack.kind === "s3") inbound.set(`${readBack.bucket}/${readBack.prefix}`, { bucket: readBack.bucket, prefix: readBack.prefix });
    else secrets.add(secretArnPattern(readBack.passwordSecret, region, account));
  }
  return { probe: { from: probeFrom(probe, domain), inbound: [...inbound.values()], passwordSecrets: [...secrets] } };
}

/** dns.publish rfc2136's TSIG key secret, in `region` when named by its name; the same for a policy and a run. */
export function tsigScope(config: Pick<ByodkimConfig, "dns">, region: string, account: string): { tsigSecret?: string } {
  const publish = config.dns.publish;
  return publish?.provider === "rfc2136" ? { tsigSecret: secretArnPattern(publish.tsig.secretId, region, account) } : {};
}

/** The DMARC reports' S3 prefix, when `dmarc.reports` names one. */
export function dmarcScope(config: Pick<ByodkimConfig, "dmarc">): { dmarcReports?: { bucket: string; prefix: string } } {
  const source = config.dmarc?.reports === undefined ? undefined : parseReportSource(config.dmarc.reports);
  return source?.kind === "s3" ? { dmarcReports: { bucket: source.bucket, prefix: source.prefix } } : {};
}

/** The journal mirror's bucket and prefix, when `journal.s3` names one. */
export function journalMirrorScope(config: Pick<ByodkimConfig, "journal">): { journalMirror?: { bucket: string; prefix: string } } {
  const mirror = config.journal.s3;
  return mirror ? { journalMirror: { bucket: mirror.bucket, prefix: mirror.prefix } } : {};
}

/** A plan's id is its SHA-256 in hex: one `?` a digit matches every plan and no approval (whose keys are longer). */
const ANY_PLAN_ID = "?".repeat(64);

/**
 * The campaign records a policy grants (any plan, any approver) or a run touches (`planId`, and
 * `approver`: the caller's principal key, for approve).
 */
export function campaignObjects(keys: ByodkimConfig["keys"], planId = ANY_PLAN_ID, approver?: string): CampaignObjects {
  return {
    prefix: campaignLocation(keys).plansPrefix,
    planObject: planKey(keys, planId),
    approvalObjects: approver === undefined ? `${approvalsPrefix(keys, planId)}*` : approvalKey(keys, planId, approver),
  };
}

/** Secrets Manager appends six random characters to a secret's name in its ARN; a name gets them as a wildcard. */
export function secretArnPattern(secretId: string, region: string, account: string): string {
  if (secretId.startsWith("arn:")) return secretId;
  // A name with {domain} (one state secret per identity) is every identity's: IAM's `*` in its place.
  return `arn:aws:secretsmanager:${region}:${account}:secret:${secretId.replaceAll("{domain}", "*")}-??????`;
}

/** IAM authorises KMS calls on the key's ARN: a key id becomes one; an alias becomes any key that has that alias (kms:ResourceAliases). */
export function kmsKeyArn(kmsKeyId: string, region: string, account: string): string {
  if (kmsKeyId.startsWith("arn:")) return kmsKeyId;
  if (kmsKeyId.startsWith("alias/")) return `arn:aws:kms:${region}:${account}:key/*`;
  return `arn:aws:kms:${region}:${account}:key/${kmsKeyId}`;
}

/** Statements of one action that IAM cannot narrow by resource, named for what they are for rather than numbered. */
const ACTION_SIDS: Readonly<Record<string, string>> = {
  "ses:ListEmailIdentities": "StatusIdentityListing",
  "cloudwatch:PutMetricData": "StatusMetrics",
  "organizations:ListAccounts": "OrganizationMemberAccounts",
};

/** Statement names by service, in the order a reader meets them. */
const SIDS: Readonly<Record<string, string>> = {
  ses: "SesDkim",
  s3: "DkimKeyObjects",
  secretsmanager: "StateSecret",
  cloudwatch: "Alarms",
  kms: "KeyEncryption",
  iam: "PermissionPreflight",
  sns: "ChangeNotices",
  route53: "DnsPublish",
  sts: "MemberAccountRoles",
  organizations: "OrganizationMemberAccounts",
};

/**
 * The least-privilege policy for the commands: each distinct (resource set, condition) gets one
 * statement with the actions that need exactly it, so removing any one statement takes away
 * something a command does.
 */
export function policyFor(commands: readonly PermissionCommand[], scope: PermissionScope, kmsAlias?: string): PolicyDocument {
  return policyOfNeeds(
    commands.flatMap((command) => permissionNeeds(command, scope)),
    scope,
    kmsAlias,
  );
}

/** What names a statement for what it is for (the probe's, the DMARC reports', the campaign's…); a scope without them names by service. */
export type StatementFamilies = Partial<Pick<PermissionScope, "bucket" | "campaign" | "probe" | "dmarcReports" | "journalMirror" | "tsigSecret">>;

/** The policy granting exactly `needs`, grouped as policyFor groups them. */
export function policyOfNeeds(allNeeds: readonly PermissionNeed[], scope: StatementFamilies, kmsAlias?: string): PolicyDocument {
  const needs = withMergedValues(dedupe(allNeeds));
  // The probe's mailboxes and passwords: granted apart from the keys and the state, so a reader sees what the probe adds.
  const probeInbound = new Set((scope.probe?.inbound ?? []).flatMap(({ bucket, prefix }) => [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/${prefix}*`]));
  const probeSecrets = new Set(scope.probe?.passwordSecrets ?? []);
  const dmarcReports = new Set(
    scope.dmarcReports ? [`arn:aws:s3:::${scope.dmarcReports.bucket}`, `arn:aws:s3:::${scope.dmarcReports.bucket}/${scope.dmarcReports.prefix}*`] : [],
  );
  const journalMirror = new Set(
    scope.journalMirror ? [`arn:aws:s3:::${scope.journalMirror.bucket}`, `arn:aws:s3:::${scope.journalMirror.bucket}/${scope.journalMirror.prefix}*`] : [],
  );
  const probeFamily = (resource: string) =>
    probeInbound.has(resource)
      ? "ProbeInbound"
      : probeSecrets.has(resource)
        ? "ProbeImapPassword"
        : dmarcReports.has(resource)
          ? "DmarcReports"
          : resource === scope.tsigSecret
            ? "DnsUpdateTsigKey"
            : journalMirror.has(resource)
              ? "JournalMirror"
              : "";
  // One statement per action with its resources and conditions; actions with identical resources and conditions merge.
  const byAction = new Map<string, { resources: Set<string>; conditions: PermissionNeed["conditions"] }>();
  for (const need of needs) {
    const key = `${need.action}|${conditionKey(need)}|${probeFamily(need.resource)}`;
    const entry = byAction.get(key) ?? { resources: new Set<string>(), conditions: need.conditions };
    entry.resources.add(need.resource);
    byAction.set(key, entry);
  }
  const merged = new Map<string, { actions: string[]; resources: string[]; conditions: PermissionNeed["conditions"] }>();
  for (const [key, entry] of byAction) {
    const action = key.split("|")[0]!;
    const resources = [...entry.resources].sort();
    const group = `${action.split(":")[0]}|${resources.join(",")}|${conditionKey(entry)}`;
    const found = merged.get(group) ?? { actions: [], resources, conditions: entry.conditions };
    found.actions.push(action);
    merged.set(group, found);
  }
  // Plans and approvals only: named apart from the key objects, so a reader sees which grant is the campaign's.
  const campaignArn = scope.campaign ? `arn:aws:s3:::${scope.bucket}/${scope.campaign.prefix}` : undefined;
  const probeSid = (resources: readonly string[]) => {
    const families = new Set(resources.map(probeFamily));
    return families.size === 1 && !families.has("") ? [...families][0] : undefined;
  };
  const counts = new Map<string, number>();
  const statements = [...merged.values()]
    .sort((a, b) => serviceOrder(a.actions[0]!) - serviceOrder(b.actions[0]!) || a.actions[0]!.localeCompare(b.actions[0]!))
    .map((group): PolicyStatement => {
      const service = group.actions[0]!.split(":")[0]!;
      const base =
        (group.actions.length === 1 ? ACTION_SIDS[group.actions[0]!] : undefined) ??
        (group.resources.every((resource) => campaignArn !== undefined && resource.startsWith(campaignArn)) ? "CampaignRecords" : undefined) ??
        probeSid(group.resources) ??
        SIDS[service] ??
        service;
      const n = (counts.get(base) ?? 0) + 1;
      counts.set(base, n);
      const actions = group.actions.sort();
      const kmsCondition = service === "kms" && kmsAlias ? { "ForAnyValue:StringEquals": { "kms:ResourceAliases": kmsAlias } } : undefined;
      const condition = group.conditions?.length ? conditionBlock(group.conditions) : kmsCondition;
      return {
        Sid: n === 1 ? base : `${base}${n}`,
        Effect: "Allow",
        Action: one(actions),
        Resource: one(group.resources),
        ...(condition ? { Condition: condition } : {}),
      };
    });
  return { Version: "2012-10-17", Statement: statements };
}

/** The conditions as IAM's Condition block: operator → key → value(s). */
function conditionBlock(conditions: readonly NeedCondition[]): Record<string, Record<string, string | readonly string[]>> {
  const block: Record<string, Record<string, string | readonly string[]>> = {};
  for (const condition of conditions) block[condition.operator] = { ...block[condition.operator], [condition.key]: one(condition.values) };
  return block;
}

const one = <T>(values: readonly T[]): T | readonly T[] => (values.length === 1 ? values[0]! : values);
const conditionKey = (need: { readonly conditions?: PermissionNeed["conditions"] }) =>
  (need.conditions ?? [])
    .map((condition) => `${condition.operator}:${condition.key}=${condition.values.join(",")}`)
    .sort()
    .join("&");
const serviceOrder = (action: string) => Object.keys(SIDS).indexOf(action.split(":")[0]!);

/**
 * One action on one resource under one condition key gets one condition listing every value asked
 * for (IAM ORs a key's values): status's ListBucket on a bucket for each watched identity's prefix
 * is one statement, not one per identity. Needs under several condition keys are merged only when
 * they are alike in everything else.
 */
function withMergedValues(needs: readonly PermissionNeed[]): PermissionNeed[] {
  const merged = new Map<string, PermissionNeed>();
  const single = (need: PermissionNeed) => (need.conditions?.length === 1 ? need.conditions[0] : undefined);
  for (const need of needs) {
    const only = single(need);
    const key = `${need.action}|${need.resource}|${only ? `${only.operator}:${only.key}` : conditionKey(need)}`;
    const found = merged.get(key);
    const foundOnly = found && single(found);
    if (foundOnly && only) {
      merged.set(key, { ...found, conditions: [{ ...foundOnly, values: [...new Set([...foundOnly.values, ...only.values])] }] });
    } else if (!found) merged.set(key, need);
  }
  return [...merged.values()];
}

function dedupe(needs: readonly PermissionNeed[]): PermissionNeed[] {
  const seen = new Set<string>();
  return needs.filter((need) => {
    const key = `${need.action}|${need.resource}|${conditionKey(need)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

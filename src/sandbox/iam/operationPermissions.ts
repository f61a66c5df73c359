import { iamParams } from "../api/iam.js";
import { SANDBOX_ORGANIZATION_ID } from "../api/organizations.js";
import { s3Operation } from "../api/s3.js";
import { DEFAULT_S3_KMS_KEY, kmsKeyArn, objectMetaOf } from "../api/s3Meta.js";
import { findSecret, newSecretArn } from "../api/secretsManager.js";
import { normalizedRecordName, requestedChanges, route53Route } from "../api/route53.js";
import { sesOperation } from "../api/sesv2.js";
import { signingRegion, type WireRequest } from "../api/wire.js";
import type { SandboxWorld } from "../world.js";
import type { AuthorisationRequest } from "./policy.js";
import { roleArn } from "./roles.js";

/** What the table reads of the world: names and ARNs, never a body or a secret value. */
export type PermissionScope = Pick<SandboxWorld, "region" | "accountId" | "buckets" | "objectMeta" | "secrets" | "roles"> &
  Partial<Pick<SandboxWorld, "regionSecrets" | "members">>;

/** The IAM requests AWS authorises for one operation; every one must be allowed. */
export type RequiredPermissions = (scope: PermissionScope, request: WireRequest) => AuthorisationRequest[];

const header = (request: WireRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
};

function jsonBody(request: WireRequest): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(request.body.toString("utf8") || "{}");
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const s3Object = (request: WireRequest) => {
  const { bucket, key } = s3Operation(request);
  return { bucket, key, bucketArn: `arn:aws:s3:::${bucket}`, objectArn: `arn:aws:s3:::${bucket}/${key}` };
};
/**
 * `s3:ExistingObjectTag/<key>`, one per tag the object has: S3 tells IAM of them on the reads and the
 * tagging calls, never on PutObject or DeleteObject (S3 User Guide, "Tagging and access control
 * policies"), so a policy cannot keep a delete to objects tagged one way.
 */
function existingTags(scope: PermissionScope, request: WireRequest): Record<string, string[]> {
  const { bucket, key } = s3Object(request);
  if (!scope.buckets.get(bucket)?.has(key)) return {};
  return Object.fromEntries(Object.entries(objectMetaOf(scope, bucket, key).tags).map(([name, value]) => [`s3:ExistingObjectTag/${name}`, [value]]));
}
/** The request with its condition keys, if it has any. */
const withContext = (request: AuthorisationRequest, context: Record<string, string[]>): AuthorisationRequest =>
  Object.keys(context).length > 0 ? { ...request, context: { ...request.context, ...context } } : request;
const onObject = (action: string) => (scope: PermissionScope, request: WireRequest) => [
  withContext({ action, resource: s3Object(request).objectArn }, existingTags(scope, request)),
];

/** S3's conditional-request headers, as the condition keys `s3:if-match` and `s3:if-none-match` (S3 User Guide, "Enforce conditional writes"). */
const conditionalHeaders = (request: WireRequest, names: readonly ("if-match" | "if-none-match")[]): Record<string, string[]> =>
  Object.fromEntries(names.flatMap((name) => (header(request, name) !== undefined ? [[`s3:${name}`, [header(request, name)!]]] : [])));

/** A delete that names an ETag needs s3:GetObject besides s3:DeleteObject (S3 User Guide, "Enforce conditional deletes"). */
function deleteObject(_: PermissionScope, request: WireRequest): AuthorisationRequest[] {
  const { objectArn } = s3Object(request);
  const ifMatch = header(request, "if-match");
  return [
    withContext({ action: "s3:DeleteObject", resource: objectArn }, conditionalHeaders(request, ["if-match"])),
    ...(ifMatch !== undefined && ifMatch !== "*" ? [{ action: "s3:GetObject", resource: objectArn }] : []),
  ];
}

/** S3 calls KMS on the caller's behalf, so KMS sees the request come through S3, about this object. */
const kmsThroughS3 = (scope: PermissionScope, action: string, keyArn: string, objectArn: string): AuthorisationRequest => ({
  action,
  resource: keyArn,
  context: { "kms:ViaService": [`s3.${scope.region}.amazonaws.com`], "kms:EncryptionContext:aws:s3:arn": [objectArn] },
});

function readObject(scope: PermissionScope, request: WireRequest): AuthorisationRequest[] {
  const { bucket, key, bucketArn, objectArn } = s3Object(request);
  const objects = scope.buckets.get(bucket);
  const requests: AuthorisationRequest[] = [withContext({ action: "s3:GetObject", resource: objectArn }, existingTags(scope, request))];
  // S3 says NoSuchKey only to a caller who may list the bucket; anyone else gets 403 (S3 User Guide, GetObject "Permissions").
  if (objects && !objects.has(key)) requests.push({ action: "s3:ListBucket", resource: bucketArn });
  const meta = objects?.has(key) ? objectMetaOf(scope, bucket, key) : undefined;
  if (meta?.kmsKeyId) requests.push(kmsThroughS3(scope, "kms:Decrypt", meta.kmsKeyId, objectArn));
  return requests;
}

function putObject(scope: PermissionScope, request: WireRequest): AuthorisationRequest[] {
  const { objectArn } = s3Object(request);
  const encryption = header(request, "x-amz-server-side-encryption");
  const keyId = header(request, "x-amz-server-side-encryption-aws-kms-key-id");
  const context: Record<string, string[]> = {
    ...(encryption !== undefined ? { "s3:x-amz-server-side-encryption": [encryption] } : {}),
    ...(keyId !== undefined ? { "s3:x-amz-server-side-encryption-aws-kms-key-id": [keyId] } : {}),
    ...conditionalHeaders(request, ["if-match", "if-none-match"]),
  };
  const requests: AuthorisationRequest[] = [{ action: "s3:PutObject", resource: objectArn, context }];
  if (header(request, "x-amz-tagging") !== undefined) requests.push({ action: "s3:PutObjectTagging", resource: objectArn });
  if (encryption?.startsWith("aws:kms")) requests.push(kmsThroughS3(scope, "kms:GenerateDataKey", kmsKeyArn(scope, keyId ?? DEFAULT_S3_KMS_KEY), objectArn));
  return requests;
}

function listObjects(_: PermissionScope, request: WireRequest): AuthorisationRequest[] {
  const query = request.url.searchParams;
  const delimiter = query.get("delimiter");
  // A listing without a prefix is authorised as the prefix "" (S3 User Guide's s3:prefix examples allow it with "").
  const context = { "s3:prefix": [query.get("prefix") ?? ""], ...(delimiter !== null ? { "s3:delimiter": [delimiter] } : {}) };
  return [{ action: "s3:ListBucket", resource: s3Object(request).bucketArn, context }];
}

// SES keeps domain identities in lower case, whichever case the request used; an identity's ARN names the region signed for.
const identityArn = (scope: PermissionScope, request: WireRequest, identity: string) =>
  `arn:aws:ses:${signingRegion(request.headers) ?? scope.region}:${scope.accountId}:identity/${identity.toLowerCase()}`;
const onIdentity = (action: string) => (scope: PermissionScope, request: WireRequest) => [
  { action, resource: identityArn(scope, request, sesOperation(request).identity ?? "") },
];

function sendEmail(scope: PermissionScope, request: WireRequest): AuthorisationRequest[] {
  const from = String(jsonBody(request)["FromEmailAddress"] ?? "");
  // `"Ops" <ops@goo.ne.jp>` or `ops@goo.ne.jp`: the address is what SES authorises.
  const address = /<([^>]*)>\s*$/.exec(from)?.[1] ?? from.trim();
  const domain = address.split("@")[1] ?? "";
  return [{ action: "ses:SendEmail", resource: identityArn(scope, request, domain), context: { "ses:FromAddress": [address] } }];
}

function secretResource(scope: PermissionScope, request: WireRequest): string {
  const id = String(jsonBody(request)["SecretId"] ?? "");
  const region = signingRegion(request.headers) ?? scope.region;
  const secrets = region === scope.region ? scope.secrets : scope.regionSecrets?.get(region);
  const known = secrets && findSecret(secrets, id)?.arn;
  if (known) return known;
  // A secret that does not exist has no suffix to show; AWS still authorises before it looks.
  return id.startsWith("arn:") ? id : `arn:aws:secretsmanager:${region}:${scope.accountId}:secret:${id}`;
}
const onSecret = (action: string) => (scope: PermissionScope, request: WireRequest) => [{ action, resource: secretResource(scope, request) }];

const alarmArn = (scope: PermissionScope, name: string) => `arn:aws:cloudwatch:${scope.region}:${scope.accountId}:alarm:${name}`;
const onAlarm = (action: string) => (scope: PermissionScope, request: WireRequest) => [
  { action, resource: alarmArn(scope, String(jsonBody(request)["AlarmName"] ?? "")) },
];

function describeAlarms(scope: PermissionScope, request: WireRequest): AuthorisationRequest[] {
  const names = jsonBody(request)["AlarmNames"];
  if (!Array.isArray(names) || names.length === 0) return [{ action: "cloudwatch:DescribeAlarms", resource: "*" }];
  return names.map((name) => ({ action: "cloudwatch:DescribeAlarms", resource: alarmArn(scope, String(name)) }));
}

function getRole(scope: PermissionScope, request: WireRequest): AuthorisationRequest[] {
  const name = iamParams(request).get("RoleName");
  if (name === null) return [];
  return [{ action: "iam:GetRole", resource: roleArn(scope.accountId, scope.roles.get(name) ?? { name, path: "/" }) }];
}

function simulatePrincipalPolicy(_: PermissionScope, request: WireRequest): AuthorisationRequest[] {
  const source = iamParams(request).get("PolicySourceArn");
  return source === null ? [] : [{ action: "iam:SimulatePrincipalPolicy", resource: source }];
}

const hostedZoneArn = (request: WireRequest) => `arn:aws:route53:::hostedzone/${route53Route(request).id}`;

/**
 * Route 53 tells IAM the record names (normalised), types and actions of the whole batch, so a policy
 * can keep a role to its own `*._domainkey` names (Route 53 Developer Guide, "fine-grained access control").
 */
function changeResourceRecordSets(_: PermissionScope, request: WireRequest): AuthorisationRequest[] {
  const { changes } = requestedChanges(request.body);
  const distinct = (values: string[]) => [...new Set(values)];
  return [
    {
      action: "route53:ChangeResourceRecordSets",
      resource: hostedZoneArn(request),
      context: {
        "route53:ChangeResourceRecordSetsNormalizedRecordNames": distinct(changes.map((change) => normalizedRecordName(change.name))),
        "route53:ChangeResourceRecordSetsRecordTypes": distinct(changes.map((change) => change.type)),
        "route53:ChangeResourceRecordSetsActions": distinct(changes.map((change) => change.action)),
      },
    },
  ];
}

/**
 * Every operation the sandbox serves, keyed by the SigV4 signing name and the operation, to the IAM
 * requests AWS authorises for it (Service Authorization Reference). The one place this is said:
 * the services enforce it and a scenario can be checked against it.
 */
/**
 * AssumeRole, judged on the caller's side: their policy must allow it on the role. The sandbox's
 * accounts (the operations account and its members) are one organization, so STS tells IAM the
 * role's organization (aws:ResourceOrgID) and the caller's (aws:PrincipalOrgID) when the role is in
 * one of them; a role elsewhere has none, and a grant limited to the caller's organization misses it.
 */
const assumeRole: RequiredPermissions = (scope, request) => {
  const role = iamParams(request).get("RoleArn") ?? "*";
  const account = /^arn:aws:iam::(\d{12}):role\//.exec(role)?.[1];
  const inOrganization = account !== undefined && (account === scope.accountId || scope.members?.has(account) === true);
  return [
    {
      action: "sts:AssumeRole",
      resource: role,
      ...(inOrganization ? { context: { "aws:ResourceOrgID": [SANDBOX_ORGANIZATION_ID], "aws:PrincipalOrgID": [SANDBOX_ORGANIZATION_ID] } } : {}),
    },
  ];
};

export const OPERATION_PERMISSIONS: Readonly<Record<string, Readonly<Record<string, RequiredPermissions>>>> = {
  // GetCallerIdentity needs no permission: even an explicit Deny cannot stop it (STS API Reference).
  sts: {
    GetCallerIdentity: () => [],
    // The caller's own policy must let them ask; the role's trust policy then decides (STS answers that itself).
    AssumeRole: assumeRole,
  },
  s3: {
    ListObjectsV2: listObjects,
    GetObject: readObject,
    HeadObject: readObject,
    PutObject: putObject,
    GetObjectTagging: onObject("s3:GetObjectTagging"),
    PutObjectTagging: onObject("s3:PutObjectTagging"),
    DeleteObject: deleteObject,
  },
  ses: {
    GetEmailIdentity: onIdentity("ses:GetEmailIdentity"),
    PutEmailIdentityDkimSigningAttributes: onIdentity("ses:PutEmailIdentityDkimSigningAttributes"),
    PutEmailIdentityDkimAttributes: onIdentity("ses:PutEmailIdentityDkimAttributes"),
    CreateEmailIdentity: (scope, request) => [
      { action: "ses:CreateEmailIdentity", resource: identityArn(scope, request, String(jsonBody(request)["EmailIdentity"] ?? "")) },
    ],
    SendEmail: sendEmail,
    ListEmailIdentities: () => [{ action: "ses:ListEmailIdentities", resource: "*" }],
  },
  secretsmanager: {
    GetSecretValue: onSecret("secretsmanager:GetSecretValue"),
    PutSecretValue: onSecret("secretsmanager:PutSecretValue"),
    DescribeSecret: onSecret("secretsmanager:DescribeSecret"),
    CreateSecret: (scope, request) => [
      { action: "secretsmanager:CreateSecret", resource: newSecretArn(scope, String(jsonBody(request)["Name"] ?? ""), signingRegion(request.headers)) },
    ],
  },
  monitoring: {
    DescribeAlarms: describeAlarms,
    PutMetricData: (_, request) => [
      { action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": [String(jsonBody(request)["Namespace"] ?? "")] } },
    ],
    SetAlarmState: onAlarm("cloudwatch:SetAlarmState"),
    PutMetricAlarm: onAlarm("cloudwatch:PutMetricAlarm"),
  },
  iam: { GetRole: getRole, SimulatePrincipalPolicy: simulatePrincipalPolicy },
  organizations: { ListAccounts: () => [{ action: "organizations:ListAccounts", resource: "*" }] },
  sns: { Publish: (_, request) => [{ action: "sns:Publish", resource: iamParams(request).get("TopicArn") ?? "*" }] },
  route53: {
    ListHostedZonesByName: () => [{ action: "route53:ListHostedZonesByName", resource: "*" }],
    GetHostedZone: (_, request) => [{ action: "route53:GetHostedZone", resource: hostedZoneArn(request) }],
    ListResourceRecordSets: (_, request) => [{ action: "route53:ListResourceRecordSets", resource: hostedZoneArn(request) }],
    ChangeResourceRecordSets: changeResourceRecordSets,
    GetChange: (_, request) => [{ action: "route53:GetChange", resource: `arn:aws:route53:::change/${route53Route(request).id}` }],
  },
};

/** The IAM requests for one operation; none for an operation the sandbox does not serve (it answers that itself). */
export function requiredPermissions(scope: PermissionScope, service: string, operation: string, request: WireRequest): AuthorisationRequest[] {
  return OPERATION_PERMISSIONS[service]?.[operation]?.(scope, request) ?? [];
}

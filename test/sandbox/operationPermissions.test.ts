import { describe, expect, it } from "vitest";
import type { WireRequest } from "../../src/sandbox/api/wire.js";
import { accessDeniedMessage, firstDenial } from "../../src/sandbox/iam/enforcement.js";
import { OPERATION_PERMISSIONS, type PermissionScope, requiredPermissions } from "../../src/sandbox/iam/operationPermissions.js";
import type { AuthorisationRequest } from "../../src/sandbox/iam/policy.js";
import { sandboxRole } from "../../src/sandbox/iam/roles.js";
import type { S3ObjectMeta } from "../../src/sandbox/world.js";

const REGION = "ap-northeast-1";
const ACCOUNT = "123456789012";
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:aws-ses-migration/prod/dkim-config-AbCdEf`;
const VIA_S3 = (object: string) => ({ "kms:ViaService": [`s3.${REGION}.amazonaws.com`], "kms:EncryptionContext:aws:s3:arn": [object] });
const SSO_PATH = "/aws-reserved/sso.amazonaws.com/ap-northeast-1/";

const scope: PermissionScope = {
  region: REGION,
  accountId: ACCOUNT,
  buckets: new Map([
    [
      "keys",
      new Map([
        ["dkim/sse-s3.pem", Buffer.from("a")],
        ["dkim/sse-kms.pem", Buffer.from("b")],
        ["dkim/retired.pem", Buffer.from("c")],
      ]),
    ],
  ]),
  objectMeta: new Map<string, S3ObjectMeta>([
    ["keys/dkim/sse-kms.pem", { serverSideEncryption: "aws:kms", kmsKeyId: KEY_ARN, tags: {} }],
    ["keys/dkim/retired.pem", { serverSideEncryption: "AES256", tags: { "byodkim:status": "retired" } }],
  ]),
  secrets: new Map([["aws-ses-migration/prod/dkim-config", { name: "aws-ses-migration/prod/dkim-config", arn: SECRET_ARN, versions: [] }]]),
  roles: new Map([["AWSReservedSSO_MailOps_0123", sandboxRole(ACCOUNT, "AWSReservedSSO_MailOps_0123", SSO_PATH)]]),
};

interface Wire {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}
const wire = ({ method = "POST", path = "/", headers = {}, body }: Wire): WireRequest => ({
  method,
  url: new URL(path, "http://sandbox.local"),
  headers,
  body: Buffer.from(body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body)),
});
const secrets = (operation: string, body: unknown): Wire => ({ headers: { "x-amz-target": `secretsmanager.${operation}` }, body });
const cloudwatch = (operation: string, body: unknown): Wire => ({ headers: { "x-amz-target": `GraniteServiceVersion20100801.${operation}` }, body });
const iam = (params: Record<string, string>): Wire => ({ body: new URLSearchParams({ Version: "2010-05-08", ...params }).toString() });

const identity = (domain: string) => `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${domain}`;
const alarm = (name: string) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`;

const CASES: readonly [string, string, string, Wire, AuthorisationRequest[]][] = [
  ["sts", "GetCallerIdentity", "needs no permission at all", { body: "Action=GetCallerIdentity" }, []],
  [
    "sts",
    "AssumeRole",
    "on the role asked for (the caller's side; the role's trust policy is the other)",
    { body: `Action=AssumeRole&RoleArn=${encodeURIComponent("arn:aws:iam::111111111111:role/byodkim-target")}&RoleSessionName=byodkim` },
    [{ action: "sts:AssumeRole", resource: "arn:aws:iam::111111111111:role/byodkim-target" }],
  ],
  [
    "sns",
    "Publish",
    "sns:Publish on the topic",
    { body: "Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aap-northeast-1%3A123456789012%3Adkim-changes&Message=m" },
    [{ action: "sns:Publish", resource: "arn:aws:sns:ap-northeast-1:123456789012:dkim-changes" }],
  ],
  [
    "s3",
    "ListObjectsV2",
    "s3:ListBucket on the bucket, with the prefix",
    { method: "GET", path: "/keys?list-type=2&prefix=dkim%2Fgoo.ne.jp%2F" },
    [{ action: "s3:ListBucket", resource: "arn:aws:s3:::keys", context: { "s3:prefix": ["dkim/goo.ne.jp/"] } }],
  ],
  [
    "s3",
    "ListObjectsV2",
    "a listing with no prefix is the prefix '', and the delimiter is a key too",
    { method: "GET", path: "/keys?list-type=2&delimiter=%2F" },
    [{ action: "s3:ListBucket", resource: "arn:aws:s3:::keys", context: { "s3:prefix": [""], "s3:delimiter": ["/"] } }],
  ],
  [
    "s3",
    "GetObject",
    "s3:GetObject on an SSE-S3 object",
    { method: "GET", path: "/keys/dkim/sse-s3.pem" },
    [{ action: "s3:GetObject", resource: "arn:aws:s3:::keys/dkim/sse-s3.pem" }],
  ],
  [
    "s3",
    "GetObject",
    "and kms:Decrypt on the key of an SSE-KMS object, through S3",
    { method: "GET", path: "/keys/dkim/sse-kms.pem" },
    [
      { action: "s3:GetObject", resource: "arn:aws:s3:::keys/dkim/sse-kms.pem" },
      { action: "kms:Decrypt", resource: KEY_ARN, context: VIA_S3("arn:aws:s3:::keys/dkim/sse-kms.pem") },
    ],
  ],
  [
    "s3",
    "GetObject",
    "and s3:ListBucket for a key that is not there (else S3 answers 403, not NoSuchKey)",
    { method: "GET", path: "/keys/dkim/missing.pem" },
    [
      { action: "s3:GetObject", resource: "arn:aws:s3:::keys/dkim/missing.pem" },
      { action: "s3:ListBucket", resource: "arn:aws:s3:::keys" },
    ],
  ],
  [
    "s3",
    "HeadObject",
    "s3:GetObject and kms:Decrypt, as GetObject",
    { method: "HEAD", path: "/keys/dkim/sse-kms.pem" },
    [
      { action: "s3:GetObject", resource: "arn:aws:s3:::keys/dkim/sse-kms.pem" },
      { action: "kms:Decrypt", resource: KEY_ARN, context: VIA_S3("arn:aws:s3:::keys/dkim/sse-kms.pem") },
    ],
  ],
  [
    "s3",
    "PutObject",
    "s3:PutObject with no encryption header: the encryption keys are absent",
    { method: "PUT", path: "/keys/dkim/new.pem" },
    [{ action: "s3:PutObject", resource: "arn:aws:s3:::keys/dkim/new.pem", context: {} }],
  ],
  [
    "s3",
    "PutObject",
    "SSE-S3 asked for: the header as a condition key",
    { method: "PUT", path: "/keys/dkim/new.pem", headers: { "x-amz-server-side-encryption": "AES256" } },
    [{ action: "s3:PutObject", resource: "arn:aws:s3:::keys/dkim/new.pem", context: { "s3:x-amz-server-side-encryption": ["AES256"] } }],
  ],
  [
    "s3",
    "PutObject",
    "SSE-KMS with a key id and tags: s3:PutObjectTagging, and kms:GenerateDataKey on the key's ARN",
    {
      method: "PUT",
      path: "/keys/dkim/new.pem",
      headers: {
        "x-amz-server-side-encryption": "aws:kms",
        "x-amz-server-side-encryption-aws-kms-key-id": "1234abcd-12ab-34cd-56ef-1234567890ab",
        "x-amz-tagging": "a=1",
      },
    },
    [
      {
        action: "s3:PutObject",
        resource: "arn:aws:s3:::keys/dkim/new.pem",
        context: { "s3:x-amz-server-side-encryption": ["aws:kms"], "s3:x-amz-server-side-encryption-aws-kms-key-id": ["1234abcd-12ab-34cd-56ef-1234567890ab"] },
      },
      { action: "s3:PutObjectTagging", resource: "arn:aws:s3:::keys/dkim/new.pem" },
      { action: "kms:GenerateDataKey", resource: KEY_ARN, context: VIA_S3("arn:aws:s3:::keys/dkim/new.pem") },
    ],
  ],
  [
    "s3",
    "PutObject",
    "SSE-KMS naming an alias, or none (the AWS managed key aws/s3)",
    { method: "PUT", path: "/keys/k", headers: { "x-amz-server-side-encryption": "aws:kms" } },
    [
      { action: "s3:PutObject", resource: "arn:aws:s3:::keys/k", context: { "s3:x-amz-server-side-encryption": ["aws:kms"] } },
      { action: "kms:GenerateDataKey", resource: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/s3`, context: VIA_S3("arn:aws:s3:::keys/k") },
    ],
  ],
  [
    "s3",
    "GetObjectTagging",
    "s3:GetObjectTagging on the object",
    { method: "GET", path: "/keys/dkim/a.pem?tagging" },
    [{ action: "s3:GetObjectTagging", resource: "arn:aws:s3:::keys/dkim/a.pem" }],
  ],
  [
    "s3",
    "PutObjectTagging",
    "s3:PutObjectTagging on the object",
    { method: "PUT", path: "/keys/dkim/a.pem?tagging" },
    [{ action: "s3:PutObjectTagging", resource: "arn:aws:s3:::keys/dkim/a.pem" }],
  ],
  [
    "s3",
    "DeleteObject",
    "s3:DeleteObject on the object",
    { method: "DELETE", path: "/keys/dkim/a.pem" },
    [{ action: "s3:DeleteObject", resource: "arn:aws:s3:::keys/dkim/a.pem" }],
  ],
  [
    "s3",
    "PutObject",
    "with If-None-Match as s3:if-none-match (a write that may only create)",
    { method: "PUT", path: "/keys/dkim/new.pem", headers: { "if-none-match": "*" } },
    [{ action: "s3:PutObject", resource: "arn:aws:s3:::keys/dkim/new.pem", context: { "s3:if-none-match": ["*"] } }],
  ],
  [
    "s3",
    "PutObject",
    "with If-Match as s3:if-match (a write over one version)",
    { method: "PUT", path: "/keys/dkim/sse-s3.pem", headers: { "if-match": '"e1"' } },
    [{ action: "s3:PutObject", resource: "arn:aws:s3:::keys/dkim/sse-s3.pem", context: { "s3:if-match": ['"e1"'] } }],
  ],
  [
    "s3",
    "DeleteObject",
    "with If-Match <ETag> as s3:if-match, and s3:GetObject besides (a delete of one version)",
    { method: "DELETE", path: "/keys/dkim/sse-s3.pem", headers: { "if-match": '"e1"' } },
    [
      { action: "s3:DeleteObject", resource: "arn:aws:s3:::keys/dkim/sse-s3.pem", context: { "s3:if-match": ['"e1"'] } },
      { action: "s3:GetObject", resource: "arn:aws:s3:::keys/dkim/sse-s3.pem" },
    ],
  ],
  [
    "s3",
    "GetObjectTagging",
    "with each tag of the object as s3:ExistingObjectTag/<key>",
    { method: "GET", path: "/keys/dkim/retired.pem?tagging" },
    [{ action: "s3:GetObjectTagging", resource: "arn:aws:s3:::keys/dkim/retired.pem", context: { "s3:ExistingObjectTag/byodkim:status": ["retired"] } }],
  ],
  [
    "s3",
    "DeleteObject",
    "never with s3:ExistingObjectTag: S3 does not tell IAM an object's tags on a delete",
    { method: "DELETE", path: "/keys/dkim/retired.pem" },
    [{ action: "s3:DeleteObject", resource: "arn:aws:s3:::keys/dkim/retired.pem" }],
  ],
  [
    "ses",
    "GetEmailIdentity",
    "on the identity",
    { method: "GET", path: "/v2/email/identities/goo.ne.jp" },
    [{ action: "ses:GetEmailIdentity", resource: identity("goo.ne.jp") }],
  ],
  [
    "ses",
    "GetEmailIdentity",
    "on the identity in the region the request was signed for",
    {
      method: "GET",
      path: "/v2/email/identities/goo.ne.jp",
      headers: { authorization: "AWS4-HMAC-SHA256 Credential=AKIASANDBOX/20250917/ap-northeast-3/ses/aws4_request, SignedHeaders=host, Signature=0" },
    },
    [{ action: "ses:GetEmailIdentity", resource: `arn:aws:ses:ap-northeast-3:${ACCOUNT}:identity/goo.ne.jp` }],
  ],
  [
    "ses",
    "PutEmailIdentityDkimSigningAttributes",
    "on the identity, in SES's lower case",
    { method: "PUT", path: "/v2/email/identities/Goo.Ne.JP/dkim/signing" },
    [{ action: "ses:PutEmailIdentityDkimSigningAttributes", resource: identity("goo.ne.jp") }],
  ],
  [
    "ses",
    "PutEmailIdentityDkimAttributes",
    "on the identity",
    { method: "PUT", path: "/v2/email/identities/goo.ne.jp/dkim" },
    [{ action: "ses:PutEmailIdentityDkimAttributes", resource: identity("goo.ne.jp") }],
  ],
  [
    "ses",
    "CreateEmailIdentity",
    "on the new identity",
    { path: "/v2/email/identities", body: { EmailIdentity: "example.org" } },
    [{ action: "ses:CreateEmailIdentity", resource: identity("example.org") }],
  ],
  [
    "ses",
    "SendEmail",
    "on the From domain's identity, with the From address",
    { path: "/v2/email/outbound-emails", body: { FromEmailAddress: "ops@goo.ne.jp" } },
    [{ action: "ses:SendEmail", resource: identity("goo.ne.jp"), context: { "ses:FromAddress": ["ops@goo.ne.jp"] } }],
  ],
  [
    "ses",
    "SendEmail",
    "a From with a display name: the address inside the brackets",
    { path: "/v2/email/outbound-emails", body: { FromEmailAddress: '"Mail Ops" <ops@goo.ne.jp>' } },
    [{ action: "ses:SendEmail", resource: identity("goo.ne.jp"), context: { "ses:FromAddress": ["ops@goo.ne.jp"] } }],
  ],
  [
    "ses",
    "SendEmail",
    "the probe: Simple content with its own headers is authorised as any message, by its From address",
    {
      path: "/v2/email/outbound-emails",
      body: {
        FromEmailAddress: "byodkim-probe@goo.ne.jp",
        Destination: { ToAddresses: ["probe@inbound.example.jp"] },
        Content: {
          Simple: {
            Subject: { Data: "byodkim probe 0123456789abcdef" },
            Body: { Text: { Data: "b" } },
            Headers: [{ Name: "X-Byodkim-Probe", Value: "0123456789abcdef" }],
          },
        },
      },
    },
    [{ action: "ses:SendEmail", resource: identity("goo.ne.jp"), context: { "ses:FromAddress": ["byodkim-probe@goo.ne.jp"] } }],
  ],
  [
    "s3",
    "ListObjectsV2",
    "the probe's listing of an inbound prefix: s3:ListBucket on the inbound bucket, with the prefix a policy's s3:prefix condition judges",
    { method: "GET", path: "/inbound?list-type=2&prefix=probe%2F" },
    [{ action: "s3:ListBucket", resource: "arn:aws:s3:::inbound", context: { "s3:prefix": ["probe/"] } }],
  ],
  ["ses", "ListEmailIdentities", "on *", { method: "GET", path: "/v2/email/identities" }, [{ action: "ses:ListEmailIdentities", resource: "*" }]],
  [
    "secretsmanager",
    "GetSecretValue",
    "on the secret's full ARN, found by name",
    secrets("GetSecretValue", { SecretId: "aws-ses-migration/prod/dkim-config" }),
    [{ action: "secretsmanager:GetSecretValue", resource: SECRET_ARN }],
  ],
  [
    "secretsmanager",
    "PutSecretValue",
    "on the secret's full ARN, found by ARN",
    secrets("PutSecretValue", { SecretId: SECRET_ARN, SecretString: "{}" }),
    [{ action: "secretsmanager:PutSecretValue", resource: SECRET_ARN }],
  ],
  [
    "secretsmanager",
    "DescribeSecret",
    "a secret that does not exist: its name's ARN, without a suffix",
    secrets("DescribeSecret", { SecretId: "missing" }),
    [{ action: "secretsmanager:DescribeSecret", resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:missing` }],
  ],
  [
    "secretsmanager",
    "CreateSecret",
    "on the ARN the secret will have",
    secrets("CreateSecret", { Name: "drill" }),
    [{ action: "secretsmanager:CreateSecret", resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:drill-AbCdEf` }],
  ],
  [
    "monitoring",
    "DescribeAlarms",
    "on each named alarm",
    cloudwatch("DescribeAlarms", { AlarmNames: ["bounce", "verification"] }),
    [
      { action: "cloudwatch:DescribeAlarms", resource: alarm("bounce") },
      { action: "cloudwatch:DescribeAlarms", resource: alarm("verification") },
    ],
  ],
  ["monitoring", "DescribeAlarms", "with no names, on *", cloudwatch("DescribeAlarms", {}), [{ action: "cloudwatch:DescribeAlarms", resource: "*" }]],
  [
    "monitoring",
    "PutMetricData",
    "on *, with the namespace",
    cloudwatch("PutMetricData", { Namespace: "byodkim", MetricData: [] }),
    [{ action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": ["byodkim"] } }],
  ],
  [
    "monitoring",
    "SetAlarmState",
    "on the alarm",
    cloudwatch("SetAlarmState", { AlarmName: "bounce" }),
    [{ action: "cloudwatch:SetAlarmState", resource: alarm("bounce") }],
  ],
  [
    "monitoring",
    "PutMetricAlarm",
    "on the alarm",
    cloudwatch("PutMetricAlarm", { AlarmName: "drill" }),
    [{ action: "cloudwatch:PutMetricAlarm", resource: alarm("drill") }],
  ],
  [
    "iam",
    "GetRole",
    "on the role's ARN with its path",
    iam({ Action: "GetRole", RoleName: "AWSReservedSSO_MailOps_0123" }),
    [{ action: "iam:GetRole", resource: `arn:aws:iam::${ACCOUNT}:role${SSO_PATH}AWSReservedSSO_MailOps_0123` }],
  ],
  [
    "iam",
    "GetRole",
    "an unknown role: its ARN at /",
    iam({ Action: "GetRole", RoleName: "Nobody" }),
    [{ action: "iam:GetRole", resource: `arn:aws:iam::${ACCOUNT}:role/Nobody` }],
  ],
  [
    "iam",
    "SimulatePrincipalPolicy",
    "on the principal simulated",
    iam({ Action: "SimulatePrincipalPolicy", PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/MailOps`, "ActionNames.member.1": "s3:GetObject" }),
    [{ action: "iam:SimulatePrincipalPolicy", resource: `arn:aws:iam::${ACCOUNT}:role/MailOps` }],
  ],
  ["organizations", "ListAccounts", "on every resource (it has no resource type)", { body: "{}" }, [{ action: "organizations:ListAccounts", resource: "*" }]],
  [
    "route53",
    "ListHostedZonesByName",
    "on every resource",
    { method: "GET", path: "/2013-04-01/hostedzonesbyname?dnsname=goo.ne.jp" },
    [{ action: "route53:ListHostedZonesByName", resource: "*" }],
  ],
  [
    "route53",
    "GetHostedZone",
    "on the zone",
    { method: "GET", path: "/2013-04-01/hostedzone/Z0123" },
    [{ action: "route53:GetHostedZone", resource: "arn:aws:route53:::hostedzone/Z0123" }],
  ],
  [
    "route53",
    "ListResourceRecordSets",
    "on the zone",
    { method: "GET", path: "/2013-04-01/hostedzone/Z0123/rrset?name=goo.ne.jp" },
    [{ action: "route53:ListResourceRecordSets", resource: "arn:aws:route53:::hostedzone/Z0123" }],
  ],
  [
    "route53",
    "ChangeResourceRecordSets",
    "on the zone, with the batch's record names (normalised), types and actions",
    {
      path: "/2013-04-01/hostedzone/Z0123/rrset",
      body: `<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Changes>${[
        ["UPSERT", "Sel._domainkey.goo.ne.jp.", "TXT"],
        ["DELETE", "old._domainkey.goo.ne.jp", "TXT"],
        ["UPSERT", "t1._domainkey.goo.ne.jp", "CNAME"],
      ]
        .map(
          ([action, name, type]) =>
            `<Change><Action>${action}</Action><ResourceRecordSet><Name>${name}</Name><Type>${type}</Type><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>"x"</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>`,
        )
        .join("")}</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`,
    },
    [
      {
        action: "route53:ChangeResourceRecordSets",
        resource: "arn:aws:route53:::hostedzone/Z0123",
        context: {
          "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["sel._domainkey.goo.ne.jp", "old._domainkey.goo.ne.jp", "t1._domainkey.goo.ne.jp"],
          "route53:ChangeResourceRecordSetsRecordTypes": ["TXT", "CNAME"],
          "route53:ChangeResourceRecordSetsActions": ["UPSERT", "DELETE"],
        },
      },
    ],
  ],
  [
    "route53",
    "GetChange",
    "on the change",
    { method: "GET", path: "/2013-04-01/change/C0123" },
    [{ action: "route53:GetChange", resource: "arn:aws:route53:::change/C0123" }],
  ],
];

describe("OPERATION_PERMISSIONS: what AWS authorises for each operation the sandbox serves", () => {
  it.each(CASES)("%s %s: %s", (service, operation, _, request, expected) => {
    expect(requiredPermissions(scope, service, operation, wire(request))).toEqual(expected);
  });

  it("has a case for every operation in the table, and no case outside it", () => {
    const inTable = Object.entries(OPERATION_PERMISSIONS).flatMap(([service, operations]) => Object.keys(operations).map((op) => `${service}:${op}`));
    expect(new Set(CASES.map(([service, operation]) => `${service}:${operation}`))).toEqual(new Set(inTable));
  });

  it("asks nothing of an operation the sandbox does not serve, which answers for itself", () => {
    expect(requiredPermissions(scope, "s3", "Unknown", wire({ method: "POST", path: "/keys" }))).toEqual([]);
    expect(requiredPermissions(scope, "kms", "Decrypt", wire({}))).toEqual([]);
  });
});

describe("firstDenial and AWS's AccessDenied sentence", () => {
  const caller = `arn:aws:sts::${ACCOUNT}:assumed-role/MailOps/operator`;
  const policy = {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
      { Effect: "Deny", Action: "kms:Decrypt", Resource: "*" },
    ],
  } as const;

  it("allows an operation only when every one of its requests is allowed, and names the first that is not", () => {
    const read = [{ action: "s3:GetObject", resource: "arn:aws:s3:::keys/a" }];
    expect(firstDenial(policy, caller, read)).toBeUndefined();
    expect(
      firstDenial(policy, caller, [...read, { action: "kms:Decrypt", resource: KEY_ARN }, { action: "s3:ListBucket", resource: "arn:aws:s3:::keys" }]),
    ).toMatchObject({
      request: { action: "kms:Decrypt" },
      decision: "explicitDeny",
    });
    expect(firstDenial(policy, caller, [])).toBeUndefined();
  });

  it.each([
    [
      "implicitDeny",
      `User: ${caller} is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::keys/a because no identity-based policy allows the s3:PutObject action`,
    ],
    [
      "explicitDeny",
      `User: ${caller} is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::keys/a with an explicit deny in an identity-based policy`,
    ],
  ] as const)("words %s as AWS does", (decision, message) => {
    expect(accessDeniedMessage(caller, { action: "s3:PutObject", resource: "arn:aws:s3:::keys/a" }, decision)).toBe(message);
  });
});

/**
 * What each command asks of AWS, as IAM sees it: one table for the permissions gate (which
 * simulates exactly these before a change) and for `byodkim iam-policy` (which grants exactly
 * these). A call added to a command without its line here fails the least-privilege rehearsal.
 */

/**
 * The commands whose permissions differ; `verify --send-test`, `retire --delete-key` and
 * `status --publish-metrics` ask for one more action each.
 */
export type PermissionCommand =
  | "precheck"
  | "enable"
  | "rotate"
  | "verify"
  | "verify-send-test"
  | "verify-probe"
  | "rollback"
  | "keygen"
  | "retire"
  | "retire-delete-key"
  | "status"
  | "status-publish-metrics"
  | "report-dmarc"
  | "plan"
  | "approve"
  | "apply"
  | "tick";

export const OPERATOR_COMMANDS: readonly PermissionCommand[] = [
  "precheck",
  "enable",
  "rotate",
  "verify",
  "verify-send-test",
  "verify-probe",
  "rollback",
  "keygen",
  "retire",
  "retire-delete-key",
  "status",
  "status-publish-metrics",
  "report-dmarc",
  "plan",
  "approve",
  "apply",
];
/**
 * What reads and never changes anything byodkim guards: precheck, verify without a test message,
 * status (and runbook show, which reads the same). A cron job's monitoring role runs status
 * --publish-metrics, whose one write is to byodkim's own CloudWatch namespace.
 */
export const READONLY_COMMANDS: readonly PermissionCommand[] = ["precheck", "verify", "status", "status-publish-metrics", "report-dmarc"];
/**
 * A second person's role, e.g. a CI environment's required reviewer: it may read plans and add its
 * own approval, and change nothing else (an approver who could also apply would be a second operator).
 */
export const APPROVER_COMMANDS: readonly PermissionCommand[] = ["approve"];

/**
 * The role a schedule runs byodkim under, with no person at the keyboard (README "Run it
 * unattended"): tick, which makes at most one step of keygen, rotate and retire, and the metrics
 * the dashboard and alarms watch (status and report dmarc with --publish-metrics). Never rollback,
 * enable, a campaign or a test message: those stay with a person.
 */
export const UNATTENDED_COMMANDS: readonly PermissionCommand[] = ["tick", "status-publish-metrics", "report-dmarc"];

/**
 * The steps tick may take: its needs are theirs, so whatever a step comes to need, tick's role has.
 * With approvals required tick writes the plan (plan) and applies it once people approved it
 * (apply); approving stays with a person (approve is not among them).
 */
export const TICK_STEPS: readonly PermissionCommand[] = ["keygen", "rotate", "retire", "status", "plan", "apply"];

/** status --publish-metrics's CloudWatch namespace: the policy lets PutMetricData into it only. */
export const METRICS_NAMESPACE = "byodkim";

/** One more identity status watches, with the resources it reads of it. */
export interface WatchedIdentity {
  readonly domain: string;
  /** The member account SES holds it in (config `accounts:`); absent: the scope's own account. */
  readonly account?: string | undefined;
  /** Its state secret (status reads its key history there), when it is not the scope's own. */
  readonly secretArn?: string | undefined;
  /** The regions SES has it in: status reads it in each. */
  readonly regions: readonly string[];
  readonly bucket: string;
  readonly keyPrefix: string;
  readonly keyObjects: readonly string[];
  readonly kmsKeyArn: string | undefined;
  /** Its change lock's object: a campaign changes it as enable would. */
  readonly lockObject: string;
  /** The lock's object in each of its regions (a region other than the config's has its own); absent: lockObject. */
  readonly lockObjects?: Readonly<Record<string, string>>;
  /** Its state secret in each of its regions (a change there records its state in that region's); absent: `secretArn` everywhere. */
  readonly secretArns?: Readonly<Record<string, string>>;
}

/** A campaign's records in the keys bucket: exact for a run, patterns in a policy. */
export interface CampaignObjects {
  /** Under which every plan and approval lies (`dkim/plans/`). */
  readonly prefix: string;
  /** The plan object plan writes, and approve and apply read. */
  readonly planObject: string;
  /** The approval object(s) approve writes, and approve and apply read. */
  readonly approvalObjects: string;
}

/** The resources of one identity, exact (the gate) or as patterns (the policy). */
export interface PermissionScope {
  /** The operations account: the keys, the state, the locks, the journals, CloudWatch, SNS, IAM, Route 53. */
  readonly account: string;
  /** The member account SES holds the domain in (config `accounts:`); absent: `account`. Only SES calls go there. */
  readonly sesAccount?: string | undefined;
  readonly region: string;
  readonly domain: string;
  readonly bucket: string;
  /** The listing prefix of the domain's keys (`dkim/goo.ne.jp/`). */
  readonly keyPrefix: string;
  /** The key objects the command reads or writes (rotate: the new and the current one), or all of the domain's (`dkim/goo.ne.jp/*`). */
  readonly keyObjects: readonly string[];
  /** The change lock's object (`dkim/locks/goo.ne.jp.json`). */
  readonly lockObject: string;
  /** The state secret's full ARN, as Secrets Manager returns it (or with `-??????` in a policy). */
  readonly secretArn: string;
  readonly alarmNames: readonly string[];
  /** keygen's SSE-KMS key, when the config names one. */
  readonly kmsKeyArn: string | undefined;
  /** verify --send-test's From address (or a pattern). */
  readonly testFrom: string;
  /** The caller's own role: the only principal the gate may simulate. */
  readonly ownRole: string;
  /** The identities status watches, this one among them; absent: this one, in `region`. */
  readonly watched?: readonly WatchedIdentity[];
  /** The SNS topics a change tells of itself (config notify.sns); absent or empty: none. */
  readonly noticeTopics?: readonly string[];
  /** plan, approve and apply's records; absent: a scope with no campaign, which asks for none of them. */
  readonly campaign?: CampaignObjects;
  /** Where receivers' DMARC reports land in S3 (config dmarc.reports: s3://…); absent: a folder, or none. */
  readonly dmarcReports?: { readonly bucket: string; readonly prefix: string };
  /** Where run journals are mirrored (config journal.s3); absent: the journals stay on the machine. */
  readonly journalMirror?: { readonly bucket: string; readonly prefix: string };
  /** What the probe mail uses (config probe:); absent: no probe configured, and no command asks for it. */
  readonly probe?: ProbeResources;
  /** dns.publish rfc2136: the secret holding the TSIG key (its ARN, or with `-??????` for a name); absent: no TSIG key to read. */
  readonly tsigSecret?: string;
  /** dns.publish route53: the hosted zone and the record names keygen, retire and rollback may change; absent: byodkim publishes nothing in Route 53. */
  readonly route53?: Route53Resources;
}

/** Route 53 publishing's resources: one hosted zone (or every one, when the config names none) and the identities' selector names only. */
export interface Route53Resources {
  /** undefined: the zone is found by name at run time, so the grant is `hostedzone/*`. */
  readonly hostedZoneId: string | undefined;
  /** `*._domainkey.<domain>` for each identity: ChangeResourceRecordSets may touch no other name. */
  readonly recordNames: readonly string[];
  /** The name the run will publish, told to the simulation; absent in a policy. */
  readonly requestName?: string;
}

/** The condition key Route 53 evaluates on every name a change batch touches, lower case and without the trailing dot. */
export const ROUTE53_RECORD_NAMES_KEY = "route53:ChangeResourceRecordSetsNormalizedRecordNames";

/** The probe's resources: its sender, the inbound prefixes it reads, the IMAP passwords' secrets. */
export interface ProbeResources {
  /** The From address (SES authorises SendEmail on its domain's identity, with `ses:FromAddress`). */
  readonly from: string;
  readonly inbound: readonly { readonly bucket: string; readonly prefix: string }[];
  /** The secrets' ARNs (with `-??????` for a name, as for the state secret). */
  readonly passwordSecrets: readonly string[];
}

/** A condition IAM can put on the grant, and the value the gate tells the simulation. */
export interface NeedCondition {
  /** `Null` with "false": the request must carry the key (S3's conditional-write headers). */
  /** `ForAllValues:StringLike`: every value of a multi-valued key (each name of a Route 53 change batch) must match. */
  readonly operator: "StringEquals" | "StringLike" | "StringLikeIfExists" | "Null" | "ForAllValues:StringLike";
  readonly key: string;
  readonly values: readonly string[];
  /** What the request itself carries, when the grant is a pattern (ListBucket's prefix); null: the request carries no such key. */
  readonly requestValue?: string | null;
}

export interface PermissionNeed {
  readonly action: string;
  readonly resource: string;
  /** Every one must hold (IAM ANDs the keys of a Condition block). */
  readonly conditions?: readonly NeedCondition[];
}

const s3Object = (scope: PermissionScope, key: string) => `arn:aws:s3:::${scope.bucket}/${key}`;
const onKeys = (scope: PermissionScope, action: string, ...conditions: NeedCondition[]): PermissionNeed[] =>
  scope.keyObjects.map((key) => ({ action, resource: s3Object(scope, key), ...(conditions.length > 0 ? { conditions } : {}) }));

/**
 * S3's conditional-request headers as condition keys (S3 User Guide, "Enforce conditional writes"
 * and "Enforce conditional deletes"): a key object is only ever created, never written over
 * (`If-None-Match: *`), and only deleted as the very version retire checked (`If-Match: <ETag>`).
 * IAM cannot tell the active key from a retired one on a delete: S3 does not evaluate
 * `s3:ExistingObjectTag/…` for DeleteObject or PutObject (S3 User Guide, "Tagging and access control policies").
 */
const requestCarries = (key: "s3:if-none-match" | "s3:if-match"): NeedCondition => ({ operator: "Null", key, values: ["false"], requestValue: "*" });
const sesIdentityArn = (region: string, account: string, domain: string) => `arn:aws:ses:${region}:${account}:identity/${domain}`;
const identity = (scope: PermissionScope, action: string): PermissionNeed => ({
  action,
  resource: sesIdentityArn(scope.region, scope.sesAccount ?? scope.account, scope.domain),
});

/**
 * s3:ListBucket twice over: listing the domain's keys (with its prefix), and S3's own check when an
 * object is missing (no prefix at all), without which a missing lock or new key object reads as
 * 403 AccessDenied instead of 404. IfExists keeps the listing to the prefix and lets the check by.
 */
const listCondition = (keyPrefix: string, requestValue: string | null): NeedCondition => ({
  operator: "StringLikeIfExists",
  key: "s3:prefix",
  values: [`${keyPrefix}*`],
  requestValue,
});
const listKeys = (scope: PermissionScope): PermissionNeed => ({
  action: "s3:ListBucket",
  resource: `arn:aws:s3:::${scope.bucket}`,
  conditions: [listCondition(scope.keyPrefix, scope.keyPrefix)],
});
const missingObjectsAre404 = (scope: Pick<PermissionScope, "bucket" | "keyPrefix">): PermissionNeed => ({
  action: "s3:ListBucket",
  resource: `arn:aws:s3:::${scope.bucket}`,
  conditions: [listCondition(scope.keyPrefix, null)],
});
/** Key objects stored with SSE-KMS are read with the key's Decrypt. */
const readKeys = (scope: PermissionScope): PermissionNeed[] => [
  ...onKeys(scope, "s3:GetObject"),
  ...(scope.kmsKeyArn ? [{ action: "kms:Decrypt", resource: scope.kmsKeyArn }] : []),
];
const alarms = (scope: PermissionScope): PermissionNeed[] =>
  scope.alarmNames.map((name) => ({ action: "cloudwatch:DescribeAlarms", resource: `arn:aws:cloudwatch:${scope.region}:${scope.account}:alarm:${name}` }));
const readState = (scope: PermissionScope): PermissionNeed => ({ action: "secretsmanager:GetSecretValue", resource: scope.secretArn });

/** The permissions gate's own calls, on the caller's own role only. */
const preflight = (scope: PermissionScope): PermissionNeed[] => [
  { action: "iam:SimulatePrincipalPolicy", resource: scope.ownRole },
  { action: "iam:GetRole", resource: scope.ownRole },
];

/** What every change adds: its lock object, and the state record. */
function changeWrites(scope: PermissionScope): PermissionNeed[] {
  const lock = s3Object(scope, scope.lockObject);
  return [
    missingObjectsAre404(scope),
    { action: "s3:GetObject", resource: lock },
    { action: "s3:PutObject", resource: lock },
    { action: "s3:DeleteObject", resource: lock },
    { action: "secretsmanager:PutSecretValue", resource: scope.secretArn },
  ];
}

/** A change's notices to its topics: exactly those topics, nothing wider. */
const notices = (scope: PermissionScope): PermissionNeed[] => (scope.noticeTopics ?? []).map((topic) => ({ action: "sns:Publish", resource: topic }));

const sesSwitch = (scope: PermissionScope): PermissionNeed[] => [
  identity(scope, "ses:PutEmailIdentityDkimSigningAttributes"),
  identity(scope, "ses:PutEmailIdentityDkimAttributes"),
];

const watchedOf = (scope: PermissionScope): readonly WatchedIdentity[] =>
  scope.watched ?? [
    {
      domain: scope.domain,
      regions: [scope.region],
      bucket: scope.bucket,
      keyPrefix: scope.keyPrefix,
      keyObjects: scope.keyObjects,
      kmsKeyArn: scope.kmsKeyArn,
      lockObject: scope.lockObject,
    },
  ];

/**
 * The targets a campaign may move: each watched identity in each of its regions, as a scope of its
 * own (a run's scope watches only its own identity, so the gate simulates exactly that one).
 */
const campaignTargets = (scope: PermissionScope): PermissionScope[] =>
  watchedOf(scope).flatMap((watched) =>
    watched.regions.map(
      (region): PermissionScope => ({
        ...scope,
        region,
        domain: watched.domain,
        bucket: watched.bucket,
        keyPrefix: watched.keyPrefix,
        keyObjects: watched.keyObjects,
        kmsKeyArn: watched.kmsKeyArn,
        lockObject: watched.lockObjects?.[region] ?? watched.lockObject,
        sesAccount: watched.account,
        // An identity with a state secret of its own is recorded there, not in the config's.
        secretArn: watched.secretArns?.[region] ?? watched.secretArn ?? scope.secretArn,
        watched: undefined,
      }),
    ),
  );

/**
 * Reading a campaign's records: the plan, its approvals and their listing, and S3's 404 for one
 * that is not there (an unknown plan id, no approval yet) rather than 403.
 */
function campaignReads(scope: PermissionScope): PermissionNeed[] {
  const campaign = scope.campaign;
  if (!campaign) return [];
  const records = { bucket: scope.bucket, keyPrefix: campaign.prefix };
  return [
    { action: "s3:GetObject", resource: s3Object(scope, campaign.planObject) },
    { action: "s3:GetObject", resource: s3Object(scope, campaign.approvalObjects) },
    { action: "s3:ListBucket", resource: `arn:aws:s3:::${scope.bucket}`, conditions: [listCondition(campaign.prefix, campaign.prefix)] },
    missingObjectsAre404(records),
  ];
}

/** A plan or an approval is only ever created, never written over: IAM lets the write by with `If-None-Match` only. */
function campaignWrite(scope: PermissionScope, record: "planObject" | "approvalObjects"): PermissionNeed[] {
  const campaign = scope.campaign;
  if (!campaign) return [];
  return [{ action: "s3:PutObject", resource: s3Object(scope, campaign[record]), conditions: [requestCarries("s3:if-none-match")] }];
}

/**
 * status reads each watched identity in each of its regions, the key history in the state secret,
 * and falls back to the key objects: HeadObject for a key's date, the private key for the public
 * key it expects in DNS. A key object that is gone must read as 404, not 403.
 */
const statusReads = (scope: PermissionScope): PermissionNeed[] => [
  // --all: ListEmailIdentities has no resource type (Service Authorization Reference, SES v2), so only "*" grants it.
  { action: "ses:ListEmailIdentities", resource: "*" },
  readState(scope),
  ...watchedOf(scope).flatMap((watched): PermissionNeed[] => [
    // Its own key history: one state secret per identity, or the shared one again (deduplicated).
    ...(watched.secretArn ? [{ action: "secretsmanager:GetSecretValue", resource: watched.secretArn }] : []),
    ...watched.regions.map((region) => ({
      action: "ses:GetEmailIdentity",
      resource: sesIdentityArn(region, watched.account ?? scope.account, watched.domain),
    })),
    ...watched.keyObjects.map((key) => ({ action: "s3:GetObject", resource: `arn:aws:s3:::${watched.bucket}/${key}` })),
    ...(watched.kmsKeyArn ? [{ action: "kms:Decrypt", resource: watched.kmsKeyArn }] : []),
    missingObjectsAre404(watched),
  ]),
];

/** precheck's gates, which enable and rotate run too. */
const gateReads = (scope: PermissionScope): PermissionNeed[] => [
  listKeys(scope),
  ...readKeys(scope),
  identity(scope, "ses:GetEmailIdentity"),
  ...alarms(scope),
  readState(scope),
  ...preflight(scope),
];

/**
 * What one probe uses, and only when `probe:` is configured: SendEmail as the probe's sender only;
 * the inbound prefix's objects; the listing of that prefix alone (S3 cannot be asked for "the new
 * object": the listing is how the probe learns the key SES gave the stored message, and
 * `s3:prefix` keeps it from listing anything else in the bucket); each IMAP password's secret.
 */
export function probeNeeds(scope: PermissionScope): PermissionNeed[] {
  const probe = scope.probe;
  if (!probe) return [];
  const fromDomain = probe.from.split("@")[1] ?? scope.domain;
  // SES authorises the send on the sender's identity, in the account that holds it: the domain's own when it sends as itself.
  const fromAccount = fromDomain === scope.domain ? (scope.sesAccount ?? scope.account) : scope.account;
  return [
    {
      action: "ses:SendEmail",
      resource: sesIdentityArn(scope.region, fromAccount, fromDomain),
      conditions: [{ operator: "StringLike", key: "ses:FromAddress", values: [probe.from] }],
    },
    ...probe.inbound.flatMap(({ bucket, prefix }): PermissionNeed[] => [
      {
        action: "s3:ListBucket",
        resource: `arn:aws:s3:::${bucket}`,
        conditions: [{ operator: "StringLike", key: "s3:prefix", values: [`${prefix}*`], requestValue: prefix }],
      },
      { action: "s3:GetObject", resource: `arn:aws:s3:::${bucket}/${prefix}*` },
    ]),
    ...probe.passwordSecrets.map((secret) => ({ action: "secretsmanager:GetSecretValue", resource: secret })),
  ];
}

/** Reading the DMARC reports under their S3 prefix (report dmarc, retire's check): the prefix's listing and its objects only. */
const dmarcReads = (scope: PermissionScope): PermissionNeed[] => {
  const reports = scope.dmarcReports;
  if (!reports) return [];
  return [
    {
      action: "s3:ListBucket",
      resource: `arn:aws:s3:::${reports.bucket}`,
      conditions: [{ operator: "StringLike", key: "s3:prefix", values: [`${reports.prefix}*`], requestValue: reports.prefix }],
    },
    { action: "s3:GetObject", resource: `arn:aws:s3:::${reports.bucket}/${reports.prefix}*` },
  ];
};

/** dns.publish rfc2136: the commands that publish DNS records read the TSIG key's secret at each publish. */
const readTsigKey = (scope: PermissionScope): PermissionNeed[] =>
  scope.tsigSecret ? [{ action: "secretsmanager:GetSecretValue", resource: scope.tsigSecret }] : [];
/**
 * Publishing the selectors' records in Route 53 (dns.publish route53): the change on that zone,
 * only at `*._domainkey.<domain>` names (a change batch touching any other name is refused by IAM);
 * GetChange, which has a resource per change; ListHostedZonesByName, which has no resource type.
 */
const route53Publish = (scope: PermissionScope): PermissionNeed[] => {
  const route53 = scope.route53;
  if (!route53) return [];
  return [
    {
      action: "route53:ChangeResourceRecordSets",
      resource: `arn:aws:route53:::hostedzone/${route53.hostedZoneId ?? "*"}`,
      conditions: [
        { operator: "ForAllValues:StringLike", key: ROUTE53_RECORD_NAMES_KEY, values: route53.recordNames, requestValue: route53.requestName ?? null },
      ],
    },
    { action: "route53:GetChange", resource: "arn:aws:route53:::change/*" },
    { action: "route53:ListHostedZonesByName", resource: "*" },
  ];
};

/** Copying the run's journal to its mirror (journal.s3): objects under the prefix only, written over as the run goes on. */
const journalWrites = (scope: PermissionScope): PermissionNeed[] =>
  scope.journalMirror ? [{ action: "s3:PutObject", resource: `arn:aws:s3:::${scope.journalMirror.bucket}/${scope.journalMirror.prefix}*` }] : [];

/** Reading the mirrored journals back (rollback's snapshot search on a fresh machine): the prefix's listing and its objects. */
const journalReads = (scope: PermissionScope): PermissionNeed[] => {
  const mirror = scope.journalMirror;
  if (!mirror) return [];
  return [
    {
      action: "s3:ListBucket",
      resource: `arn:aws:s3:::${mirror.bucket}`,
      conditions: [{ operator: "StringLike", key: "s3:prefix", values: [`${mirror.prefix}*`], requestValue: mirror.prefix }],
    },
    { action: "s3:GetObject", resource: `arn:aws:s3:::${mirror.bucket}/${mirror.prefix}*` },
  ];
};

/** PutMetricData has no resource type; the namespace condition is what narrows it. */
const putMetrics: PermissionNeed = {
  action: "cloudwatch:PutMetricData",
  resource: "*",
  conditions: [{ operator: "StringEquals", key: "cloudwatch:namespace", values: [METRICS_NAMESPACE] }],
};

export function permissionNeeds(command: PermissionCommand, scope: PermissionScope): PermissionNeed[] {
  switch (command) {
    case "precheck":
      return gateReads(scope);
    case "enable":
    case "rotate":
      return [...gateReads(scope), ...sesSwitch(scope), ...changeWrites(scope), ...notices(scope), ...journalWrites(scope)];
    case "verify":
      return [...readKeys(scope), identity(scope, "ses:GetEmailIdentity"), ...alarms(scope), readState(scope), ...preflight(scope)];
    case "verify-send-test":
      return [
        ...permissionNeeds("verify", scope),
        { ...identity(scope, "ses:SendEmail"), conditions: [{ operator: "StringLike", key: "ses:FromAddress", values: [scope.testFrom] }] },
      ];
    case "verify-probe":
      return [...permissionNeeds("verify", scope), ...probeNeeds(scope)];
    case "rollback":
      // The previous selector's key is read from S3 when rollback returns to it.
      return [
        identity(scope, "ses:GetEmailIdentity"),
        readState(scope),
        ...readKeys(scope),
        ...sesSwitch(scope),
        ...changeWrites(scope),
        ...preflight(scope),
        ...route53Publish(scope),
        ...notices(scope),
        ...readTsigKey(scope),
        ...journalWrites(scope),
        ...journalReads(scope),
      ];
    case "keygen":
      return [
        listKeys(scope),
        identity(scope, "ses:GetEmailIdentity"),
        readState(scope),
        ...preflight(scope),
        ...changeWrites(scope),
        // The existence check (HeadObject) and the read-back after a failed write are GetObject.
        ...onKeys(scope, "s3:GetObject"),
        // The new key is written encrypted, as the config asks (SSE-KMS with its key, else SSE-S3), and never over another.
        ...onKeys(
          scope,
          "s3:PutObject",
          { operator: "StringEquals", key: "s3:x-amz-server-side-encryption", values: [scope.kmsKeyArn ? "aws:kms" : "AES256"] },
          requestCarries("s3:if-none-match"),
        ),
        ...onKeys(scope, "s3:PutObjectTagging"),
        ...(scope.kmsKeyArn ? [{ action: "kms:GenerateDataKey", resource: scope.kmsKeyArn }] : []),
        ...route53Publish(scope),
        ...notices(scope),
        ...readTsigKey(scope),
        ...journalWrites(scope),
      ];
    case "retire":
      return [
        identity(scope, "ses:GetEmailIdentity"),
        readState(scope),
        ...preflight(scope),
        ...changeWrites(scope),
        ...onKeys(scope, "s3:GetObjectTagging"),
        ...onKeys(scope, "s3:PutObjectTagging"),
        ...dmarcReads(scope),
        ...route53Publish(scope),
        ...notices(scope),
        ...readTsigKey(scope),
        ...journalWrites(scope),
      ];
    case "retire-delete-key":
      // The key's ETag is read (HeadObject: s3:GetObject, and kms:Decrypt for an SSE-KMS key) and the delete names it.
      return [...permissionNeeds("retire", scope), ...readKeys(scope), ...onKeys(scope, "s3:DeleteObject", requestCarries("s3:if-match"))];
    case "plan":
      // The gates enable, rotate and rollback run, for every target now; --all lists SES's identities.
      return [
        ...campaignTargets(scope).flatMap((target) => [...gateReads(target), missingObjectsAre404(target)]),
        { action: "ses:ListEmailIdentities", resource: "*" },
        ...campaignWrite(scope, "planObject"),
      ];
    case "approve":
      return [...campaignReads(scope), ...campaignWrite(scope, "approvalObjects"), ...preflight(scope)];
    case "apply":
      // Each target moves as enable or rotate moves it, and a wave that fails its bake goes back as rollback goes.
      return [
        ...campaignTargets(scope).flatMap((target) => [...permissionNeeds("enable", target), ...permissionNeeds("rollback", target)]),
        ...campaignReads(scope),
      ];
    case "status":
      return statusReads(scope);
    case "status-publish-metrics":
      return [...statusReads(scope), putMetrics];
    case "report-dmarc":
      // --publish-metrics puts the share per selector into byodkim's own namespace, as status does.
      return [...dmarcReads(scope), putMetrics];
    case "tick":
      // Computed, not listed: a statement added to a step (publishing DNS, the journal in S3) is tick's too.
      return TICK_STEPS.flatMap((step) => permissionNeeds(step, scope));
  }
}

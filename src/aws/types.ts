import type { AlarmState } from "../config/config.js";
import type { PrivateKeyMaterial, PrivateKeyPem } from "../dkim/privateKeyMaterial.js";

export type { AlarmState };

/** The facts byodkim reads from AWS. Adapters translate SDK shapes and errors; they never judge. */

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

export type DkimSigningOrigin = "AWS_SES" | "EXTERNAL" | "AWS_SES_AF_SOUTH_1" | (string & {});
export type DkimStatus = "PENDING" | "SUCCESS" | "FAILED" | "TEMPORARY_FAILURE" | "NOT_STARTED" | (string & {});

export interface SesIdentityFacts {
  readonly identityName: string;
  readonly identityType: string | undefined;
  readonly verifiedForSendingStatus: boolean;
  readonly verificationStatus: string | undefined;
  readonly dkim:
    | {
        readonly signingEnabled: boolean;
        readonly status: DkimStatus | undefined;
        readonly origin: DkimSigningOrigin | undefined;
        /** For EXTERNAL origin SES returns `[selector]`; for Easy DKIM the CNAME tokens. */
        readonly tokens: readonly string[];
        readonly signingHostedZone: string | undefined;
        readonly currentSigningKeyLength: string | undefined;
        readonly nextSigningKeyLength: string | undefined;
        readonly lastKeyGenerationTimestamp: string | undefined;
      }
    | undefined;
  /** SES's own reason for a failed verification, when it gives one. */
  readonly verificationInfo:
    | {
        readonly errorType: string | undefined;
        readonly lastCheckedTimestamp: string | undefined;
        readonly lastSuccessTimestamp: string | undefined;
      }
    | undefined;
}

export interface AlarmFacts {
  readonly name: string;
  readonly state: AlarmState;
  readonly stateUpdatedAt: string | undefined;
  readonly stateReason: string | undefined;
}

export interface StateSecretFacts {
  readonly secretId: string;
  /** The secret's full ARN, random suffix included, as Secrets Manager returns it. */
  readonly arn?: string | undefined;
  readonly versionId: string | undefined;
  /** The SecretString as stored; the state gate parses it. */
  readonly text: string;
}

export interface StsPort {
  getCallerIdentity(): Promise<CallerIdentity>;
}

/** What one mutating call left behind, for the journal. */
export interface MutationReceipt {
  readonly requestId: string | undefined;
}

export interface SesPort {
  /** `null` when SES says the identity does not exist in this account and region. */
  getEmailIdentity(domain: string): Promise<SesIdentityFacts | null>;
  /** Step 22: BYODKIM with this selector and key (origin EXTERNAL). */
  putExternalSigning(domain: string, selector: string, key: PrivateKeyMaterial): Promise<MutationReceipt & { status: string | undefined }>;
  /** Back to Easy DKIM (origin AWS_SES): SES issues new tokens. */
  putEasyDkimSigning(domain: string): Promise<MutationReceipt & { status: string | undefined; tokens: readonly string[] }>;
  /** Step 23 (and rollback's fastest path): DKIM signing on or off. */
  putSigningEnabled(domain: string, enabled: boolean): Promise<MutationReceipt>;
  /** Every identity SES lists in this region, all pages (each page is one paced call). */
  listEmailIdentities(): Promise<SesIdentityListing[]>;
  /**
   * verify --send-test and the probe: one plain message through SES from the identity (SendEmail,
   * Simple content); `headers` are added to it (the probe's `X-Byodkim-Probe` token).
   */
  sendTestEmail(
    from: string,
    to: string,
    subject: string,
    body: string,
    headers?: Readonly<Record<string, string>>,
  ): Promise<MutationReceipt & { messageId: string | undefined }>;
}

/** How a new key object is stored: SSE-KMS with this key when given, else SSE-S3; tagged. */
export interface NewKeyObject {
  readonly kmsKeyId: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
}

/** What S3 says of a key object without reading its body. */
export interface KeyObjectFacts {
  readonly etag: string | undefined;
  /** `AES256` (SSE-S3), `aws:kms`, … as S3 reports it. */
  readonly serverSideEncryption: string | undefined;
  readonly kmsKeyId: string | undefined;
  readonly lastModified: string | undefined;
}

export interface KeyStorePort {
  /** Every object key under `prefix` (all pages). */
  listKeys(bucket: string, prefix: string): Promise<string[]>;
  /** `null` when the object does not exist. */
  fetchPrivateKeyPem(bucket: string, key: string): Promise<PrivateKeyPem | null>;
  /** `null` when there is no object (HeadObject). */
  describeKeyObject(bucket: string, key: string): Promise<KeyObjectFacts | null>;
  /**
   * Writes a new key object only if none is there (`If-None-Match: *`): `null` when an object
   * already exists (S3's 412), so a racing writer loses cleanly and nothing is overwritten.
   */
  putNewKey(bucket: string, key: string, pem: PrivateKeyPem, options: NewKeyObject): Promise<(MutationReceipt & { etag: string | undefined }) | null>;
  /** The object's tags; `null` when there is no object. */
  getKeyTags(bucket: string, key: string): Promise<Record<string, string> | null>;
  /** Replaces the object's tag set (S3 has no merge: read, change, put). */
  putKeyTags(bucket: string, key: string, tags: Readonly<Record<string, string>>): Promise<MutationReceipt>;
  /** With `ifEtag`, a conditional delete (`If-Match`): only that very version goes, else S3's 412 is an error. */
  deleteKey(bucket: string, key: string, ifEtag?: string): Promise<MutationReceipt>;
}

export interface AlarmsPort {
  /** The alarms that exist among `names` (metric and composite); missing ones are simply absent. */
  describeAlarms(names: readonly string[]): Promise<AlarmFacts[]>;
}

export interface StateStorePort {
  /** `null` when the secret does not exist. */
  readStateSecret(secretId: string): Promise<StateSecretFacts | null>;
  /** A new current version with this text; returns its version id. */
  writeStateSecret(secretId: string, text: string): Promise<MutationReceipt & { versionId: string | undefined }>;
}

/** One version of the change lock object: its text, and the ETag that names exactly this version. */
export interface LockObjectFacts {
  readonly text: string;
  readonly etag: string;
}

/** A lock write goes ahead only if no object is there yet, or only if the object is still the version with this ETag. */
export type LockWriteCondition = { readonly ifAbsent: true } | { readonly ifEtag: string };

export interface LockStorePort {
  /** `null` when there is no lock object. */
  readLock(bucket: string, key: string): Promise<LockObjectFacts | null>;
  /** Writes atomically while `condition` holds; `null` when it no longer held (another writer was first). */
  writeLock(bucket: string, key: string, text: string, condition: LockWriteCondition): Promise<(MutationReceipt & { etag: string }) | null>;
  /** Deletes atomically while the object is still the version `etag`; false when it is another version, or gone. */
  deleteLock(bucket: string, key: string, etag: string): Promise<boolean>;
}

/** A stored object's text and the ETag that names that version. */
export interface StoredObject {
  readonly text: string;
  readonly etag: string | undefined;
}

/**
 * Campaign records in the keys bucket: plans and their approvals. Each is written once and never
 * replaced (`If-None-Match: *`), so a plan's bytes are the bytes its approvers saw.
 */
export interface CampaignStorePort {
  /** Writes only if no object is there yet; `null` when one already is (another writer was first). */
  writeNew(bucket: string, key: string, text: string): Promise<(MutationReceipt & { etag: string | undefined }) | null>;
  /** `null` when there is no object. */
  read(bucket: string, key: string): Promise<StoredObject | null>;
  /** The keys under `prefix`, every page. */
  list(bucket: string, prefix: string): Promise<string[]>;
}

/** Objects under an arbitrary prefix, read as bytes: receivers' DMARC aggregate reports where a receipt rule or a collector stores them. */
export interface ReportObjectsPort {
  /** Every object key under `prefix` (all pages). */
  list(bucket: string, prefix: string): Promise<string[]>;
  /** The object's bytes; its size alone when it is larger than `maxBytes` (left unread); `null` when it is gone. */
  read(bucket: string, key: string, maxBytes: number): Promise<{ readonly bytes: Uint8Array } | { readonly tooLarge: number } | null>;
}

/** One stored message under an inbound prefix, before its body is read. */
export interface InboundMessageListing {
  readonly key: string;
  /** S3's LastModified, UTC ISO. */
  readonly lastModified: string | undefined;
  readonly size: number | undefined;
}

/** Mail an SES receipt rule stored in S3, where the probe reads its message back. */
export interface InboundMailPort {
  /** Every object under `prefix` (all pages); the listing is what tells a new message's key. */
  listMessages(bucket: string, prefix: string): Promise<InboundMessageListing[]>;
  /** The raw message; `null` when it is gone. A message larger than a probe can be is refused unread. */
  readMessage(bucket: string, key: string): Promise<Buffer | null>;
}

/** A call the service throttled, which the SDK sends again after its backoff. */
/**
 * Why the SDK sends a call again: SES throttled it, answered with a server error (it may have
 * acted and the answer be lost), or gave no answer in time. Only throttling is throttling.
 */
export type RetryCause = "throttling" | "serverError" | "noAnswer";

/** An AWS call that failed and is about to be sent again (the name is older than the causes besides throttling). */
export interface ThrottledRetry {
  readonly service: string;
  readonly operation: string;
  /** The attempt about to be sent (2 for the first retry), and the SDK's limit. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly error: string;
  readonly cause: RetryCause;
}

export interface ThrottleFeed {
  /** Tells `listener` of each failed call the SDK retries (throttled, a server error, no answer), until the returned function is called. */
  listen(listener: (retry: ThrottledRetry) => void): () => void;
}

/** One CloudWatch metric value, as `status --publish-metrics` sends it. */
export interface MetricDatum {
  readonly name: string;
  readonly value: number;
  readonly unit: "Count" | "None" | "Percent";
  /** Dimension name → value (`Domain`, `Region`). */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestamp: Date;
}

export interface MetricsPort {
  /** PutMetricData in as few requests as CloudWatch's limits allow; resolves to the number of requests made. */
  putMetricData(namespace: string, data: readonly MetricDatum[]): Promise<{ readonly requests: number }>;
}

/** A change notice to an SNS topic (config notify.sns); the topic's region is the one its ARN names. */
export interface SnsPort {
  /** `signal` ends the request when the notice's time is up: a notice never holds a change back. */
  publish(topicArn: string, subject: string, message: string, signal: AbortSignal): Promise<MutationReceipt & { messageId: string | undefined }>;
}

/** SES's domain identities in the region (ListEmailIdentities, every page). */
export interface SesIdentityListing {
  readonly name: string;
  readonly type: string | undefined;
}

/** Where run journals are mirrored (config journal.s3), so a thrown-away container's runs are still on record. */
export interface JournalMirrorPort {
  /** Writes the journal as it stands over its previous copy. */
  put(bucket: string, key: string, text: string): Promise<void>;
  /** Every object key under `prefix` (all pages). */
  list(bucket: string, prefix: string): Promise<string[]>;
  /** The journal's text; null when it is gone or larger than `maxBytes` (not a journal byodkim wrote). */
  read(bucket: string, key: string, maxBytes: number): Promise<string | null>;
}

export interface AwsPorts {
  readonly sts: StsPort;
  readonly ses: SesPort;
  readonly keys: KeyStorePort;
  readonly locks: LockStorePort;
  /** Plans and approvals (plan, approve, apply); fakes without it have those commands say they cannot reach the store. */
  readonly campaigns?: CampaignStorePort;
  readonly alarms: AlarmsPort;
  readonly state: StateStorePort;
  /** report dmarc --from s3://…; fakes without it have the report say it cannot read S3. */
  readonly reports?: ReportObjectsPort;
  /** The probe's read-back from an SES receipt rule's bucket; fakes without it have the probe say it could not read back. */
  readonly inbound?: InboundMailPort;
  /** status --publish-metrics; fakes without it have status say it could not publish. */
  readonly metrics?: MetricsPort;
  /** Change notices to SNS topics; fakes without it have the notice fail as a warning. */
  readonly sns?: SnsPort;
  /** The permission preflight's IAM; fakes without it have the gate say it could not check. */
  readonly iam?: IamPort;
  /** The journal's mirror (config journal.s3); fakes without it keep the journals local. */
  readonly journalMirror?: JournalMirrorPort;
  /** Throttled calls being retried, for the terminal and the journal; fakes that never throttle leave it out. */
  readonly throttling?: ThrottleFeed;
  /**
   * Loads and builds every client without asking AWS anything: precheck does it while STS answers,
   * so the reads that wait for the identity gate go out the moment it passes. Fakes leave it out.
   */
  prepare?(): void;
}

/** One action on one resource, with the request's condition keys, as the permissions gate asks IAM to judge it. */
export interface SimulationRequest {
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, readonly string[]>>;
}

export interface SimulatedDecision {
  readonly action: string;
  readonly resource: string;
  /** IAM's EvalDecision: `allowed`, `implicitDeny` or `explicitDeny`. */
  readonly decision: string;
}

export interface IamPort {
  /** The role's full ARN, its path included (SSO roles live under /aws-reserved/sso.amazonaws.com/…). */
  roleArn(roleName: string): Promise<string>;
  /** iam:SimulatePrincipalPolicy for the principal, every request judged; paged and grouped by resource. */
  simulate(principalArn: string, requests: readonly SimulationRequest[]): Promise<SimulatedDecision[]>;
}

export interface AwsSettings {
  readonly region: string | undefined;
  readonly profile: string | undefined;
}

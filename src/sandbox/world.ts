import type { KeyObject } from "node:crypto";
import type { AlarmState } from "../aws/types.js";
import type { PolicyDocument } from "./iam/policyDocument.js";
import type { SandboxRole } from "./iam/roles.js";
import type { SandboxPrincipal } from "./principals.js";

/** A DNS record the sandbox's nameservers serve. TXT data is the list of character-strings of one record. */
export interface ZoneRecord {
  readonly name: string;
  readonly type: "TXT" | "CNAME" | "NS" | "A";
  readonly data: string | readonly string[];
}

export interface SandboxIdentity {
  readonly name: string;
  verifiedForSending: boolean;
  verificationStatus: "SUCCESS" | "PENDING" | "FAILED" | "TEMPORARY_FAILURE" | "NOT_STARTED";
  dkim: {
    signingEnabled: boolean;
    origin: "AWS_SES" | "EXTERNAL";
    status: "SUCCESS" | "PENDING" | "FAILED" | "TEMPORARY_FAILURE" | "NOT_STARTED";
    tokens: string[];
    signingHostedZone: string | undefined;
    currentKeyLength: "RSA_1024_BIT" | "RSA_2048_BIT";
    nextKeyLength: "RSA_1024_BIT" | "RSA_2048_BIT";
    lastKeyGeneration: Date;
    /** BYODKIM only: the public key SES will look for in DNS. */
    externalPublicKeySpki: Buffer | undefined;
    /**
     * BYODKIM only: the private key SES was given, which it signs with once SUCCESS. Kept in memory
     * only, as a KeyObject (which prints and serialises without its material); never in a log or the state view.
     */
    externalPrivateKey?: KeyObject | undefined;
    failedChecks: number;
  };
  verificationInfo: { errorType: string | undefined; lastChecked: Date | undefined; lastSuccess: Date | undefined };
}

export interface SandboxSecret {
  readonly name: string;
  readonly arn: string;
  versions: { id: string; value: string; created: Date }[];
}

export interface SandboxAlarm {
  readonly name: string;
  state: AlarmState;
  reason: string;
  updated: Date;
}

/**
 * What S3 keeps beside an object's body. An object with no entry (the seeded ones, or one a test
 * put straight into `buckets`) is SSE-S3 with no tags, as S3 encrypts every new object by default.
 */
export interface S3ObjectMeta {
  /** `AES256` (SSE-S3) or `aws:kms` (SSE-KMS). */
  readonly serverSideEncryption?: string;
  readonly kmsKeyId?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly lastModified?: Date;
}

export interface SandboxHostedZone {
  /** `Z` and 20 letters and digits, from the zone's name: the same in every run of a scenario. */
  readonly id: string;
  /** Lower case, without the trailing dot. */
  readonly name: string;
}

/** One record set of a change batch, its values already read into what the nameservers serve. */
export interface RecordSetChange {
  readonly action: "CREATE" | "UPSERT" | "DELETE";
  readonly name: string;
  readonly type: ZoneRecord["type"];
  readonly records: readonly ZoneRecord[];
}

export interface SandboxChange {
  readonly id: string;
  readonly zoneId: string;
  readonly submittedAt: Date;
  readonly comment?: string;
  readonly changes: readonly RecordSetChange[];
  status: "PENDING" | "INSYNC";
  /** GetChange answers PENDING this many more times before the change reaches the nameservers. */
  pollsLeft: number;
}

export interface SandboxRoute53 {
  /** id → zone */
  readonly zones: Map<string, SandboxHostedZone>;
  /** id → change, in the order they came. */
  readonly changes: Map<string, SandboxChange>;
  /** How many GetChange calls answer PENDING before a change is INSYNC (and served). */
  readonly pendingPolls: number;
}

/** How the fault table breaks one operation. */
export type FaultEffect =
  | { readonly kind: "throttle" }
  | { readonly kind: "access-denied" }
  | { readonly kind: "server-error" }
  /** The request is applied as usual but answered with a server error, as if the response was lost after the service acted. */
  | { readonly kind: "lost-response" }
  | { readonly kind: "latency"; readonly ms: number }
  /**
   * The request waits, unanswered, until `release` settles: a moment the test chooses (after a
   * signal was noted, after another run met the lock), not a time that a busy machine can outrun.
   */
  | { readonly kind: "hold"; readonly release: Promise<unknown> };

export type Fault = FaultEffect & {
  /** Requests of the operation it still breaks before clearing itself; absent: it stays until cleared. */
  readonly remaining?: number;
};

export interface RequestLogEntry {
  readonly time: string;
  readonly service: string;
  readonly operation: string;
  readonly status: number;
  readonly error?: string;
  /** Who signed it (their caller ARN); absent for the sandbox's own admin paths, which no principal signs, and for a key no one holds. */
  readonly caller?: string;
  /** The account it acted in: a member account's for a request signed by a session of its role, else the operations account's; absent where `caller` is. */
  readonly account?: string;
  /** The region it was signed for (SES's rate is counted per region); absent for the admin paths. */
  readonly region?: string;
  /** SES responses are recorded (they hold no secrets) so tests can check them against the service model. */
  readonly response?: unknown;
}

/** Everything the rehearsal environment knows; the HTTP and DNS fronts read and change it. */
export interface SandboxWorld {
  readonly accountId: string;
  readonly region: string;
  /** The operator's session: `arn:aws:sts::ACCOUNT:assumed-role/ROLE/operator`, ROLE one of `roles`; the ARN of `principals[0]`. */
  readonly callerArn: string;
  /**
   * Everyone whose access key the sandbox answers as themselves, the operator first; a request
   * signed with any other key is the operator's.
   */
  readonly principals: readonly [SandboxPrincipal, ...SandboxPrincipal[]];
  /** role name → role, as IAM's GetRole and SimulatePrincipalPolicy find them. */
  readonly roles: Map<string, SandboxRole>;
  /**
   * The role's identity-based policy, which every service enforces (for every principal: all sign
   * in to that role) and SimulatePrincipalPolicy evaluates; absent: everything is allowed. Set at start, or at any moment through `/_sandbox/policy`.
   */
  policy: PolicyDocument | undefined;
  /** The home region's (`region`) SES identities, name → identity. */
  readonly identities: Map<string, SandboxIdentity>;
  /** Every other region's SES identities, region → name → identity; reach them through `identitiesIn`. */
  readonly regionIdentities: Map<string, Map<string, SandboxIdentity>>;
  /** bucket → key → body */
  readonly buckets: Map<string, Map<string, Buffer>>;
  /** `bucket/key` → encryption, tags and time of each object written through the S3 API. */
  readonly objectMeta: Map<string, S3ObjectMeta>;
  /** The home region's secrets, name → secret. */
  readonly secrets: Map<string, SandboxSecret>;
  /** Every other region's secrets, region → name → secret (a secret lives in one region); reach them through `secretsIn`. */
  readonly regionSecrets: Map<string, Map<string, SandboxSecret>>;
  readonly alarms: Map<string, SandboxAlarm>;
  /** One record set per simulated authoritative nameserver; a half-propagated record differs between them. */
  readonly nameservers: ZoneRecord[][];
  /** Route 53's hosted zones and changes; a change reaches `nameservers` once it is INSYNC. */
  readonly route53: SandboxRoute53;
  /**
   * The sandbox's calendar: real time moved on by whole days (`/_sandbox/clock`). Every time the
   * sandbox stamps comes from it (`sandboxNow`), so a rehearsal can live through months in a minute.
   */
  readonly clock: { offsetDays: number };
  /** operation name → fault; set at start, or at any moment through `/_sandbox/faults` */
  readonly faults: Map<string, Fault>;
  readonly log: RequestLogEntry[];
  /** Failed DNS checks after which a PENDING DKIM setup becomes FAILED. */
  readonly dkimChecksBeforeFailure: number;
  /** The alarm that clears once SES signs with the BYODKIM key. */
  readonly verificationAlarm: string;
  /** SES's ~1 request/s for non-sending actions; 0 disables. */
  readonly sesRateLimitPerSecond: number;
  /** Every datum PutMetricData accepted, in the order it came. */
  readonly metrics: SandboxMetric[];
  /** Every message SNS Publish accepted (change notices), in the order it came. */
  readonly notices: SandboxNotice[];
  /** What SES's sending and the sandbox's mailboxes keep. */
  readonly mail: SandboxMail;
  /**
   * account id → member account, reached only through its role (STS AssumeRole). Only SES, STS and
   * IAM answer there; the keys, secrets, alarms and journals stay in the operations account (`accountId`).
   */
  readonly members: Map<string, SandboxMemberAccount>;
  /** temporary access key id (`ASIA…`) → the session AssumeRole gave it to. */
  readonly sessions: Map<string, SandboxSession>;
}

/** An AWS account other than the operations one, holding SES identities and the role byodkim assumes there. */
export interface SandboxMemberAccount {
  readonly id: string;
  /** The role byodkim assumes; its trust policy says who may. */
  readonly role: SandboxRole;
  /** The longest session AssumeRole grants for the role (IAM's MaxSessionDuration: 3600 unless raised, at most 43200). */
  readonly maxSessionSeconds: number;
  /** region → name → identity: SES keeps each account and region apart. Reach one region through `memberIdentitiesIn`. */
  readonly identities: Map<string, Map<string, SandboxIdentity>>;
  /** The role's identity-based policy, which the member's SES and IAM enforce on its sessions; absent: everything is allowed. */
  policy: PolicyDocument | undefined;
}

/** What one AssumeRole handed out; the key id names it. */
export interface SandboxSession {
  readonly accessKeyId: string;
  /** Held in memory only: never in a log or the state view. */
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** The member account whose role was assumed. */
  readonly account: string;
  readonly roleName: string;
  readonly sessionName: string;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`, as GetCallerIdentity answers it. */
  readonly arn: string;
  /** `AROA…:SESSION` */
  readonly assumedRoleId: string;
  /** Who assumed the role (their caller ARN). */
  readonly assumedBy: string;
  /** On the sandbox's clock: a request signed after it is ExpiredToken. */
  readonly expiration: Date;
}

/** One message SES SendEmail accepted: who signed it, where it went (never its body). */
export interface SentMail {
  readonly time: string;
  readonly region: string;
  readonly messageId: string;
  readonly from: string;
  readonly to: readonly string[];
  /** `d=` and `s=` of each DKIM-Signature SES put on it, in order. */
  readonly signatures: readonly { readonly domain: string; readonly selector: string; readonly wrongKey: boolean }[];
  /** Where the sandbox delivered it: `s3://bucket/key` or `imap://user/INBOX`; other recipients are not delivered. */
  readonly deliveredTo: readonly string[];
}

/** A mailbox the sandbox delivers to, given the raw message as the receiving side stored it. */
export type SandboxMailbox = (raw: Buffer, at: Date) => Promise<void> | void;

export interface SandboxMail {
  /** SES's own keys (Easy DKIM's, amazonses.com's), made when first needed. */
  sesKeys?: { readonly easyDkim: KeyObject; readonly amazonses: KeyObject; readonly wrong: KeyObject };
  /** `region/identity`s whose DKIM status SES leaves as it is, whatever DNS says: a drill holding PENDING open. */
  readonly heldPending: Set<string>;
  /** `region/identity`s whose mail SES signs with a key other than the one DNS publishes, so the signature fails. */
  readonly wrongKey: Set<string>;
  readonly sent: SentMail[];
  /** IMAP user → deliver into that user's INBOX; filled in once the IMAP servers listen. */
  readonly imapMailboxes: Map<string, SandboxMailbox>;
  /** IMAP user → port on 127.0.0.1. */
  readonly imapPorts: Map<string, number>;
  /** The config's `dmarc.reports` folder, where reports go unless asked elsewhere. */
  dmarcReportsFolder?: string;
  /** Today's DMARC reports so far, as last written (paths or `s3://` URIs): the next run replaces them. */
  readonly partialDmarcReports: string[];
  /** Every DMARC report written (paths or `s3://` URIs): `sandbox age` takes them back, as they tell a timeline that no longer holds. */
  readonly dmarcReportsWritten: string[];
  /** The first simulated nameserver, `127.0.0.1:PORT`, which the receiving side asks to verify what arrives. */
  receivingDns?: string;
}

/** How a held identity or a wrong-key identity is named in `SandboxMail`'s sets. */
export const mailIdentityKey = (region: string, identity: string) => `${region}/${identity.toLowerCase()}`;

/** One SNS message as Publish accepted it. */
export interface SandboxNotice {
  readonly time: string;
  readonly region: string;
  readonly topicArn: string;
  readonly subject: string | null;
  readonly message: string;
  readonly messageId: string;
}

/** One CloudWatch datum as PutMetricData stored it. */
export interface SandboxMetric {
  readonly region: string;
  readonly namespace: string;
  readonly name: string;
  /** Null for a datum sent as Values/Counts or StatisticValues. */
  readonly value: number | null;
  /** `None` when the datum named no unit, as CloudWatch stores it. */
  readonly unit: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** ISO time: the datum's own Timestamp, else when CloudWatch received it. */
  readonly timestamp: string;
}

/**
 * The SES identities of one region: SES keeps a separate set per region, and one region knows
 * nothing of another's (GetEmailIdentity elsewhere is NotFound). A region never used is empty.
 */
export function identitiesIn(world: Pick<SandboxWorld, "region" | "identities" | "regionIdentities">, region: string): Map<string, SandboxIdentity> {
  return ofRegion(world.region, world.identities, world.regionIdentities, region);
}

/** The home region's map, or another region's (made empty on first use). */
function ofRegion<V>(homeRegion: string, home: Map<string, V>, others: Map<string, Map<string, V>>, region: string): Map<string, V> {
  if (region === homeRegion) return home;
  const found = others.get(region) ?? new Map<string, V>();
  others.set(region, found);
  return found;
}

/** The secrets of one region: Secrets Manager keeps each region's apart, as SES does its identities. */
export function secretsIn(world: Pick<SandboxWorld, "region" | "secrets" | "regionSecrets">, region: string): Map<string, SandboxSecret> {
  return ofRegion(world.region, world.secrets, world.regionSecrets, region);
}

type RegionIdentities = [region: string, identities: Map<string, SandboxIdentity>];

/** A member account's SES identities in one region (made empty on first use), apart from every other account's. */
export function memberIdentitiesIn(member: Pick<SandboxMemberAccount, "identities">, region: string): Map<string, SandboxIdentity> {
  const found = member.identities.get(region) ?? new Map<string, SandboxIdentity>();
  member.identities.set(region, found);
  return found;
}

/** A member account's regions that hold an identity, in name order. */
export const memberIdentitiesByRegion = (member: Pick<SandboxMemberAccount, "identities">): RegionIdentities[] =>
  [...member.identities.entries()].filter(([, identities]) => identities.size > 0).sort(([a], [b]) => a.localeCompare(b));

/**
 * Every SES identity the sandbox's SES holds, the operations account's and every member's: what
 * SES's background verification and its Easy DKIM keys in DNS cover, whichever account holds them.
 */
export function everyAccountIdentities(world: Pick<SandboxWorld, "region" | "identities" | "regionIdentities" | "members">): RegionIdentities[] {
  return [...identitiesByRegion(world), ...[...world.members.values()].flatMap(memberIdentitiesByRegion)];
}

/** The home region (even when empty), then every other region that holds an identity. */
export function identitiesByRegion(world: Pick<SandboxWorld, "region" | "identities" | "regionIdentities">): [RegionIdentities, ...RegionIdentities[]] {
  const others = [...world.regionIdentities.entries()].filter(([region, identities]) => region !== world.region && identities.size > 0);
  return [[world.region, world.identities], ...others.sort(([a], [b]) => a.localeCompare(b))];
}

import type { ApprovalsConfig, PlansConfig } from "./approvalsConfig.js";
import type { ChangeCalendar } from "./changeWindow.js";
import type { Contact } from "./contacts.js";
import type { WavesConfig } from "./wavesConfig.js";
import type { BakeConfig } from "./bakeConfig.js";
import type { DmarcConfig } from "./dmarcConfig.js";
import type { ProbeConfig } from "./probeConfig.js";

/** A CloudWatch alarm's state, as the config's gate expects it and CloudWatch reports it. */
export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";

export interface AlarmExpectation {
  readonly name: string;
  /** States in which enabling may go ahead. */
  readonly before: readonly AlarmState[];
  /** The state `verify` expects once the change has settled. */
  readonly after: AlarmState;
}

/** One more identity `status` watches (config `identities:`); what it leaves out is the top-level value. */
export interface IdentityConfig {
  readonly domain: string;
  /** The regions SES has it in; undefined: the region in force (--region, the config's, the SDK's). */
  readonly regions: readonly string[] | undefined;
  readonly selectorPrefix: string;
  readonly keys: ByodkimConfig["keys"];
  /** Its own `state.secretId` (it may hold `{domain}`); absent: the top-level one, `{domain}` filled with this domain. */
  readonly state?: { readonly secretId: string } | undefined;
  /** The member account SES holds it in (listed under `accounts:`); absent: the operations account's own (`accountId`). */
  readonly account?: string | undefined;
}

/**
 * `accounts:` one member account byodkim reaches by assuming a role in it. Only SES calls go there:
 * the keys, the state secret, the lock and the journals stay in the operations account.
 */
export interface MemberAccount {
  /** 12 digits. */
  readonly id: string;
  /** The role assumed for this account's SES calls; in account `id`. */
  readonly roleArn: string;
  /** The external id the role's trust policy asks for; absent: none is sent. */
  readonly externalId?: string | undefined;
}

/**
 * `accounts: { fromOrganization: true, … }`: the member accounts are the organization's ACTIVE
 * accounts (organizations:ListAccounts, with the operations account's own credentials), each
 * reached through the role `roleName` and its SES domain identities found at run time. The
 * composition root merges what it finds into `accounts` and `identities` before any command runs.
 */
export interface OrganizationAccounts {
  /** The role's name, the same in every member account: `arn:<partition>:iam::<id>:role/<roleName>`. */
  readonly roleName: string;
  /** The external id every role's trust policy asks for; absent: none is sent. */
  readonly externalId?: string | undefined;
  /** Where member identities are looked for; absent: the region in force. */
  readonly regions?: readonly string[] | undefined;
}

export interface ByodkimConfig {
  readonly domain: string | undefined;
  readonly region: string | undefined;
  readonly accountId: string;
  readonly selectorPrefix: string;
  /** `kmsKeyId`: keygen's SSE-KMS key; without it new keys are stored with SSE-S3. */
  readonly keys: { readonly bucket: string; readonly key: string; readonly kmsKeyId?: string | undefined };
  /** `secretId` may hold `{domain}`: one state secret per identity; read it through stateSecretId, never directly. */
  readonly state: { readonly secretId: string };
  readonly alarms: readonly AlarmExpectation[];
  /** `dns.publish`: who publishes the selectors' records; absent: `handoff` (files for a DNS team, as before). */
  readonly dns: { readonly servers: readonly string[]; readonly publish?: DnsPublishConfig | undefined };
  /**
   * The monthly cycle: a key is due for rotation `maxAgeDays` after it was made, status warns
   * `warnDays` before that, and an old selector stays published `graceDays` after a rotation
   * before retire may revoke it.
   */
  readonly rotation: {
    readonly maxAgeDays: number;
    readonly warnDays: number;
    readonly graceDays: number;
    /** `rotation.auto`: tick may change SES without a person's answer (its `--yes`); absent: false. */
    readonly auto?: boolean | undefined;
    /** `rotation.dnsTimeoutDays`: a new key's record not answering this long after keygen needs a person; absent: ROTATION_DEFAULTS. */
    readonly dnsTimeoutDays?: number | undefined;
  };
  /**
   * `rollback.permissionsGraceMs`: how long rollback waits for IAM's permission simulation once its
   * own reads are done. IAM answers from one region for the world, and the incident does not wait for it.
   */
  readonly rollback: { readonly permissionsGraceMs: number };
  /**
   * `identities:`, the further identities status watches beside `domain`, then every member account's
   * (`accounts[].identities`, each with its `account`); empty when there are none.
   */
  readonly identities: readonly IdentityConfig[];
  /** `accounts:`, the member accounts reached through a role; empty when there are none. */
  readonly accounts?: readonly MemberAccount[];
  /** `accounts: { fromOrganization: true, roleName }`: member accounts found at run time (OrganizationAccounts); absent: `accounts` is the list as written. */
  readonly organization?: OrganizationAccounts | undefined;
  /** Where the run journals go; undefined means ~/.byodkim/journal. */
  readonly journal: {
    readonly dir: string | undefined;
    /** `journal.s3`: each run's journal also written to s3://bucket/prefix (at its end and at each call boundary); absent: local only. */
    readonly s3?: { readonly bucket: string; readonly prefix: string } | undefined;
  };
  /** `notify:`, who hears of a change; no targets when it is absent. */
  readonly notify: NotifyConfig;
  /** `timeZone:`, the IANA zone people's times are shown in; undefined: TZ, else Asia/Tokyo under --lang ja, else UTC. */
  readonly timeZone?: string | undefined;
  /** `contacts:`, who to reach for what (the DNS team, the AWS admins, the emergency contact); empty when absent. */
  readonly contacts?: readonly Contact[];
  /** `dashboardUrl:`, the dashboard a walk's steps send the operator to (a step's `link: dashboardUrl`); undefined: none configured. */
  readonly dashboardUrl?: string | undefined;
  /** `approvals:` and `plans:`, who must approve a plan and how long it stays good; absent: none required (APPROVALS_DEFAULTS, PLANS_DEFAULTS). */
  readonly approvals?: ApprovalsConfig;
  readonly plans?: PlansConfig;
  /** `changeWindow:` and `freezes:`, when a change may start; undefined when the config has neither (any time). */
  readonly changeCalendar?: ChangeCalendar | undefined;
  /** `waves:`, how a campaign moves a fleet (canary, size, maxErrors); undefined when absent. No command reads it yet. */
  readonly waves?: WavesConfig | undefined;
  /** `bake:`, how long apply watches each wave and which alarms; absent: BAKE_DEFAULTS. */
  readonly bake?: BakeConfig | undefined;
  /** `dmarc:`, where receivers' aggregate reports land (report dmarc, retire's check); undefined when absent. */
  readonly dmarc?: DmarcConfig | undefined;
  /** `probe:`, the mail verify --probe sends through the identity and reads back; undefined when absent. */
  readonly probe?: ProbeConfig | undefined;
}

/**
 * `dns.publish`: byodkim publishes the identity's selector records itself (Route 53, or an RFC 2136
 * dynamic update signed with TSIG to the zone's primary), or hands them to a DNS team (the default).
 */
export type DnsPublishConfig =
  | { readonly provider: "handoff" }
  | {
      readonly provider: "route53";
      /** The hosted zone; absent: found with ListHostedZonesByName (the longest zone enclosing the domain). */
      readonly hostedZoneId?: string | undefined;
    }
  | {
      readonly provider: "rfc2136";
      /** The zone's primary, `host` or `host:port` (53 when absent). */
      readonly server: string;
      /** The zone updated; absent: the identity's domain. */
      readonly zone?: string | undefined;
      /** The TSIG key: its name, algorithm (hmac-sha256 when absent) and the Secrets Manager secret holding its base64 secret. */
      readonly tsig: { readonly keyName: string; readonly algorithm: string; readonly secretId: string };
    };

export type WebhookFormat = "slack" | "teams" | "json";
export const WEBHOOK_FORMATS: readonly WebhookFormat[] = ["slack", "teams", "json"];

export interface NotifyConfig {
  /** SNS topic ARNs; each topic is published to in the region its ARN names. */
  readonly sns: readonly string[];
  /**
   * The URL carries the webhook's token: it is shown as its host only (noticeTarget), after its
   * name when it has one (names are unique, so two webhooks on one host can be told apart).
   */
  readonly webhooks: readonly { readonly url: string; readonly format: WebhookFormat; readonly name?: string }[];
  /** The language of the notice text (the operator's terminal language is not the channel's). */
  readonly lang: "en" | "ja";
}

export const NO_NOTIFY: NotifyConfig = { sns: [], webhooks: [], lang: "en" };

/** Where the config is read from unless --config says otherwise. */
export const DEFAULT_CONFIG_PATH = "./byodkim.config.yaml";

export const ROTATION_DEFAULTS = { maxAgeDays: 31, warnDays: 7, graceDays: 7, auto: false, dnsTimeoutDays: 3 } as const;

/** 300 ms: from Tokyo IAM's two calls can take longer than every read rollback needs; 60 s is the most an incident should wait. */
export const ROLLBACK_DEFAULTS = { permissionsGraceMs: 300, maxPermissionsGraceMs: 60_000 } as const;

export const ALARM_STATES: readonly AlarmState[] = ["OK", "ALARM", "INSUFFICIENT_DATA"];

/** The S3 object key for a selector, from the `keys.key` template. */
export function privateKeyObjectKey(template: string, domain: string, selector: string): string {
  return template.replaceAll("{domain}", domain).replaceAll("{selector}", selector);
}

/** Where selectors live in S3: everything before `{selector}` is the listing prefix. */
export function selectorListing(template: string, domain: string): { prefix: string; suffix: string } {
  const [before = "", after = ""] = template.split("{selector}");
  return {
    prefix: before.replaceAll("{domain}", domain),
    suffix: after.replaceAll("{domain}", domain),
  };
}

/** The selector an object key names, or undefined when the key does not fit the template. */
export function selectorFromObjectKey(objectKey: string, listing: { prefix: string; suffix: string }): string | undefined {
  if (!objectKey.startsWith(listing.prefix) || !objectKey.endsWith(listing.suffix)) return undefined;
  const selector = objectKey.slice(listing.prefix.length, objectKey.length - listing.suffix.length);
  return selector.length > 0 && !selector.includes("/") ? selector : undefined;
}

/** The one placeholder a state secret id may hold. */
export const STATE_SECRET_PLACEHOLDER = "{domain}";

/**
 * The state secret that records `domain`'s changes: its `identities:` entry's own, else the
 * top-level one, with `{domain}` filled in. One secret per identity is what keeps two identities
 * changed in one campaign from writing over each other's selector and snapshot.
 */
export function stateSecretId(config: Pick<ByodkimConfig, "state" | "identities">, domain: string): string {
  const own = config.identities.find((identity) => identity.domain === domain)?.state;
  return (own ?? config.state).secretId.replaceAll(STATE_SECRET_PLACEHOLDER, domain);
}

/** The member account that holds `domain`, when `accounts:` lists it there; undefined: the operations account's own. */
export function memberAccountOf(config: Pick<ByodkimConfig, "identities" | "accounts">, domain: string): MemberAccount | undefined {
  const id = config.identities.find((identity) => identity.domain === domain)?.account;
  return id === undefined ? undefined : config.accounts?.find((account) => account.id === id);
}

/** The account whose SES holds `domain`: its member account's id, else the operations account's. */
export function accountIdOf(config: Pick<ByodkimConfig, "accountId" | "identities" | "accounts">, domain: string): string {
  return memberAccountOf(config, domain)?.id ?? config.accountId;
}

import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { privateKeyObjectKey } from "../config/config.js";
import { newSecretArn } from "./api/secretsManager.js";
import { newIdentity } from "./api/sesv2.js";
import { EASY_DKIM_HOSTED_ZONE } from "./sesDkim.js";
import type { SandboxWorld, ZoneRecord } from "./world.js";
import { iamPolicy } from "../permissions/iamPolicy.js";
import { validateConfig } from "../config/loadConfig.js";
import { type PolicyDocument, parsePolicyDocument } from "./iam/policyDocument.js";
import { roleArn } from "./iam/roles.js";
import { dkimTxtStrings, SANDBOX_DEFAULTS, SANDBOX_MAIL, SANDBOX_MEMBER, SANDBOX_ORGANIZATION } from "./defaults.js";
import { withFleetConfig } from "./fleet.js";
import { seedFleet } from "./fleetWorld.js";
import { CAMPAIGN_SIZE, seedCampaign, withCampaignConfig } from "./campaignWorld.js";
import { seedUnattendedWorld, UNATTENDED_KEY_AGE_DAYS, withUnattendedConfig } from "./unattendedWorld.js";
import { seedMemberAccount, seedOrganization, withAccountsConfig, withOrganizationConfig } from "./accountsWorld.js";

// Their home was this module; most of the code and tests still import them from here.
export { dkimTxtStrings, SANDBOX_DEFAULTS };

/** The config the sandbox writes for byodkim: its own settings, and the nameservers it started. */
export function sandboxConfigDocument(dnsServers: readonly string[], mail: SandboxMailConfig = { imapPort: 143, dmarcReports: "./dmarc-reports" }) {
  const d = SANDBOX_DEFAULTS;
  return {
    domain: d.domain,
    region: d.region,
    accountId: d.accountId,
    selectorPrefix: d.selectorPrefix,
    keys: { bucket: d.bucket, key: d.keyTemplate },
    state: { secretId: d.secretId },
    alarms: [
      { name: d.verificationAlarm, before: ["ALARM", "OK", "INSUFFICIENT_DATA"], after: "OK" },
      { name: d.bounceAlarm, before: ["OK"], after: "OK" },
    ],
    dns: { servers: [...dnsServers] },
    // The sandbox's IAM answers from this machine, in milliseconds unless the machine is busy:
    // rollback waits for it, so a rehearsal's permissions gate does not depend on the machine's load.
    rollback: { permissionsGraceMs: 30_000 },
    ...sandboxMailConfig(mail),
  };
}

/** Where the running sandbox's mailboxes are, for its config's `probe:` and `dmarc:`. */
export interface SandboxMailConfig {
  readonly imapPort: number;
  /** The folder the sandbox writes its DMARC aggregate reports into. */
  readonly dmarcReports: string;
}

/** The probe's two mailboxes (SES receiving's S3 bucket, the IMAP user `probe`) and where DMARC reports land. */
function sandboxMailConfig(mail: SandboxMailConfig) {
  const m = SANDBOX_MAIL;
  return {
    probe: {
      targets: [
        {
          name: "ses-inbound",
          to: m.probeAddress,
          inbound: { s3: { bucket: m.inboundBucket, prefix: m.inboundPrefix, region: m.inboundRegion } },
        },
        {
          name: "imap",
          to: `probe@${m.imapDomain}`,
          imap: { host: "127.0.0.1", port: mail.imapPort, secure: false, user: "probe", passwordSecret: m.imapSecret },
        },
      ],
    },
    dmarc: { reports: mail.dmarcReports },
  };
}

/** The operator policy `byodkim iam-policy --role <the sandbox's role>` prints for the sandbox's config: the scenario enforces exactly it. */
export function sandboxOperatorPolicy(world: SandboxWorld): PolicyDocument {
  const config = validateConfig(sandboxConfigDocument([]), "the sandbox's config");
  const role = [...world.roles.values()][0]!;
  const generated = iamPolicy(config, { domain: undefined, audience: "operator", region: world.region, role: roleArn(world.accountId, role) }).policy;
  return parsePolicyDocument(JSON.parse(JSON.stringify(generated)));
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Changes the good world into this scenario's. */
  readonly twist: (world: SandboxWorld, seed: SeededFacts) => void;
  /** Puts more keys in the world (after the twist), and says which, for the tests; a world whose home key is another says that too. */
  readonly addKeys?: (world: SandboxWorld, seed: SeededFacts) => Partial<Pick<SeededFacts, "rotation" | "selector" | "publicKeyBase64" | "txtName">>;
  /** SES's requests per second in this scenario, when the sandbox's options name none; absent: no limit. */
  readonly sesRateLimitPerSecond?: number;
  /** The config byodkim gets, from the one the sandbox writes for every scenario. */
  readonly config?: (document: SandboxConfigDocument) => object;
  /** The command the sandbox suggests first, when `precheck` would not run in this scenario (its config names no domain). */
  readonly firstCommand?: string;
}

export type SandboxConfigDocument = ReturnType<typeof sandboxConfigDocument>;

/** A key in S3 beside the seeded one, as keygen leaves it before rotate. */
export interface SeededKey {
  readonly selector: string;
  readonly publicKeyBase64: string;
  readonly txtName: string;
  /** The object's key in SANDBOX_DEFAULTS.bucket. */
  readonly objectKey: string;
}

export interface SeededFacts {
  readonly domain: string;
  readonly selector: string;
  readonly publicKeyBase64: string;
  readonly txtName: string;
  /** The newer key, in the rotation scenarios only. */
  readonly rotation?: SeededKey;
}

/** Gives each simulated nameserver a new record set, computed from its current one. */
function replaceZones(world: SandboxWorld, change: (records: ZoneRecord[], index: number) => ZoneRecord[]): void {
  for (const [i, records] of world.nameservers.entries()) world.nameservers[i] = change(records, i);
}

const withoutTxt = (records: ZoneRecord[], name: string) => records.filter((record) => !(record.type === "TXT" && record.name === name));
const setPhase = (world: SandboxWorld, phase: string, extra: Record<string, unknown> = {}) => {
  const secret = world.secrets.get(SANDBOX_DEFAULTS.secretId)!;
  const current = JSON.parse(secret.versions.at(-1)!.value) as Record<string, unknown>;
  secret.versions.push({ id: `seed-phase-${phase}`, value: JSON.stringify({ ...current, current_phase: phase, ...extra }), created: new Date() });
};

export const SCENARIOS: readonly Scenario[] = [
  { name: "good", description: "everything ready for Phase-7: TXT published on every nameserver, SES SUCCESS, phase 6", twist: () => {} },
  {
    name: "wrong-txt",
    description: "the TXT record holds another key",
    twist: (world, seed) => {
      const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
      world.nameservers.forEach((records, i) => {
        world.nameservers[i] = [...withoutTxt(records, seed.txtName), { name: seed.txtName, type: "TXT", data: dkimTxtStrings(other) }];
      });
    },
  },
  {
    name: "missing-txt",
    description: "no TXT record at the selector yet",
    twist: (world, seed) => replaceZones(world, (records) => withoutTxt(records, seed.txtName)),
  },
  {
    name: "partial-propagation",
    description: "the TXT record is on the first nameserver only",
    twist: (world, seed) => replaceZones(world, (records, i) => (i > 0 ? withoutTxt(records, seed.txtName) : records)),
  },
  {
    name: "alarm-firing",
    description: "the bounce-rate alarm is in ALARM",
    twist: (world) => Object.assign(world.alarms.get(SANDBOX_DEFAULTS.bounceAlarm)!, { state: "ALARM", reason: "Threshold Crossed (sandbox)" }),
  },
  { name: "phase-5", description: "the state secret is at phase 5 (Phase-6 not done)", twist: (world) => setPhase(world, "5") },
  {
    name: "phase-7",
    description: "the state secret says Phase-7 is already done",
    twist: (world) => setPhase(world, "7", { phase_7_completed_at: "2025-09-17T03:00:00.000Z" }),
  },
  {
    name: "signing-off",
    description: "SES DKIM signing is turned off on the identity (Easy DKIM, SUCCESS)",
    // Someone switched signing off by hand: the DKIM setup itself is healthy, SES just does not sign.
    twist: (world, seed) => {
      world.identities.get(seed.domain)!.dkim.signingEnabled = false;
    },
  },
  {
    name: "already-enabled",
    description: "BYODKIM with the selector is already active in SES",
    twist: (world, seed) => {
      const identity = world.identities.get(seed.domain)!;
      Object.assign(identity.dkim, {
        origin: "EXTERNAL",
        tokens: [seed.selector],
        signingHostedZone: undefined,
        status: "SUCCESS",
        signingEnabled: true,
        externalPrivateKey: seededPrivateKey(world, seed),
      });
      setPhase(world, "7", { byodkim_enabled: true, signing_enabled: true, selector: seed.selector, phase_7_completed_at: "2025-09-17T03:00:00.000Z" });
    },
  },
  {
    name: "byodkim-active",
    description: "BYODKIM active on an older selector; a newer key in S3 with its TXT published",
    twist: activateByodkim,
    addKeys: (world, seed) => ({ rotation: seedRotationKey(world, seed, true) }),
  },
  {
    name: "rotation-unpublished",
    description: "BYODKIM active on an older selector; a newer key in S3, its TXT not published anywhere",
    twist: activateByodkim,
    addKeys: (world, seed) => ({ rotation: seedRotationKey(world, seed, false) }),
  },
  {
    name: "least-privilege",
    description: "the good world, its services enforcing exactly the policy byodkim iam-policy prints for it",
    twist: (world) => {
      world.policy = sandboxOperatorPolicy(world);
    },
  },
  {
    name: "missing-permission",
    description: "least-privilege without ses:PutEmailIdentityDkimAttributes, as a role forgot it",
    twist: (world) => {
      world.policy = withoutAction(sandboxOperatorPolicy(world), "ses:PutEmailIdentityDkimAttributes");
    },
  },
  {
    name: "fleet",
    description: "the good world and 39 subdomains in ap-northeast-1 and ap-northeast-3, one issue each, for status; SES at 1 request/s",
    twist: (world) => void seedFleet(world),
    // status reads the fleet one paced call at a time, as it must against SES's real limit.
    sesRateLimitPerSecond: 1,
    config: withFleetConfig,
  },
  {
    name: "campaign",
    description: `${CAMPAIGN_SIZE} subdomains in ap-northeast-1 and ap-northeast-3, every key due for rotation and its successor made and published; one state secret per identity; SES at 1 request/s`,
    twist: (world) => void seedCampaign(world),
    sesRateLimitPerSecond: 1,
    config: withCampaignConfig,
    // The config lists identities and no domain of its own: precheck would ask which.
    firstCommand: "status",
  },
  {
    name: "unattended",
    description: `BYODKIM active with a key made ${UNATTENDED_KEY_AGE_DAYS} days ago (due for keygen); the config publishes through the sandbox's Route 53, lets tick rotate on its own (rotation.auto) and mirrors journals to S3`,
    twist: () => {},
    addKeys: (world) => seedUnattendedWorld(world),
    config: withUnattendedConfig,
  },
  {
    name: SANDBOX_MEMBER.scenario,
    description: `the good world, and member account ${SANDBOX_MEMBER.accountId} holding ${SANDBOX_MEMBER.domain} in ${SANDBOX_MEMBER.regions.join(" and ")} (Easy DKIM), reached only by assuming its role ${SANDBOX_MEMBER.roleName} with an external id; the domain's key and state secret stay in the operations account`,
    twist: (world) => void seedMemberAccount(world),
    config: withAccountsConfig,
  },
  {
    name: SANDBOX_ORGANIZATION.scenario,
    description: `the accounts world, and member account ${SANDBOX_ORGANIZATION.accountId} holding ${SANDBOX_ORGANIZATION.domain}; the config names no account: accounts: fromOrganization finds both through organizations:ListAccounts and their ${SANDBOX_MEMBER.roleName} roles`,
    twist: (world) => void seedOrganization(world),
    config: withOrganizationConfig,
  },
];

/** The policy with one action taken out of whichever statement grants it. */
function withoutAction(policy: PolicyDocument, action: string): PolicyDocument {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return parsePolicyDocument({
    ...policy,
    Statement: statements
      .map((statement) => {
        const actions =
          statement.Action === undefined
            ? undefined
            : (Array.isArray(statement.Action) ? statement.Action : [statement.Action]).filter((name: string) => name !== action);
        return actions === undefined ? statement : { ...statement, Action: actions };
      })
      .filter((statement) => statement.Action === undefined || statement.Action.length > 0),
  });
}

/** The seeded selector's key as enable gave it to SES: the one in S3, which SES signs with. */
const seededPrivateKey = (world: SandboxWorld, seed: SeededFacts) =>
  createPrivateKey(world.buckets.get(SANDBOX_DEFAULTS.bucket)!.get(privateKeyObjectKey(SANDBOX_DEFAULTS.keyTemplate, seed.domain, seed.selector))!);

/** BYODKIM signing with the seeded selector, as `enable` and SES's verification leave it, recorded at phase 7. */
function activateByodkim(world: SandboxWorld, seed: SeededFacts): void {
  const identity = world.identities.get(seed.domain)!;
  Object.assign(identity.dkim, {
    origin: "EXTERNAL",
    tokens: [seed.selector],
    signingHostedZone: undefined,
    status: "SUCCESS",
    signingEnabled: true,
    // The sandbox's SES re-checks the TXT record against this key, so the identity stays SUCCESS.
    externalPublicKeySpki: Buffer.from(seed.publicKeyBase64, "base64"),
    // What enable gave SES: the key in S3, which SES signs with.
    externalPrivateKey: seededPrivateKey(world, seed),
  });
  setPhase(world, "7", { byodkim_enabled: true, signing_enabled: true, selector: seed.selector, phase_7_completed_at: "2025-09-17T03:00:00.000Z" });
  Object.assign(world.alarms.get(SANDBOX_DEFAULTS.verificationAlarm)!, { state: "OK", reason: "BYODKIM signatures seen (sandbox)" });
}

/** A newer key in S3 at the key template, as keygen writes it; its TXT on every nameserver when `published`. */
function seedRotationKey(world: SandboxWorld, seed: SeededFacts, published: boolean): SeededKey {
  const { bucket, keyTemplate, rotationSelector: selector } = SANDBOX_DEFAULTS;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicKeyBase64 = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  const objectKey = privateKeyObjectKey(keyTemplate, seed.domain, selector);
  world.buckets.get(bucket)!.set(objectKey, Buffer.from(privateKey.export({ type: "pkcs8", format: "pem" }).toString()));
  const txtName = `${selector}._domainkey.${seed.domain}`;
  if (published) replaceZones(world, (records) => [...withoutTxt(records, txtName), { name: txtName, type: "TXT", data: dkimTxtStrings(publicKeyBase64) }]);
  return { selector, publicKeyBase64, txtName, objectKey };
}

/** The good world: an Easy-DKIM identity at SUCCESS, the key in S3, its TXT on every nameserver, alarms, phase 6. */
export function seedGoodWorld(world: SandboxWorld): SeededFacts {
  const { domain, selector, bucket, keyTemplate, secretId } = SANDBOX_DEFAULTS;
  const now = new Date();
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicKeyBase64 = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  world.buckets.set(bucket, new Map([[privateKeyObjectKey(keyTemplate, domain, selector), Buffer.from(pem)]]));

  const identity = newIdentity(domain, now);
  Object.assign(identity, { verifiedForSending: true, verificationStatus: "SUCCESS" });
  Object.assign(identity.dkim, { status: "SUCCESS" });
  identity.verificationInfo = { errorType: undefined, lastChecked: now, lastSuccess: now };
  world.identities.set(domain, identity);

  const txtName = `${selector}._domainkey.${domain}`;
  const zone: ZoneRecord[] = [
    { name: txtName, type: "TXT", data: dkimTxtStrings(publicKeyBase64) },
    ...identity.dkim.tokens.map((token): ZoneRecord => ({ name: `${token}._domainkey.${domain}`, type: "CNAME", data: `${token}.${EASY_DKIM_HOSTED_ZONE}` })),
    { name: domain, type: "TXT", data: "v=spf1 include:amazonses.com ~all" },
  ];
  replaceZones(world, () => [...zone]);

  world.secrets.set(secretId, {
    name: secretId,
    arn: newSecretArn(world, secretId),
    versions: [
      {
        id: "seed-phase-6",
        value: JSON.stringify({ current_phase: "6", projectName: "aws-ses-migration", environment: "prod", dkimSeparator: "gooid-21-pro" }),
        created: now,
      },
    ],
  });
  world.alarms.set(SANDBOX_DEFAULTS.verificationAlarm, {
    name: SANDBOX_DEFAULTS.verificationAlarm,
    state: "ALARM",
    reason: "No BYODKIM signatures yet (sandbox)",
    updated: now,
  });
  world.alarms.set(SANDBOX_DEFAULTS.bounceAlarm, { name: SANDBOX_DEFAULTS.bounceAlarm, state: "OK", reason: "Threshold not crossed (sandbox)", updated: now });
  return { domain, selector, publicKeyBase64, txtName };
}

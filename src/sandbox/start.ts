import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { byodkimError } from "../errors.js";
import { startDkimVerification } from "./dkimVerifier.js";
import { type PolicyDocument, parsePolicyDocument } from "./iam/policyDocument.js";
import { isRoleName } from "../config/names.js";
import { isRolePath, sandboxRole } from "./iam/roles.js";
import { startSandboxHttp } from "./httpServer.js";
import { newSecretArn } from "./api/secretsManager.js";
import { SANDBOX_MAIL } from "./defaults.js";
import { SANDBOX_DEFAULTS, SCENARIOS, type SandboxMailConfig, type Scenario, sandboxConfigDocument, seedGoodWorld, type SeededFacts } from "./scenarios.js";
import { prepareSesSigningKeys, sesZoneRecords } from "./sesMailKeys.js";
import { type SandboxPrincipal, type SandboxPrincipalName, sandboxPrincipals } from "./principals.js";
import type { Fault, SandboxWorld } from "./world.js";
import { startZoneServer, type ZoneServer } from "./zoneServer.js";
import { seedHostedZones } from "./route53Zones.js";
import { sandboxNow } from "./clock.js";
import { writeNewFile } from "../state/ownFiles.js";

export interface SandboxOptions {
  readonly scenario?: string;
  readonly port?: number;
  readonly faults?: readonly (readonly [string, Fault])[];
  readonly nameservers?: number;
  readonly dkimChecksBeforeFailure?: number;
  readonly verifyIntervalMs?: number;
  readonly sesRateLimitPerSecond?: number;
  /** The operator's identity-based policy, enforced by every service; absent: everything is allowed. */
  readonly policy?: PolicyDocument;
  /** The operator's role: `MailOps` at `/` by default; an SSO rehearsal gives `/aws-reserved/sso.amazonaws.com/REGION/`. */
  readonly role?: { readonly name?: string; readonly path?: string };
  /** GetChange answers PENDING this many times before a Route 53 change is INSYNC and served; 1 by default. */
  readonly route53PendingPolls?: number;
  /** Where the config file is written; a fresh temporary folder by default. */
  readonly workDir?: string;
}

export interface Sandbox {
  readonly scenario: string;
  readonly endpoint: string;
  /** `127.0.0.1:PORT` of each simulated authoritative nameserver, for --dns-server. */
  readonly dnsServers: readonly string[];
  /** What byodkim needs in its environment: the SDK's own endpoint and credential variables, the operator's keys. */
  readonly env: Readonly<Record<string, string>>;
  /** The same for each principal: `envAs.approver` is a second person's shell. */
  readonly envAs: Readonly<Record<SandboxPrincipalName, Readonly<Record<string, string>>>>;
  readonly configPath: string;
  /** Where its SES delivers: the S3 inbound mailbox and each IMAP user's server, as the operator is told. */
  readonly mailboxes?: {
    readonly inbound: { readonly address: string; readonly uri: string };
    readonly imap: readonly { readonly address: string; readonly server: string }[];
    readonly passwordSecret: string;
  };
  readonly world: SandboxWorld;
  readonly seed: SeededFacts;
  /** The command the sandbox suggests first (without its invocation); absent: precheck. */
  readonly firstCommand?: string;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const scenarioName = options.scenario ?? "good";
  const scenario = SCENARIOS.find((candidate) => candidate.name === scenarioName);
  if (!scenario) {
    throw byodkimError("usage", "sandbox.unknownScenario", { scenario: scenarioName, known: SCENARIOS.map((s) => s.name).join(", ") });
  }
  const role = sandboxRole(SANDBOX_DEFAULTS.accountId, options.role?.name ?? "MailOps", options.role?.path ?? "/");
  if (!isRoleName(role.name)) throw new Error(`a role name is 1 to 64 of letters, digits and +=,.@_-: ${role.name}`);
  if (!isRolePath(role.path)) throw new Error(`a role path starts and ends with "/" (e.g. /aws-reserved/sso.amazonaws.com/ap-northeast-1/): ${role.path}`);
  const principals = sandboxPrincipals(SANDBOX_DEFAULTS.accountId, role.name);
  const [operator, approver] = principals;
  const world: SandboxWorld = {
    accountId: SANDBOX_DEFAULTS.accountId,
    region: SANDBOX_DEFAULTS.region,
    callerArn: operator.arn,
    principals,
    roles: new Map([[role.name, role]]),
    policy: options.policy === undefined ? undefined : parsePolicyDocument(options.policy),
    identities: new Map(),
    regionIdentities: new Map(),
    buckets: new Map(),
    objectMeta: new Map(),
    secrets: new Map(),
    regionSecrets: new Map(),
    alarms: new Map(),
    nameservers: Array.from({ length: options.nameservers ?? 2 }, () => []),
    route53: { zones: new Map(), changes: new Map(), pendingPolls: options.route53PendingPolls ?? 1 },
    clock: { offsetDays: 0 },
    faults: new Map(options.faults ?? []),
    log: [],
    dkimChecksBeforeFailure: options.dkimChecksBeforeFailure ?? 120,
    sesRateLimitPerSecond: options.sesRateLimitPerSecond ?? scenario.sesRateLimitPerSecond ?? 0,
    verificationAlarm: SANDBOX_DEFAULTS.verificationAlarm,
    metrics: [],
    notices: [],
    mail: {
      heldPending: new Set(),
      wrongKey: new Set(),
      sent: [],
      imapMailboxes: new Map(),
      imapPorts: new Map(),
      partialDmarcReports: [],
      dmarcReportsWritten: [],
    },
    members: new Map(),
    sessions: new Map(),
  };
  const goodSeed = seedGoodWorld(world);
  scenario.twist(world, goodSeed);
  const seed: SeededFacts = { ...goodSeed, ...scenario.addKeys?.(world, goodSeed) };
  seedHostedZones(world, SANDBOX_DEFAULTS.domain);

  const zoneServers: ZoneServer[] = [];
  // Each nameserver serves the operator's records and AWS's own (Easy DKIM's keys, amazonses.com's), as the internet would.
  for (let i = 0; i < world.nameservers.length; i++) zoneServers.push(await startZoneServer(() => [...(world.nameservers[i] ?? []), ...sesZoneRecords(world)]));
  world.mail.receivingDns = zoneServers[0]!.address;
  const imap = await startMailboxes(world);
  // Every scenario has it, empty: where a config with journal.s3 mirrors its run journals.
  world.buckets.set(SANDBOX_DEFAULTS.journalBucket, world.buckets.get(SANDBOX_DEFAULTS.journalBucket) ?? new Map());
  const http = await startSandboxHttp(world, options.port ?? 0);
  const stopVerification = startDkimVerification(world, zoneServers[0]!.address, options.verifyIntervalMs ?? 250, () => sandboxNow(world));
  const dnsServers = zoneServers.map((server) => server.address);

  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), "byodkim-sandbox-")));
  const configPath = join(workDir, "byodkim.config.yaml");
  const mailConfig = { imapPort: world.mail.imapPorts.get("probe")!, dmarcReports: join(workDir, "dmarc-reports") };
  world.mail.dmarcReportsFolder = mailConfig.dmarcReports;
  // Its own file in its own folder: a config already at the path (a given workDir) is never written over or through.
  writeNewFile(configPath, sandboxConfigYaml(scenario, dnsServers, mailConfig));

  const principalEnv = (principal: SandboxPrincipal) => ({
    AWS_ENDPOINT_URL: http.endpoint,
    AWS_ACCESS_KEY_ID: principal.accessKeyId,
    AWS_SECRET_ACCESS_KEY: principal.secretAccessKey,
    AWS_REGION: world.region,
    // Rehearsal journals stay beside the rehearsal, not among the real ones in ~/.byodkim.
    BYODKIM_JOURNAL_DIR: join(workDir, "journal"),
    // byodkim's clock in this shell is the sandbox's, so a rehearsal can skip ahead a month.
    BYODKIM_SANDBOX_CLOCK: `${http.endpoint}/_sandbox/clock`,
  });

  return {
    scenario: scenario.name,
    ...(scenario.firstCommand === undefined ? {} : { firstCommand: scenario.firstCommand }),
    endpoint: http.endpoint,
    dnsServers,
    env: principalEnv(operator),
    envAs: { operator: principalEnv(operator), approver: principalEnv(approver) },
    configPath,
    mailboxes: {
      inbound: { address: SANDBOX_MAIL.probeAddress, uri: `s3://${SANDBOX_MAIL.inboundBucket}/${SANDBOX_MAIL.inboundPrefix}` },
      imap: [...world.mail.imapPorts].map(([user, port]) => ({ address: `${user}@${SANDBOX_MAIL.imapDomain}`, server: `127.0.0.1:${port}` })),
      passwordSecret: SANDBOX_MAIL.imapSecret,
    },
    world,
    seed,
    async stop() {
      stopVerification();
      await Promise.all([http.close(), imap.close(), ...zoneServers.map((server) => server.close())]);
    },
  };
}

/**
 * Where the sandbox's SES delivers: SES receiving's bucket (an S3 bucket like any other) and one
 * IMAP server per user, whose one password waits in Secrets Manager as a real mailbox's would.
 */
async function startMailboxes(world: SandboxWorld) {
  world.buckets.set(SANDBOX_MAIL.inboundBucket, world.buckets.get(SANDBOX_MAIL.inboundBucket) ?? new Map());
  const password = randomBytes(12).toString("base64url");
  const secretId = SANDBOX_MAIL.imapSecret;
  world.secrets.set(secretId, {
    name: secretId,
    arn: newSecretArn(world, secretId),
    versions: [{ id: "sandbox-imap-password", value: password, created: new Date() }],
  });
  const { startImapMailboxes } = await import("./imapMailboxes.js");
  const [imap] = await Promise.all([startImapMailboxes(SANDBOX_MAIL.imapUsers, password), prepareSesSigningKeys(world)]);
  for (const mailbox of imap.mailboxes) {
    world.mail.imapMailboxes.set(mailbox.user, mailbox.deliver);
    world.mail.imapPorts.set(mailbox.user, mailbox.port);
  }
  return imap;
}

function sandboxConfigYaml(scenario: Scenario, dnsServers: readonly string[], mail: SandboxMailConfig): string {
  const document = sandboxConfigDocument(dnsServers, mail);
  return `# Written by byodkim sandbox: the rehearsal environment's own settings.\n${stringify(scenario.config ? scenario.config(document) : document)}`;
}

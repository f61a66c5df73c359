import { metricBatches, PUT_METRIC_DATA_LIMITS } from "../../src/aws/metrics.js";
import type { AlarmState, AwsPorts, MetricDatum, SesIdentityFacts } from "../../src/aws/types.js";
import type { CommandContext } from "../../src/engine/context.js";
import type { CommandEvent } from "../../src/engine/events.js";
import type { ByodkimConfig } from "../../src/config/config.js";
import { PrivateKeyPem } from "../../src/dkim/privateKeyMaterial.js";
import type { DkimDns, NameserverAnswer } from "../../src/dns/types.js";
import { ByodkimError } from "../../src/errors.js";
import { msg } from "../../src/messages/msg.js";
import { type JournalEntry, type JournalStore, recordedDomain } from "../../src/state/journal.js";
import { sesIdentity } from "../gates/facts.js";
import { dkimRecordStrings, generateTestKey, type TestKey } from "./keys.js";

export const DOMAIN = "goo.ne.jp";
export const SELECTOR = "gooid-21-pro-20250917-3";
export const ACCOUNT = "123456789012";
export const OPERATOR = `arn:aws:sts::${ACCOUNT}:assumed-role/MailOps/operator`;
const SECRET_ID = "aws-ses-migration/prod/dkim-config";

const CONFIG: ByodkimConfig = {
  domain: DOMAIN,
  region: "ap-northeast-1",
  accountId: ACCOUNT,
  selectorPrefix: "gooid-21-pro",
  keys: { bucket: "keys", key: "dkim/{domain}/{selector}.pem" },
  state: { secretId: SECRET_ID },
  alarms: [{ name: "bounce-rate", before: ["OK"], after: "OK" }],
  dns: { servers: [] },
  rotation: { maxAgeDays: 31, warnDays: 7, graceDays: 7 },
  rollback: { permissionsGraceMs: 300 },
  identities: [],
  journal: { dir: undefined },
  notify: { sns: [], webhooks: [], lang: "en" },
};

const denied = (action: string) =>
  new ByodkimError(
    "aws",
    msg("aws.accessDenied", { service: "AWS", action, resource: "*", requestId: "-" }),
    msg("aws.accessDenied.hint", { action, resource: "*" }),
  );

/** A failure the next call(s) of an operation meet; `apply` first for a response lost after SES acted. */
export interface FakeFault {
  readonly times: number;
  readonly apply?: boolean;
  readonly error?: ByodkimError;
}

type Dkim = NonNullable<SesIdentityFacts["dkim"]>;

/** One message SendEmail was asked to send. */
export interface SentEmail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * An in-memory AWS, DNS, journal and clock behind the real ports, for the command layer's own
 * branches. Every operation can be made to fail N times (`faults`), or to run a hook first
 * (`before`), so no branch needs a timed fault to be reached.
 */
export function fakeWorld(options: { key?: TestKey; dkim?: Partial<Dkim>; state?: Record<string, unknown>; journal?: JournalStore } = {}) {
  const key = options.key ?? generateTestKey(2048);
  const dkim: { -readonly [K in keyof Dkim]: Dkim[K] } = { ...sesIdentity().dkim!, ...options.dkim };
  const stateVersions: string[] = [JSON.stringify(options.state ?? { current_phase: "6", projectName: "aws-ses-migration" })];
  const faults = new Map<string, FakeFault>();
  const before = new Map<string, () => unknown>();
  const calls: string[] = [];
  const signedWith: number[] = [];
  const events: CommandEvent[] = [];
  const journals = new Map<string, JournalEntry[]>();
  const answers: string[] = [];
  const selectors = [SELECTOR];
  /** Key objects written through the port (keygen), by object key. */
  const newObjects = new Map<string, { pem: string; tags: Record<string, string> }>();
  /** What status --publish-metrics put, one entry per putMetricData call. */
  const metricPuts: { namespace: string; data: MetricDatum[] }[] = [];
  let interruptRequested = false;
  // The S3 lock object: ETags change with every write, as S3's do.
  let lockObject: { text: string; etag: string } | null = null;
  const lockTexts: string[] = [];
  let etags = 0;
  const putLock = (text: string) => {
    lockObject = { text, etag: `"etag-${++etags}"` };
    lockTexts.push(text);
    return lockObject.etag;
  };
  /** Plans and approvals in the keys bucket, by `bucket/key`: created once, never replaced through the port. */
  const campaignObjects = new Map<string, { text: string; etag: string }>();
  let t = Date.parse("2026-11-25T10:00:00Z");
  /** What SendEmail was asked to send, in order; `onSend` sees each (a test delivers it to a mailbox). */
  const sentEmails: SentEmail[] = [];
  let onSend: ((email: SentEmail) => unknown) | undefined;
  /** The inbound bucket(s) an SES receipt rule stores mail in, by `bucket/key`. */
  const inboundObjects = new Map<string, { raw: Buffer; lastModified: string }>();

  async function operation<T>(name: string, action: () => T): Promise<T> {
    calls.push(name);
    await before.get(name)?.();
    const fault = faults.get(name);
    if (fault && fault.times > 0) {
      faults.set(name, { ...fault, times: fault.times - 1 });
      if (fault.apply) action();
      throw fault.error ?? denied(name);
    }
    return action();
  }
  const receipt = () => ({ requestId: `req-${calls.length}` });

  /** Actions the operator's role may not do, as IAM's simulator would judge them. */
  const deniedActions = new Set<string>();
  let alarmState: AlarmState = "OK";
  /** SES's reason for a failed verification (its VerificationInfo), as GetEmailIdentity returns it. */
  let verificationInfo: SesIdentityFacts["verificationInfo"];
  /** Every notice published to an SNS topic through the port, in order. */
  const published: { topicArn: string; subject: string; message: string }[] = [];
  const aws: AwsPorts = {
    sns: {
      publish: (topicArn, subject, message) =>
        operation("Publish", () => {
          published.push({ topicArn, subject, message });
          return { ...receipt(), messageId: `msg-${published.length}` };
        }),
    },
    sts: { getCallerIdentity: () => operation("GetCallerIdentity", () => ({ account: ACCOUNT, arn: OPERATOR })) },
    iam: {
      roleArn: (roleName) => operation("GetRole", () => `arn:aws:iam::${ACCOUNT}:role/${roleName}`),
      simulate: (_principal, requests) =>
        operation("SimulatePrincipalPolicy", () =>
          requests.map(({ action, resource }) => ({ action, resource, decision: deniedActions.has(action) ? "implicitDeny" : "allowed" })),
        ),
    },
    ses: {
      getEmailIdentity: (domain) => operation("GetEmailIdentity", () => (domain === DOMAIN ? sesIdentity({ dkim: { ...dkim }, verificationInfo }) : null)),
      putExternalSigning: (_domain, selector, material) =>
        operation("PutEmailIdentityDkimSigningAttributes", () => {
          signedWith.push(material.revealDerBase64().length);
          Object.assign(dkim, { origin: "EXTERNAL", tokens: [selector], status: "SUCCESS", signingHostedZone: undefined });
          return { ...receipt(), status: "SUCCESS" };
        }),
      putEasyDkimSigning: () =>
        operation("PutEmailIdentityDkimSigningAttributes", () => {
          Object.assign(dkim, { origin: "AWS_SES", tokens: ["new1", "new2", "new3"], status: "PENDING", signingHostedZone: "dkim.amazonses.com" });
          return { ...receipt(), status: "PENDING", tokens: dkim.tokens };
        }),
      putSigningEnabled: (_domain, enabled) =>
        operation("PutEmailIdentityDkimAttributes", () => {
          dkim.signingEnabled = enabled;
          return receipt();
        }),
      sendTestEmail: async (from, to, subject, body, headers = {}) => {
        const email: SentEmail = { from, to, subject, body, headers: { ...headers } };
        const sent = await operation("SendEmail", () => {
          sentEmails.push(email);
          return { ...receipt(), messageId: `m-${sentEmails.length}` };
        });
        await onSend?.(email);
        return sent;
      },
      listEmailIdentities: () => operation("ListEmailIdentities", () => [{ name: DOMAIN, type: "DOMAIN" }]),
    },
    keys: {
      listKeys: (_bucket, prefix) =>
        operation("ListObjectsV2", () => [
          ...selectors.map((selector) => `${prefix}${selector}.pem`),
          ...[...newObjects.keys()].filter((key) => key.startsWith(prefix)),
        ]),
      fetchPrivateKeyPem: (_bucket, objectKey) =>
        operation("GetObject", () => {
          const written = newObjects.get(objectKey);
          return written
            ? new PrivateKeyPem(written.pem)
            : selectors.some((selector) => objectKey.endsWith(`/${selector}.pem`))
              ? new PrivateKeyPem(key.pem)
              : null;
        }),
      describeKeyObject: (_bucket, objectKey) =>
        operation("HeadObject", () =>
          newObjects.has(objectKey) ? { etag: '"new"', serverSideEncryption: "AES256", kmsKeyId: undefined, lastModified: new Date(t).toISOString() } : null,
        ),
      putNewKey: (_bucket, objectKey, pem, options) =>
        operation("PutObject", () => {
          if (newObjects.has(objectKey)) return null;
          newObjects.set(objectKey, { pem: pem.revealPem(), tags: { ...options.tags } });
          return { ...receipt(), etag: '"new"' };
        }),
      getKeyTags: (_bucket, objectKey) => operation("GetObjectTagging", () => (newObjects.has(objectKey) ? { ...newObjects.get(objectKey)!.tags } : null)),
      putKeyTags: (_bucket, objectKey, tags) =>
        operation("PutObjectTagging", () => {
          const object = newObjects.get(objectKey);
          if (object) object.tags = { ...tags };
          return receipt();
        }),
      deleteKey: (_bucket, objectKey) =>
        operation("DeleteObject", () => {
          newObjects.delete(objectKey);
          return receipt();
        }),
    },
    locks: {
      readLock: () => operation("GetObject", () => (lockObject ? { ...lockObject } : null)),
      writeLock: (_bucket, _key, text, condition) =>
        operation("PutObject", () => {
          const holds = "ifAbsent" in condition ? lockObject === null : lockObject?.etag === condition.ifEtag;
          return holds ? { ...receipt(), etag: putLock(text) } : null;
        }),
      deleteLock: (_bucket, _key, etag) =>
        operation("DeleteObject", () => {
          if (lockObject?.etag !== etag) return false;
          lockObject = null;
          return true;
        }),
    },
    campaigns: {
      writeNew: (bucket, objectKey, text) =>
        operation("PutObject", () => {
          // If-None-Match: * as S3 answers it: the first writer's object stays, a later one gets 412 (null).
          if (campaignObjects.has(`${bucket}/${objectKey}`)) return null;
          const etag = `"etag-${++etags}"`;
          campaignObjects.set(`${bucket}/${objectKey}`, { text, etag });
          return { ...receipt(), etag };
        }),
      read: (bucket, objectKey) =>
        operation("GetObject", () => {
          const found = campaignObjects.get(`${bucket}/${objectKey}`);
          return found ? { ...found } : null;
        }),
      list: (bucket, prefix) =>
        operation("ListObjectsV2", () =>
          [...campaignObjects.keys()]
            .filter((path) => path.startsWith(`${bucket}/${prefix}`))
            .map((path) => path.slice(bucket.length + 1))
            // S3 lists keys in UTF-8 byte order.
            .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
        ),
    },
    inbound: {
      listMessages: (bucket, prefix) =>
        operation("ListObjectsV2", () =>
          [...inboundObjects]
            .filter(([path]) => path.startsWith(`${bucket}/${prefix}`))
            .map(([path, object]) => ({ key: path.slice(bucket.length + 1), lastModified: object.lastModified, size: object.raw.length })),
        ),
      readMessage: (bucket, objectKey) => operation("GetObject", () => inboundObjects.get(`${bucket}/${objectKey}`)?.raw ?? null),
    },
    alarms: {
      describeAlarms: () => operation("DescribeAlarms", () => [{ name: "bounce-rate", state: alarmState, stateUpdatedAt: undefined, stateReason: undefined }]),
    },
    metrics: {
      // The adapter's own batching and checks, so a datum CloudWatch would refuse is refused here too.
      putMetricData: (namespace, data) =>
        operation("PutMetricData", () => {
          const requests = metricBatches(data, PUT_METRIC_DATA_LIMITS, new Date(t)).length;
          metricPuts.push({ namespace, data: [...data] });
          return { requests };
        }),
    },
    state: {
      readStateSecret: (secretId) => operation("GetSecretValue", () => ({ secretId, versionId: `v${stateVersions.length}`, text: stateVersions.at(-1)! })),
      writeStateSecret: (_secretId, text) =>
        operation("PutSecretValue", () => {
          stateVersions.push(text);
          return { ...receipt(), versionId: `v${stateVersions.length}` };
        }),
    },
  };

  let txt = dkimRecordStrings(key.publicKeyBase64);
  /** Records published at one name only (a hand-off the DNS team acted on); every other name serves `txt`. */
  const txtAt = new Map<string, string[]>();
  /** What each server says at a name, where a test set it (a withdrawn record, one only some servers have). */
  const answersAt = new Map<string, NameserverAnswer[]>();
  const dns: DkimDns = {
    lookupTxtEverywhere: async (name) => ({
      name,
      source: { kind: "configured", setting: { kind: "flag" } },
      answers: answersAt.get(name) ?? [{ server: { label: "ns1", role: "configured" }, answer: { kind: "records", records: [txtAt.get(name) ?? txt] } }],
    }),
    lookupCnames: async (names) => names.map(() => undefined),
    // What a receiver's DKIM check reads: the same records the nameservers serve.
    txtResolver: () => async (name) => [txtAt.get(name) ?? txt],
  };

  const journal: JournalStore = {
    open: (command, domain, runId) => {
      const path = `/journal/${new Date(t).toISOString()}-${domain}-${command}-${runId}.jsonl`;
      const entries: JournalEntry[] = [];
      journals.set(path, entries);
      return { path, runId, append: (event, fields = {}) => void entries.push({ at: new Date(t).toISOString(), event, ...fields }) };
    },
    // As the real store: the file name pre-filters, the domain in the first entry decides.
    list: (domain) => ({
      paths: [...journals.keys()]
        .filter((path) => path.includes(`-${domain}-`) && recordedDomain(journals.get(path)!) === domain)
        .sort()
        .reverse(),
      warnings: [],
    }),
    read: (path) => ({ entries: journals.get(path) ?? [], warnings: [] }),
  };

  let runs = 0;
  const ctx: CommandContext = {
    config: CONFIG,
    region: "ap-northeast-1",
    aws,
    dns,
    events: { emit: (event) => void events.push(event) },
    clock: {
      now: () => new Date(t),
      sleep: async (ms) => {
        t += ms;
      },
    },
    prompt: {
      ask: async () => {
        before.get("prompt")?.();
        return answers.shift() ?? "";
      },
      close: () => {},
    },
    interrupt: { arm: () => {}, disarm: () => {}, requested: () => interruptRequested },
    // A real store on disk when a test needs what only files can hold (a torn line).
    journal: options.journal ?? journal,
    host: "test-host",
    pid: 4242,
    newRunId: () => `run${++runs}`,
  };

  return {
    ctx,
    key,
    dkim,
    calls,
    signedWith,
    events,
    everything: () =>
      JSON.stringify({
        events,
        journals: [...journals.values()],
        state: stateVersions,
        locks: lockTexts,
        published,
        campaigns: [...campaignObjects.values()].map((object) => object.text),
      }),
    published,
    /** Every message SendEmail was asked to send (verify --send-test, probes), in order. */
    sentEmails,
    /** Runs after each SendEmail that SES took: a test delivers the message (signed or not) to a mailbox. */
    onSend: (hook: ((email: SentEmail) => unknown) | undefined) => {
      onSend = hook;
    },
    /** Stores a message in an inbound bucket, as an SES receipt rule would. */
    putInbound: (bucket: string, objectKey: string, raw: Buffer | string) =>
      void inboundObjects.set(`${bucket}/${objectKey}`, { raw: Buffer.from(raw), lastModified: new Date(t).toISOString() }),
    /** The SES operations that change something, in order. */
    mutations: () => calls.filter((name) => name.startsWith("PutEmailIdentity")),
    state: () => JSON.parse(stateVersions.at(-1)!) as Record<string, unknown>,
    journalEvents: (path: string | null) => (path ? (journals.get(path) ?? []).map((entry) => entry.event) : []),
    fail: (operationName: string, fault: FakeFault = { times: 1 }) => faults.set(operationName, fault),
    /** The role loses an action, for the permissions gate's simulation. */
    deny: (action: string) => deniedActions.add(action),
    before: (operationName: string, hook: () => unknown) => before.set(operationName, hook),
    answer: (text: string) => answers.push(text),
    interrupt: () => {
      interruptRequested = true;
    },
    publish: (other: TestKey) => {
      txt = dkimRecordStrings(other.publicKeyBase64);
    },
    /** The TXT answers every server gives at `name` from now on, in place of the key's record; `null` serves the record again. */
    answerAt: (name: string, answers: NameserverAnswer[] | null) => void (answers ? answersAt.set(name, answers) : answersAt.delete(name)),
    /** The bounce-rate alarm's state, as CloudWatch reports it from the next DescribeAlarms. */
    setAlarm: (state: AlarmState) => {
      alarmState = state;
    },
    /** SES's VerificationInfo on the identity, as it gives one for a FAILED verification. */
    setVerificationInfo: (info: SesIdentityFacts["verificationInfo"]) => {
      verificationInfo = info;
    },
    setState: (state: Record<string, unknown>) => stateVersions.push(JSON.stringify(state)),
    /** The secret exactly as written, for what JSON.parse would hide (number digits, spacing). */
    stateText: () => stateVersions.at(-1)!,
    setStateText: (text: string) => stateVersions.push(text),
    /** Publishes a hand-off's record at its own name only, as the DNS team would; other names keep what `publish` serves. */
    publishAt: (record: { readonly name: string; readonly strings: readonly string[] }) => void txtAt.set(record.name, [...record.strings]),
    /** The object keys of the key objects written through the port (keygen), in the order written. */
    keyObjects: () => [...newObjects.keys()],
    /** The tags of a key object written through the port; undefined when there is none. */
    keyTags: (objectKey: string) => (newObjects.has(objectKey) ? { ...newObjects.get(objectKey)!.tags } : undefined),
    /** Another key object in S3 (the same key material under another selector). */
    uploadKey: (selector: string) => selectors.push(selector),
    /** Every putMetricData call that went through, in order (`fail("PutMetricData")` makes the next one fail). */
    metricPuts: () => metricPuts.map((put) => ({ namespace: put.namespace, data: [...put.data] })),
    /** The lock object's record, or null when there is none. */
    lock: () => (lockObject ? (JSON.parse(lockObject.text) as Record<string, unknown>) : null),
    /** Puts any text where the lock object lives, as another run (or a person) would. */
    setLock: (text: string) => void putLock(text),
    /** The plans and approvals written through the port, by object key (the keys bucket's). */
    campaignRecords: () =>
      new Map(
        [...campaignObjects]
          .filter(([path]) => path.startsWith(`${CONFIG.keys.bucket}/`))
          .map(([path, object]) => [path.slice(CONFIG.keys.bucket.length + 1), object.text]),
      ),
    /**
     * Puts any text at a campaign record's key in the keys bucket, over whatever is there, as a person
     * with plain s3:PutObject could (a tampered plan, a forged approval); it gets a new ETag, as S3 gives it.
     */
    setCampaignRecord: (objectKey: string, text: string) => void campaignObjects.set(`${CONFIG.keys.bucket}/${objectKey}`, { text, etag: `"etag-${++etags}"` }),
  };
}

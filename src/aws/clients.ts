import type { AwsCredentialIdentity } from "@smithy/types";
import type { AwsPorts, AwsSettings } from "./types.js";
import { createPacer, createSesPort, type SesPacer } from "./ses.js";
import { incidentRetryStrategy } from "./incidentRetry.js";
import { createKeyStorePort, createReportObjectsPort } from "./s3.js";
import { createLockStorePort } from "./lockObjects.js";
import { createInboundMailPort } from "./inboundMail.js";
import { createCampaignStorePort } from "./campaignObjects.js";
import { createJournalMirrorPort } from "./journalObjects.js";
import { createStsPort } from "./sts.js";
import { createAlarmsPort } from "./alarms.js";
import { createMetricsPort } from "./metrics.js";
import { createStateStorePort } from "./secrets.js";
import { createIamPort } from "./iam.js";
import { createSnsPort } from "./sns.js";
import { createThrottleFeed, observed } from "./throttleObserver.js";
import { AWS_TIMEOUTS } from "./timeouts.js";

/**
 * How SES calls are spaced. `steady` (enable, rotate, reads) waits its turn at SES's ~1 request/s;
 * `incident` (rollback) never waits before a change and lets SES say when it is too fast: a
 * throttled change is retried when SES's window reopens, then with backoff and jitter, with more
 * attempts (incidentRetry.ts). Its reads still wait their turn: against a strict 1/s limit a read
 * sent at once only buys a longer backoff.
 */
export type SesPacingMode = "steady" | "incident";

export interface AwsPortOptions extends AwsSettings {
  readonly pacing?: SesPacingMode;
  /** SES throttles most non-sending actions at about one request per second per account. */
  readonly sesMinIntervalMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Another region's ports share the first one's pacer: SES's rate is counted for the whole run. */
  readonly sesPacer?: SesPacer;
  /** A member account's: the assumed role's credentials instead of the profile's chain. */
  readonly credentials?: () => Promise<AwsCredentialIdentity>;
}

/** The SDK's client config, with only what byodkim decides; everything else is the SDK's standard chain. */
export function clientConfig(
  settings: AwsSettings & { readonly credentials?: () => Promise<AwsCredentialIdentity> },
  pacing: SesPacingMode = "steady",
): {
  region?: string;
  profile?: string;
  credentials?: () => Promise<AwsCredentialIdentity>;
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true };
} {
  return {
    ...(settings.region ? { region: settings.region } : {}),
    // A member account's clients sign with the assumed role alone, never the profile's.
    ...(settings.credentials ? { credentials: settings.credentials } : settings.profile ? { profile: settings.profile } : {}),
    // Standard retry mode with a few attempts: throttling, 5xx and timeouts are retried with backoff by the SDK.
    // The incident path's SES client meets SES's limit instead of waiting for it, so it has more
    // attempts. Not the adaptive mode: after a first throttle its client-side limiter starts at
    // 0.5 requests/s, a two-second sleep before the next try.
    maxAttempts: pacing === "incident" ? 6 : 4,
    // The read limit is every call's default; the mutating calls ask for theirs (MUTATING_CALL). Without
    // throwOnRequestTimeout the SDK only logs a warning when the limit passes, and goes on waiting.
    requestHandler: { connectionTimeout: AWS_TIMEOUTS.connectMs, requestTimeout: AWS_TIMEOUTS.readMs, throwOnRequestTimeout: true },
  };
}

/** Memoises an async answer for the run, but not a failure: the next caller asks again. */
export function retryingLazy<T>(create: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    if (value) return value;
    const attempt = create();
    value = attempt;
    attempt.catch(() => {
      if (value === attempt) value = undefined;
    });
    return attempt;
  };
}

/** Memoises an async factory: the SDK module is imported and the client built on first use only. */
export function lazy<T>(create: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= create());
}

export function createAwsPorts(options: AwsPortOptions): AwsPorts & { readonly sesPacer: SesPacer } {
  const pacing = options.pacing ?? "steady";
  const config = clientConfig(options, pacing);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const sesPacer = options.sesPacer ?? createPacer({ minIntervalMs: options.sesMinIntervalMs ?? 1000, unpacedChanges: pacing === "incident", sleep, now });
  const throttling = createThrottleFeed();
  const report = throttling.report;
  const s3 = lazy(async () => observed(new (await import("@aws-sdk/client-s3")).S3Client(config), "S3", report));
  // DMARC reports often land where SES receives mail, a region of its own: S3's redirect to the bucket's region is followed.
  const reportsS3 = lazy(async () => observed(new (await import("@aws-sdk/client-s3")).S3Client({ ...config, followRegionRedirects: true }), "S3", report));
  // A side channel: one retry, and its throttling is not the run's news (nor its journal's).
  const journalS3 = lazy(async () => new (await import("@aws-sdk/client-s3")).S3Client({ ...config, maxAttempts: 2, followRegionRedirects: true }));
  const ses = lazy(async () => {
    const { SESv2Client } = await import("@aws-sdk/client-sesv2");
    const retryStrategy =
      pacing === "incident" ? { retryStrategy: incidentRetryStrategy({ maxAttempts: config.maxAttempts, notBefore: sesPacer.notBefore, now }) } : {};
    return observed(new SESv2Client({ ...config, ...retryStrategy }), "SES", report);
  });
  const cloudWatch = lazy(async () => observed(new (await import("@aws-sdk/client-cloudwatch")).CloudWatchClient(config), "CloudWatch", report));
  const iamClient = lazy(async () => observed(new (await import("@aws-sdk/client-iam")).IAMClient(config), "IAM", report));
  const secrets = lazy(async () => observed(new (await import("@aws-sdk/client-secrets-manager")).SecretsManagerClient(config), "SecretsManager", report));
  // Notices only: the SDK's module loads on the first notice, so a config without notify.sns never loads it.
  const snsClients = new Map<string, Promise<import("@aws-sdk/client-sns").SNSClient>>();
  const snsClient = (region: string) => {
    let made = snsClients.get(region);
    if (!made) {
      made = import("@aws-sdk/client-sns").then(({ SNSClient }) =>
        observed(new SNSClient({ ...clientConfig({ ...options, region }), maxAttempts: 2 }), "SNS", report),
      );
      snsClients.set(region, made);
    }
    return made;
  };
  return {
    sns: createSnsPort(snsClient),
    sts: createStsPort(lazy(async () => observed(new (await import("@aws-sdk/client-sts")).STSClient(config), "STS", report))),
    ses: createSesPort(ses, sesPacer),
    keys: createKeyStorePort(s3),
    locks: createLockStorePort(s3),
    campaigns: createCampaignStorePort(s3),
    reports: createReportObjectsPort(reportsS3),
    inbound: createInboundMailPort(s3),
    journalMirror: createJournalMirrorPort(journalS3),
    alarms: createAlarmsPort(cloudWatch),
    metrics: createMetricsPort(cloudWatch, () => new Date(now())),
    state: createStateStorePort(secrets),
    iam: createIamPort(iamClient),
    throttling: { listen: throttling.listen },
    sesPacer,
    // A client that fails to build fails again, with its message, on its first real call.
    prepare: () => void Promise.allSettled([ses(), s3(), cloudWatch(), secrets(), iamClient()]),
  };
}

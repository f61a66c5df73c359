import type { AwsPorts, AwsSettings } from "./types.js";
import { createSesPort } from "./ses.js";
import { createKeyStorePort } from "./s3.js";
import { createLockStorePort } from "./lockObjects.js";
import { createStsPort } from "./sts.js";
import { createAlarmsPort } from "./alarms.js";
import { createStateStorePort } from "./secrets.js";
import { AWS_TIMEOUTS } from "./timeouts.js";

export interface AwsPortOptions extends AwsSettings {
  /** SES throttles most non-sending actions at about one request per second per account. */
  readonly sesMinIntervalMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** The SDK's client config, with only what byodkim decides; everything else is the SDK's standard chain. */
export function clientConfig(settings: AwsSettings): {
  region?: string;
  profile?: string;
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true };
} {
  return {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    // Standard retry mode with a few attempts: throttling, 5xx and timeouts are retried with backoff by the SDK.
    maxAttempts: 4,
    // The read limit is every call's default; the mutating calls ask for theirs (MUTATING_CALL). Without
    // throwOnRequestTimeout the SDK only logs a warning when the limit passes, and goes on waiting.
    requestHandler: { connectionTimeout: AWS_TIMEOUTS.connectMs, requestTimeout: AWS_TIMEOUTS.readMs, throwOnRequestTimeout: true },
  };
}

/** Memoises an async factory: the SDK module is imported and the client built on first use only. */
export function lazy<T>(create: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= create());
}

export function createAwsPorts(options: AwsPortOptions): AwsPorts {
  const config = clientConfig(options);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const s3 = lazy(async () => new (await import("@aws-sdk/client-s3")).S3Client(config));
  return {
    sts: createStsPort(lazy(async () => new (await import("@aws-sdk/client-sts")).STSClient(config))),
    ses: createSesPort(
      lazy(async () => new (await import("@aws-sdk/client-sesv2")).SESv2Client(config)),
      {
        minIntervalMs: options.sesMinIntervalMs ?? 1000,
        sleep,
        now: options.now ?? Date.now,
      },
    ),
    keys: createKeyStorePort(s3),
    locks: createLockStorePort(s3),
    alarms: createAlarmsPort(lazy(async () => new (await import("@aws-sdk/client-cloudwatch")).CloudWatchClient(config))),
    state: createStateStorePort(lazy(async () => new (await import("@aws-sdk/client-secrets-manager")).SecretsManagerClient(config))),
  };
}

import { ByodkimError } from "../errors.js";
import { type MessageKey, msgFromBag } from "../messages/msg.js";
import { AWS_TIMEOUTS } from "./timeouts.js";

export type AwsService = "STS" | "SES" | "S3" | "SecretsManager" | "CloudWatch" | "IAM" | "SNS" | "Route53" | "Organizations";

export interface AwsCallContext {
  readonly service: AwsService;
  /** The IAM action, e.g. `ses:GetEmailIdentity`: what an operator asks their admin for. */
  readonly action: string;
  readonly resource?: string;
  /** A call that changes something: it is given the longer time limit (MUTATING_CALL). */
  readonly mutating?: boolean;
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number; requestId?: string };
  hostname?: string;
  address?: string;
  port?: number;
}

const ACCESS_DENIED = new Set(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError"]);
const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"]);
const INVALID_CREDENTIALS = new Set([
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "InvalidSignatureException",
  "MissingAuthenticationToken",
]);
const THROTTLED = new Set(["Throttling", "ThrottlingException", "TooManyRequestsException", "SlowDown", "RequestLimitExceeded", "LimitExceededException"]);
const KMS = new Set(["DecryptionFailure", "KMSAccessDeniedException", "KMSDisabledException", "KMSInvalidStateException"]);
const NETWORK = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);

/** A throttled call, by the names AWS services give it (or HTTP 429): the SDK retries these with backoff. */
export function isThrottling(err: unknown): boolean {
  const e = (typeof err === "object" && err !== null ? err : {}) as SdkErrorShape;
  return THROTTLED.has(e.name ?? "") || e.$metadata?.httpStatusCode === 429;
}

/** An `aws.*` failure whose `.hint` is in the catalogue too. */
type AwsFailureKey = { [K in MessageKey]: K extends `aws.${string}` ? (`${K}.hint` extends MessageKey ? K : never) : never }[MessageKey];

/**
 * One operator sentence for an AWS failure. The SDK's own message is not the sentence: it is
 * written for developers and some services echo parts of the request in it. It travels as the
 * error's detail, shown with --verbose only, with anything key-sized taken out.
 */
export function translateAwsError(err: unknown, context: AwsCallContext): ByodkimError {
  if (err instanceof ByodkimError) return err;
  const e = (typeof err === "object" && err !== null ? err : {}) as SdkErrorShape;
  const name = e.name ?? "Error";
  const code = e.code ?? "";
  // The SDK throws a bare Error (name "Error") for client-side failures: that name tells the operator nothing.
  const named = name !== "" && name !== "Error" ? name : code || undefined;
  const detail = typeof e.message === "string" && e.message.trim() !== "" ? withoutKeyMaterial(e.message.trim()) : undefined;
  const status = e.$metadata?.httpStatusCode;
  const requestId = e.$metadata?.requestId ?? "-";
  const resource = context.resource ?? "*";
  const params = { service: context.service, action: context.action, resource, requestId };
  const fail = (key: AwsFailureKey, extra: Record<string, string | number> = {}) =>
    new ByodkimError("aws", msgFromBag(key, { ...params, ...extra }), msgFromBag(`${key}.hint`, { ...params, ...extra }), detail);

  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(e.message ?? "")) return fail("aws.noCredentials");
  if (/Region is missing/i.test(e.message ?? "")) return fail("aws.noRegion");
  if (EXPIRED.has(name) || /token .*expired|expired token|sso session .*expired/i.test(e.message ?? "")) return fail("aws.expiredCredentials");
  if (INVALID_CREDENTIALS.has(name)) return fail("aws.invalidCredentials");
  if (KMS.has(name)) return fail("aws.kms");
  if (ACCESS_DENIED.has(name) || (status === 403 && !EXPIRED.has(name))) return fail("aws.accessDenied");
  if (isThrottling(err)) return fail("aws.throttled");
  // The SDK names both limits TimeoutError; only the request limit means the endpoint was reached and went silent.
  if (name === "TimeoutError" && /requestTimeout/.test(e.message ?? "")) {
    return fail("aws.timedOut", { seconds: (context.mutating ? AWS_TIMEOUTS.mutateMs : AWS_TIMEOUTS.readMs) / 1000 });
  }
  if (NETWORK.has(code) || NETWORK.has(name) || name === "TimeoutError" || name === "RequestTimeout") {
    return fail("aws.unreachable", { endpoint: e.hostname ?? e.address ?? "-" });
  }
  if (e.$fault === "server" || (status !== undefined && status >= 500)) return fail("aws.serverError", { name: named ?? `HTTP ${status ?? "5xx"}` });
  return named ? fail("aws.unexpected", { name: named }) : fail("aws.unexpectedUnnamed");
}

/**
 * Key material never reaches the terminal, even with --verbose: a PEM block (armour and all, even
 * cut short), long base64 runs (a DER key, a signature), and base64 broken into lines, since a
 * PEM's 64-character lines are each too short to look like a key on their own.
 */
const withoutKeyMaterial = (message: string): string =>
  message
    .replace(/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g, "[redacted]")
    .replace(/[A-Za-z0-9+/=]{100,}|(?:[A-Za-z0-9+/=]{40,}\s+){2,}[A-Za-z0-9+/=]*/g, "[redacted]");

/** Runs one SDK call and turns its failure into an operator sentence. */
export async function callAws<T>(context: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw translateAwsError(err, context);
  }
}

/** Like callAws, but the service's "no such thing" answer becomes `null`: absence is a fact, not a failure. */
export async function callAwsOrNull<T>(context: AwsCallContext, isMissing: (err: unknown) => boolean, call: () => Promise<T>): Promise<T | null> {
  return callAws(context, async () => {
    try {
      return await call();
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  });
}

export const errorName = (err: unknown): string | undefined => (typeof err === "object" && err !== null ? (err as SdkErrorShape).name : undefined);

export const httpStatus = (err: unknown): number | undefined =>
  typeof err === "object" && err !== null ? (err as SdkErrorShape).$metadata?.httpStatusCode : undefined;

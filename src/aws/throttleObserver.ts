import type { FinalizeHandler, FinalizeHandlerArguments, FinalizeHandlerOutput, HandlerExecutionContext, MetadataBearer } from "@smithy/types";
import { errorName, httpStatus, isThrottling } from "./awsErrors.js";
import type { RetryCause, ThrottledRetry, ThrottleFeed } from "./types.js";

/** What the SDK's retry middleware writes on each attempt it sends. */
const ATTEMPT_HEADER = "amz-sdk-request";
const ATTEMPT = /attempt=(\d+);\s*max=(\d+)/;

export function createThrottleFeed(): ThrottleFeed & { report(retry: ThrottledRetry): void } {
  const listeners = new Set<(retry: ThrottledRetry) => void>();
  return {
    listen(listener) {
      // A listener of its own, so the same function can listen twice and stop once.
      const own = (retry: ThrottledRetry) => listener(retry);
      listeners.add(own);
      return () => void listeners.delete(own);
    },
    report(retry) {
      for (const listener of listeners) listener(retry);
    },
  };
}

/** The statuses both the SDK's standard retries and byodkim's incident retries send again (smithy's transient statuses). */
const RETRIED_SERVER_STATUS = new Set([500, 502, 503, 504]);
const NO_ANSWER = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException", "ECONNRESET", "ETIMEDOUT", "EPIPE"]);

/** Why the SDK will send a failed attempt again; undefined for an error it does not retry (access denied, a bad request). */
export function retriedCause(err: unknown): RetryCause | undefined {
  if (isThrottling(err)) return "throttling";
  const status = httpStatus(err);
  if (status !== undefined && RETRIED_SERVER_STATUS.has(status)) return "serverError";
  const code = typeof err === "object" && err !== null ? (err as { code?: string }).code : undefined;
  if (NO_ANSWER.has(errorName(err) ?? "") || NO_ANSWER.has(code ?? "")) return "noAnswer";
  return undefined;
}

/**
 * A finalize-step middleware placed inside the SDK's retry middleware, so it sees every attempt.
 * Every failed attempt the SDK will send again is said at once, before the SDK's backoff, with its
 * cause: the operator learns why the call pauses while it pauses, and sees every attempt's number.
 */
export function throttleObserver(service: string, report: (retry: ThrottledRetry) => void) {
  return <Output extends MetadataBearer>(next: FinalizeHandler<object, Output>, context: HandlerExecutionContext) =>
    async (args: FinalizeHandlerArguments<object>): Promise<FinalizeHandlerOutput<Output>> => {
      try {
        return await next(args);
      } catch (err) {
        const headers = (args.request as { headers?: Record<string, string> } | undefined)?.headers;
        const match = ATTEMPT.exec(headers?.[ATTEMPT_HEADER] ?? "");
        const attempt = match ? Number(match[1]) : 1;
        const maxAttempts = match ? Number(match[2]) : 1;
        const cause = retriedCause(err);
        if (cause && attempt < maxAttempts) {
          const operation = (context.commandName ?? "?").replace(/Command$/, "");
          report({ service, operation, attempt: attempt + 1, maxAttempts, error: errorName(err) ?? `HTTP ${httpStatus(err) ?? "?"}`, cause });
        }
        throw err;
      }
    };
}

interface ClientWithStack {
  readonly middlewareStack: { addRelativeTo(middleware: never, options: { relation: "after"; toMiddleware: string; name: string; override: boolean }): void };
}

/** Adds the observer to a freshly built client and hands the client back. */
export function observed<C extends ClientWithStack>(client: C, service: string, report: (retry: ThrottledRetry) => void): C {
  client.middlewareStack.addRelativeTo(throttleObserver(service, report) as never, {
    relation: "after",
    toMiddleware: "retryMiddleware",
    name: "byodkimThrottleObserver",
    override: true,
  });
  return client;
}

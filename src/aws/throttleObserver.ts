import type { FinalizeHandler, FinalizeHandlerArguments, FinalizeHandlerOutput, HandlerExecutionContext, MetadataBearer } from "@smithy/types";
import { errorName, isThrottling } from "./awsErrors.js";
import type { ThrottledRetry, ThrottleFeed } from "./types.js";

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

/**
 * A finalize-step middleware placed inside the SDK's retry middleware, so it sees every attempt.
 * A throttled attempt that is not the last is said at once, before the SDK's backoff: the operator
 * learns why the call pauses while it pauses.
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
        if (isThrottling(err) && attempt < maxAttempts) {
          const operation = (context.commandName ?? "?").replace(/Command$/, "");
          report({ service, operation, attempt: attempt + 1, maxAttempts, error: errorName(err) ?? "?" });
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

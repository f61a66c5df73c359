import { describe, expect, it } from "vitest";
import { retriedCause } from "../../src/aws/throttleObserver.js";

const sdkError = (name: string, httpStatusCode?: number, code?: string) => Object.assign(new Error(name), { name, code, $metadata: { httpStatusCode } });

describe("why the SDK sends a failed call again", () => {
  it.each([
    ["SES's TooManyRequestsException", sdkError("TooManyRequestsException", 429), "throttling"],
    ["S3's SlowDown (a 503 that is throttling)", sdkError("SlowDown", 503), "throttling"],
    ["a lost answer: SES's InternalFailure 500", sdkError("InternalFailure", 500), "serverError"],
    ["a 503 that is not throttling", sdkError("ServiceUnavailable", 503), "serverError"],
    ["a request that timed out", sdkError("TimeoutError"), "noAnswer"],
    ["a dropped connection", sdkError("Error", undefined, "ECONNRESET"), "noAnswer"],
    ["access denied (not retried)", sdkError("AccessDeniedException", 403), undefined],
    ["a 501 (not retried)", sdkError("NotImplemented", 501), undefined],
  ])("%s", (_what, err, cause) => {
    expect(retriedCause(err)).toBe(cause);
  });
});

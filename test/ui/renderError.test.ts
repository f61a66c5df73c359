import { describe, expect, it } from "vitest";
import { translateAwsError } from "../../src/aws/awsErrors.js";
import { createOutput } from "../../src/ui/output.js";
import { errorJson, renderError } from "../../src/ui/renderError.js";

const sink = { write: () => true };
const output = (verbose: boolean, json = false) =>
  createOutput({ stdout: sink, stderr: sink, env: { NO_COLOR: "1" }, json, lang: "en", colorFlag: false, verbose });
const unexpected = () =>
  translateAwsError(Object.assign(new Error("the SDK's own words"), { name: "OddFailure", $metadata: { requestId: "r-1" } }), {
    service: "SES",
    action: "ses:GetEmailIdentity",
  });

describe("an AWS failure that stops a command", () => {
  it("keeps the SDK's own message for --verbose", () => {
    expect(renderError(output(false), unexpected())).not.toContain("the SDK's own words");
    expect(renderError(output(true), unexpected())).toContain("AWS SDK said: the SDK's own words");
  });

  it("adds it to the --json error document only with --verbose", () => {
    expect(errorJson(output(false, true), "verify", unexpected())["error"]).not.toHaveProperty("detail");
    expect(errorJson(output(true, true), "verify", unexpected())["error"]).toMatchObject({ code: "aws.unexpected", detail: "the SDK's own words" });
  });

  it("never shows an empty error name", () => {
    const nameless = Object.assign(new Error("x"), { name: "" });
    expect(renderError(output(false), nameless)).toContain("unexpected error: Error");
  });
});

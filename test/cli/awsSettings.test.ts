import { describe, expect, it } from "vitest";
import { chooseRegion } from "../../src/cli/awsSettings.js";
import { ByodkimError } from "../../src/errors.js";

describe("choosing the AWS region", () => {
  it.each([
    ["--region first", "eu-west-1", "ap-northeast-1", { AWS_REGION: "us-east-1" }, "eu-west-1"],
    ["then the config", undefined, "ap-northeast-1", { AWS_REGION: "us-east-1" }, "ap-northeast-1"],
    ["then AWS_REGION", undefined, undefined, { AWS_REGION: "us-east-1", AWS_DEFAULT_REGION: "eu-west-1" }, "us-east-1"],
    ["then AWS_DEFAULT_REGION", undefined, undefined, { AWS_DEFAULT_REGION: "eu-west-1" }, "eu-west-1"],
    ["skipping an empty AWS_REGION", undefined, undefined, { AWS_REGION: "", AWS_DEFAULT_REGION: "eu-west-1" }, "eu-west-1"],
    ["a GovCloud region", "us-gov-west-1", undefined, {}, "us-gov-west-1"],
  ])("takes %s", (_what, flag, config, env, expected) => {
    expect(chooseRegion(flag, config, env)).toBe(expected);
  });

  it.each([
    ["--region", "not a region!", undefined, {}],
    ["--region", "Tokyo", "ap-northeast-1", {}],
    ["AWS_REGION", undefined, undefined, { AWS_REGION: "ap northeast 1" }],
    ["AWS_DEFAULT_REGION", undefined, undefined, { AWS_DEFAULT_REGION: "ap-northeast" }],
  ])("refuses a %s that is not a region name as a usage error naming it", (setting, flag, config, env) => {
    const error = (() => {
      try {
        chooseRegion(flag, config, env);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ByodkimError);
    expect((error as ByodkimError).exitCode).toBe(2);
    expect((error as ByodkimError).what).toMatchObject({ key: "cli.badRegion", params: { setting } });
  });

  it("says so when no place gives a region", () => {
    expect(() => chooseRegion(undefined, undefined, {})).toThrow(expect.objectContaining({ what: { key: "cli.noRegion" } }));
  });
});

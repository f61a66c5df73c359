import { describe, expect, it } from "vitest";
import { checkProfile, chooseRegion } from "../../src/cli/awsSettings.js";
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

describe("checking the AWS profile before any AWS call", () => {
  const home = { HOME: "/home/op" };
  const config = (text: string | undefined) => (path: string) => (path === "/home/op/.aws/config" ? text : undefined);
  const refusal = (run: () => void): ByodkimError => {
    try {
      run();
    } catch (err) {
      expect(err).toBeInstanceOf(ByodkimError);
      return err as ByodkimError;
    }
    throw new Error("expected the profile to be refused");
  };

  it("says a --profile that does not exist does not exist, and where it looked", () => {
    const error = refusal(() => checkProfile("nosuchprofile", home, config("[profile prod]\nregion = x\n")));
    expect(error.exitCode).toBe(2);
    expect(error.what).toEqual({
      key: "cli.noSuchProfile",
      params: { profile: "nosuchprofile", setting: "--profile", configFile: "/home/op/.aws/config", credentialsFile: "/home/op/.aws/credentials" },
    });
    expect(error.hint).toEqual({ key: "cli.noSuchProfile.hint", params: { known: "prod" } });
  });

  it("checks AWS_PROFILE the same way when --profile is not given, naming it", () => {
    const error = refusal(() => checkProfile(undefined, { ...home, AWS_PROFILE: "gone" }, config(undefined)));
    expect(error.what.params).toMatchObject({ profile: "gone", setting: "AWS_PROFILE" });
    expect(error.hint?.key).toBe("cli.noProfiles.hint");
  });

  it.each([
    ["a profile that exists", "prod", config("[profile prod]\nregion = x\n")],
    ["no profile named at all", undefined, config(undefined)],
    ["shared files that cannot be read", "prod", () => null],
  ])("lets %s through to the SDK", (_what, flag, readText) => {
    expect(() => checkProfile(flag, home, readText)).not.toThrow();
  });
});

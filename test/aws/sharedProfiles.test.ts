import { describe, expect, it } from "vitest";
import { lookupProfile, profilesInConfigFile, profilesInCredentialsFile, sharedFilePaths } from "../../src/aws/sharedProfiles.js";

describe("profiles in the AWS shared files, as the SDK reads them", () => {
  it.each([
    ["[default] and [profile name]", "[default]\nregion = ap-northeast-1\n[profile prod]\nregion = ap-northeast-1\n", ["default", "prod"]],
    ["a quoted name", '[profile "ops-admin"]\nsso_session = corp\n', ["ops-admin"]],
    ["not an sso-session or services section", "[sso-session corp]\nsso_region = us-east-1\n[services local]\nsts =\n  endpoint_url = x\n", []],
    ["not a bare [name] (the credentials file's form)", "[prod]\nregion = ap-northeast-1\n", []],
    ["not a section without values", "[profile empty]\n# nothing yet\n", []],
    ["comments and CRLF line ends", "; header\r\n[profile prod] # live\r\nregion = ap-northeast-1 ; tokyo\r\n", ["prod"]],
  ])("config file: %s", (_what, text, expected) => {
    expect(profilesInConfigFile(text)).toEqual(expected);
  });

  it.each([
    ["every [name]", "[default]\naws_access_key_id = A\n[prod]\naws_access_key_id = B\n", ["default", "prod"]],
    ["not [profile name] (the config file's form)", "[profile prod]\naws_access_key_id = B\n", []],
  ])("credentials file: %s", (_what, text, expected) => {
    expect(profilesInCredentialsFile(text)).toEqual(expected);
  });

  it.each([
    ["the defaults under HOME", { HOME: "/home/op" }, { config: "/home/op/.aws/config", credentials: "/home/op/.aws/credentials" }],
    [
      "AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE",
      { HOME: "/home/op", AWS_CONFIG_FILE: "/etc/aws/config", AWS_SHARED_CREDENTIALS_FILE: "~/creds" },
      { config: "/etc/aws/config", credentials: "/home/op/creds" },
    ],
  ])("looks in %s", (_what, env, expected) => {
    expect(sharedFilePaths(env, "/fallback")).toEqual(expected);
  });

  const paths = { config: "/c", credentials: "/k" };
  const files = (config: string | undefined | null, credentials: string | undefined | null) => (path: string) => (path === "/c" ? config : credentials);

  it.each([
    ["found in the config file", files("[profile prod]\nregion = x\n", undefined), { kind: "found" }],
    ["found in the credentials file", files(undefined, "[prod]\naws_access_key_id = A\n"), { kind: "found" }],
    [
      "missing, with the profiles there",
      files("[profile other]\nregion = x\n", "[default]\naws_access_key_id = A\n"),
      { kind: "missing", ...paths, known: ["default", "other"] },
    ],
    ["missing, neither file present", files(undefined, undefined), { kind: "missing", ...paths, known: [] }],
    ["unknown when a file cannot be read", files(null, undefined), { kind: "unknown" }],
  ])("profile prod: %s", (_what, readText, expected) => {
    expect(lookupProfile("prod", paths, readText)).toEqual(expected);
  });
});

import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { lookupProfile, type ReadText, sharedFilePaths } from "../aws/sharedProfiles.js";
import { isRegionName } from "../config/names.js";
import { byodkimError } from "../errors.js";

/**
 * The region, from the first place that gives one: --region, the config (validated with it), then
 * the SDK's environment variables. A name the SDK would refuse is a usage error here, before any
 * AWS call, naming the place to fix; otherwise it surfaces as an unnamed SDK error from STS.
 */
export function chooseRegion(flag: string | undefined, configRegion: string | undefined, env: NodeJS.ProcessEnv): string {
  const candidates: [setting: string, value: string | undefined][] = [
    ["--region", flag],
    ["region", configRegion],
    ["AWS_REGION", env["AWS_REGION"]],
    ["AWS_DEFAULT_REGION", env["AWS_DEFAULT_REGION"]],
  ];
  const chosen = candidates.find(([, value]) => value !== undefined && value.trim() !== "");
  if (!chosen) throw byodkimError("usage", "cli.noRegion", undefined, "cli.noRegion.hint");
  const [setting, value] = chosen as [string, string];
  if (!isRegionName(value)) throw byodkimError("usage", "cli.badRegion", { setting, value }, "cli.badRegion.hint");
  return value;
}

/**
 * A named profile (--profile, else AWS_PROFILE, which the SDK honours too) must exist in the shared
 * files. Otherwise the SDK reports only "Could not load credentials from any providers", and the
 * operator is told to pass --profile, which they did.
 */
export function checkProfile(flag: string | undefined, env: NodeJS.ProcessEnv, readText: ReadText = readIfPresent): void {
  const [setting, name] = flag !== undefined ? ["--profile", flag] : ["AWS_PROFILE", env["AWS_PROFILE"]];
  if (name === undefined || name === "") return;
  const found = lookupProfile(name, sharedFilePaths(env, homedir()), readText);
  if (found.kind !== "missing") return;
  const params = { profile: name, setting, configFile: found.config, credentialsFile: found.credentials };
  throw found.known.length > 0
    ? byodkimError("usage", "cli.noSuchProfile", params, "cli.noSuchProfile.hint", { known: found.known.join(", ") })
    : byodkimError("usage", "cli.noSuchProfile", params, "cli.noProfiles.hint", { profile: name });
}

function readIfPresent(path: string): string | undefined | null {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT" ? undefined : null;
  }
}

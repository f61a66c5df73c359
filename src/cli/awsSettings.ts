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

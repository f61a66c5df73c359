import type { ConfigReader } from "./configReader.js";

/**
 * `waves:`, how a campaign's apply moves a fleet (SSM Automation's max concurrency and max errors,
 * counted in identities): a canary wave of `canary` identities first, then waves of `size`
 * identities, stopping once more than `maxErrors` targets have failed.
 */
export interface WavesConfig {
  readonly canary: number;
  readonly size: number;
  readonly maxErrors: number;
}

export const WAVES_DEFAULTS: WavesConfig = { canary: 1, size: 10, maxErrors: 0 };

/** Beyond these a "wave" is no longer a step anyone watches; SES lists at most 10,000 identities per region anyway. */
export const WAVES_LIMITS = { maxCanary: 1000, maxSize: 100, maxErrors: 1000 } as const;

export const WAVES_KEYS = ["canary", "size", "maxErrors"] as const;

/** The config's `waves:`; undefined when it is absent (a campaign then uses WAVES_DEFAULTS), the defaults for what it leaves out. */
export function readWaves(read: ConfigReader): WavesConfig | undefined {
  const value = read.value("waves");
  if (value === undefined) return undefined;
  if (value !== null && (typeof value !== "object" || Array.isArray(value))) {
    read.problem("waves", "a mapping with canary, size and maxErrors, e.g. { canary: 1, size: 10, maxErrors: 0 }");
    return undefined;
  }
  read.onlyKeys("waves", WAVES_KEYS);
  const whole = (name: keyof WavesConfig, min: number, max: number, what: string): number => {
    const given = read.value(`waves.${name}`);
    if (given === undefined || given === null) return WAVES_DEFAULTS[name];
    if (typeof given !== "number" || !Number.isInteger(given) || given < min || given > max) {
      read.problem(`waves.${name}`, `a whole number of ${what} from ${min} to ${max}`);
      return WAVES_DEFAULTS[name];
    }
    return given;
  };
  return {
    canary: whole("canary", 0, WAVES_LIMITS.maxCanary, "identities"),
    size: whole("size", 1, WAVES_LIMITS.maxSize, "identities"),
    maxErrors: whole("maxErrors", 0, WAVES_LIMITS.maxErrors, "failed targets"),
  };
}

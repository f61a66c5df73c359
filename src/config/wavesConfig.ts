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
  const expected = "a mapping with canary, size and maxErrors, e.g. { canary: 1, size: 10, maxErrors: 0 }";
  // `waves:` written empty (null) takes every default.
  if (value !== null && !read.mapping("waves", expected, WAVES_KEYS)) return undefined;
  const whole = (name: keyof WavesConfig, min: number, max: number, what: string): number =>
    read.wholeNumber(`waves.${name}`, min, max, WAVES_DEFAULTS[name], `a whole number of ${what} from ${min} to ${max}`);
  return {
    canary: whole("canary", 0, WAVES_LIMITS.maxCanary, "identities"),
    size: whole("size", 1, WAVES_LIMITS.maxSize, "identities"),
    maxErrors: whole("maxErrors", 0, WAVES_LIMITS.maxErrors, "failed targets"),
  };
}

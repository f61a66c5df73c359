import type { ConfigReader } from "./configReader.js";

/**
 * `bake:`, how long `apply` watches a wave once it has reached SUCCESS before it starts the next
 * (AWS AppConfig's bake time): the alarms it watches, and the minutes (decimal allowed, so a
 * rehearsal can bake for seconds). An alarm in ALARM, or a target leaving SUCCESS, rolls the wave back.
 */
export interface BakeConfig {
  readonly minutes: number;
  /** The CloudWatch alarms to watch; undefined: the config's `alarms:`, each against its `after` state. */
  readonly alarms: readonly string[] | undefined;
}

export const BAKE_DEFAULTS: BakeConfig = { minutes: 30, alarms: undefined };

/** A day: a bake longer than that is a second change window, not a bake. */
export const BAKE_MAX_MINUTES = 1440;

export const BAKE_KEYS = ["minutes", "alarms"] as const;

/** The config's `bake:`; undefined when absent (apply then bakes BAKE_DEFAULTS). */
export function readBake(read: ConfigReader): BakeConfig | undefined {
  const value = read.value("bake");
  if (value === undefined) return undefined;
  if (value !== null && !read.mapping("bake", "a mapping with minutes and alarms, e.g. { minutes: 30, alarms: [ses-bounce-rate] }", BAKE_KEYS))
    return undefined;
  const minutesValue = read.value("bake.minutes");
  let minutes = BAKE_DEFAULTS.minutes;
  if (minutesValue !== undefined && minutesValue !== null) {
    if (typeof minutesValue !== "number" || !Number.isFinite(minutesValue) || minutesValue < 0 || minutesValue > BAKE_MAX_MINUTES) {
      read.problem("bake.minutes", `a number of minutes from 0 to ${BAKE_MAX_MINUTES} (decimals allowed, e.g. 0.5)`);
    } else minutes = minutesValue;
  }
  const alarmsValue = read.value("bake.alarms");
  let alarms: string[] | undefined;
  if (alarmsValue !== undefined && alarmsValue !== null) {
    if (!Array.isArray(alarmsValue) || alarmsValue.some((name) => typeof name !== "string" || name.trim() === "")) {
      read.problem("bake.alarms", "a list of CloudWatch alarm names");
    } else alarms = [...new Set(alarmsValue as string[])];
  }
  return { minutes, alarms };
}

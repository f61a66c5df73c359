import type { ConfigReader } from "./configReader.js";

/**
 * `approvals:`, a second person's word before a planned change runs. `required: 0`, the default,
 * asks for none, which is byodkim's behaviour before plans existed.
 */
export interface ApprovalsConfig {
  /** How many distinct people (not the planner, unless allowSelf) must approve a plan: 0 to 5. */
  readonly required: number;
  /** Whether the planner's own approval counts (a team of one, a rehearsal). */
  readonly allowSelf: boolean;
}

/** `plans:`, how long a plan may wait for its approvals and its apply before it is stale. */
export interface PlansConfig {
  /** Hours from planning to expiry: 1 to 720 (30 days). */
  readonly ttlHours: number;
}

export const APPROVALS_DEFAULTS: ApprovalsConfig = { required: 0, allowSelf: false };
export const PLANS_DEFAULTS: PlansConfig = { ttlHours: 72 };
export const MAX_APPROVALS_REQUIRED = 5;
export const MAX_PLAN_TTL_HOURS = 720;

export function readApprovals(read: ConfigReader): ApprovalsConfig {
  if (!read.mapping("approvals", "a mapping with required (0 to 5) and allowSelf (true or false)", ["required", "allowSelf"])) return APPROVALS_DEFAULTS;
  const required = read.wholeNumber(
    "approvals.required",
    0,
    MAX_APPROVALS_REQUIRED,
    APPROVALS_DEFAULTS.required,
    `a whole number from 0 (no approval, the default) to ${MAX_APPROVALS_REQUIRED}: how many people other than the planner approve a plan`,
  );
  const allowSelfValue = read.value("approvals.allowSelf");
  let allowSelf = APPROVALS_DEFAULTS.allowSelf;
  if (typeof allowSelfValue === "boolean") allowSelf = allowSelfValue;
  else if (allowSelfValue !== undefined && allowSelfValue !== null) {
    read.problem("approvals.allowSelf", "true or false (unquoted): whether the planner's own approval counts (default false)");
  }
  return { required, allowSelf };
}

export function readPlans(read: ConfigReader): PlansConfig {
  if (!read.mapping("plans", `a mapping with ttlHours (1 to ${MAX_PLAN_TTL_HOURS})`, ["ttlHours"])) return PLANS_DEFAULTS;
  const ttlHours = read.wholeNumber(
    "plans.ttlHours",
    1,
    MAX_PLAN_TTL_HOURS,
    PLANS_DEFAULTS.ttlHours,
    `a whole number from 1 to ${MAX_PLAN_TTL_HOURS} (default ${PLANS_DEFAULTS.ttlHours}): the hours a plan stays good for approval and apply`,
  );
  return { ttlHours };
}

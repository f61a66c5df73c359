import { json, jsonObjectBody, type WireRequest, type WireResponse } from "./api/wire.js";
import { settleChanges } from "./route53Zones.js";
import type { SandboxWorld } from "./world.js";

const DAY_MS = 86_400_000;
export const MAX_ADVANCE_DAYS = 400;

/** The sandbox's time: the real one, moved on by the days the clock was advanced. */
export const sandboxNow = (world: Pick<SandboxWorld, "clock">, realNow: number = Date.now()): Date => new Date(realNow + world.clock.offsetDays * DAY_MS);

export const describeClock = (world: SandboxWorld) => ({ now: sandboxNow(world).toISOString(), offsetDays: world.clock.offsetDays });

/** Moves the sandbox's calendar on; whatever was propagating meanwhile (a Route 53 change) has arrived. */
export function advanceClock(world: SandboxWorld, days: number): void {
  world.clock.offsetDays += days;
  settleChanges(world);
}

/**
 * `/_sandbox/clock`: GET answers `{now, offsetDays}`; POST `{"advanceDays": N}` (1 to 400) moves
 * the calendar on and answers the same. byodkim reads it at start when BYODKIM_SANDBOX_CLOCK names it.
 */
export function clockEndpoint(world: SandboxWorld, request: WireRequest): WireResponse {
  if (request.method === "GET") return json("SandboxClock", 200, describeClock(world));
  if (request.method !== "POST") return json("SandboxClock", 405, { message: "use GET or POST" });
  const days = jsonObjectBody(request.body)?.["advanceDays"];
  if (typeof days !== "number" || !Number.isInteger(days) || days < 1 || days > MAX_ADVANCE_DAYS)
    return json("SandboxClock", 400, { message: `send {"advanceDays": N}, N from 1 to ${MAX_ADVANCE_DAYS}` });
  advanceClock(world, days);
  return json("SandboxClock", 200, describeClock(world));
}

import { SANDBOX_DEFAULTS } from "./defaults.js";
import { json, jsonObjectBody, type WireRequest, type WireResponse } from "./api/wire.js";
import { forgetDmarcReports } from "./dmarcReports.js";
import { sandboxNow } from "./clock.js";
import type { SandboxWorld } from "./world.js";

const DAY_MS = 86_400_000;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The state secret as it will read `days` from now: every time byodkim recorded moves that far back,
 * as a new secret version (as another writer's would be). The calendar for the grace period in a
 * rehearsal, without a clock inside byodkim that could be set.
 */
export function ageStateSecret(world: SandboxWorld, days: number, secretId: string = SANDBOX_DEFAULTS.secretId): void {
  const shift = (value: unknown): unknown => {
    if (typeof value === "string" && ISO_UTC.test(value)) return new Date(Date.parse(value) - days * DAY_MS).toISOString();
    if (Array.isArray(value)) return value.map(shift);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shift(inner)]));
    return value;
  };
  const secret = world.secrets.get(secretId);
  const current = secret?.versions.at(-1);
  if (!secret || !current) throw new Error(`the sandbox holds no secret ${secretId} to age`);
  secret.versions.push({ id: `aged-${secret.versions.length}`, value: JSON.stringify(shift(JSON.parse(current.value))), created: sandboxNow(world) });
}

/**
 * `/_sandbox/age` (POST `{"days": N}`): every state secret of the home region reads as it will `days`
 * from now, so a rehearsal reaches the end of a grace period (and the DMARC reports written
 * afterwards follow the moved key history; those written before are taken back). Answers the secrets it aged.
 */
export function ageEndpoint(world: SandboxWorld, request: WireRequest): WireResponse {
  if (request.method !== "POST") return json("SandboxAge", 405, { message: "use POST" });
  const days = jsonObjectBody(request.body)?.["days"];
  if (typeof days !== "number" || !Number.isInteger(days) || days < 1 || days > 400)
    return json("SandboxAge", 400, { message: 'send {"days": N}, N from 1 to 400' });
  const aged = [...world.secrets.values()].filter((secret) => isStateRecord(secret.versions.at(-1)?.value)).map((secret) => secret.name);
  for (const name of aged) ageStateSecret(world, days, name);
  return json("SandboxAge", 200, { days, secrets: aged, dmarcReportsRemoved: forgetDmarcReports(world) });
}

/** byodkim's state record (a JSON object with a phase), not another secret the sandbox keeps (the IMAP password). */
function isStateRecord(text: string | undefined): boolean {
  try {
    const value: unknown = JSON.parse(text ?? "");
    return value !== null && typeof value === "object" && "current_phase" in value;
  } catch {
    return false;
  }
}

import { SANDBOX_DEFAULTS } from "./defaults.js";
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
  secret.versions.push({ id: `aged-${secret.versions.length}`, value: JSON.stringify(shift(JSON.parse(current.value))), created: new Date() });
}

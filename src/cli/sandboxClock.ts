import { ByodkimError, byodkimError } from "../errors.js";
import { byodkimInvocation, thisProcessStart } from "./invocation.js";

const DAY_MS = 86_400_000;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * How far ahead of real time the rehearsal's sandbox lives, read once at start from the URL in
 * BYODKIM_SANDBOX_CLOCK. Only a sandbox on this machine may set byodkim's time: a production run
 * must never take its time from elsewhere, so any other host is refused before anything is asked.
 */
export async function sandboxClockOffsetMs(url: string, env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol !== "http:" || !LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw byodkimError("config", "sandbox.clock.notLoopback", { url: JSON.stringify(url) }, "sandbox.clock.notLoopback.hint");
  }
  const unreachable = (reason: string) => {
    const invocation = byodkimInvocation(thisProcessStart(env));
    return byodkimError("config", "sandbox.clock.unreachable", { url, reason }, "sandbox.clock.unreachable.hint", {
      start: `${invocation} sandbox`,
      env: `eval "$(${invocation} sandbox --env)"`,
    });
  };
  let answer: unknown;
  try {
    const response = await fetch(parsed, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw unreachable(`HTTP ${response.status}`);
    answer = await response.json();
  } catch (err) {
    if (err instanceof ByodkimError) throw err;
    throw unreachable(err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err));
  }
  const offsetDays = (answer as { offsetDays?: unknown } | null)?.offsetDays;
  if (typeof offsetDays !== "number" || !Number.isInteger(offsetDays) || offsetDays < 0) throw unreachable("no whole number of days in its answer");
  return offsetDays * DAY_MS;
}

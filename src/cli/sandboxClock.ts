import { ByodkimError, byodkimError } from "../errors.js";
import { byodkimInvocation, thisProcessStart } from "./invocation.js";

const DAY_MS = 86_400_000;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "[::1]", "localhost"]);
/** A hundred years: past it, an answer is not a sandbox's calendar (and a Date could not hold it). */
const MAX_OFFSET_DAYS = 36_500;

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
  // Its time only for a run against that same sandbox: a shell that went back to AWS but kept the variable must not live on the sandbox's date.
  const endpoint = env["AWS_ENDPOINT_URL"];
  if (endpoint === undefined || !URL.canParse(endpoint) || new URL(endpoint).origin !== parsed.origin) {
    throw byodkimError(
      "config",
      "sandbox.clock.notThisSandbox",
      { url, endpoint: endpoint === undefined ? "-" : JSON.stringify(endpoint) },
      "sandbox.clock.notThisSandbox.hint",
    );
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
    // A redirect would take the question to another host: the sandbox itself answers, or nobody does.
    const response = await fetch(parsed, { redirect: "error", signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw unreachable(`HTTP ${response.status}`);
    answer = await response.json();
  } catch (err) {
    if (err instanceof ByodkimError) throw err;
    throw unreachable(err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err));
  }
  const offsetDays = (answer as { offsetDays?: unknown } | null)?.offsetDays;
  if (typeof offsetDays !== "number" || !Number.isInteger(offsetDays) || offsetDays < 0 || offsetDays > MAX_OFFSET_DAYS) {
    throw unreachable(`no whole number of days from 0 to ${MAX_OFFSET_DAYS} in its answer`);
  }
  return offsetDays * DAY_MS;
}

import { resolve } from "node:path";
import { byodkimError } from "../errors.js";
import type { WrittenDmarcReport } from "../sandbox/dmarcReports.js";
import { readCurrentSandboxEndpoint } from "../sandbox/shellEnv.js";

/** What the running sandbox wrote: one entry per report file (its path or s3:// URI). */
export interface SandboxDmarcReports {
  readonly out: string;
  readonly reports: readonly WrittenDmarcReport[];
}

/** The mail drills in force in the running sandbox, as `region/identity`. */
export interface SandboxMailDrills {
  readonly heldPending: readonly string[];
  readonly wrongKey: readonly string[];
}

async function runningEndpoint(env: NodeJS.ProcessEnv, startCommand: string): Promise<string> {
  const { path, endpoint } = await readCurrentSandboxEndpoint(env);
  if (endpoint === null) throw byodkimError("usage", "sandbox.notRunning", { path }, "sandbox.notRunning.hint", { command: startCommand });
  return endpoint;
}

async function postAdmin(endpoint: string, path: string, body: object): Promise<{ status: number; value: Record<string, unknown> }> {
  const response = await fetch(`${endpoint}/_sandbox/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  // A sandbox started by an older byodkim has no such path: its answer is not ours to parse.
  if (response.status === 404 && path !== "mail")
    throw byodkimError("usage", "sandbox.mail.notServed", { status: response.status }, "sandbox.alarm.notServed.hint");
  const value = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status === 404 && !Array.isArray(value["known"]))
    throw byodkimError("usage", "sandbox.mail.notServed", { status: response.status }, "sandbox.alarm.notServed.hint");
  return { status: response.status, value };
}

function daysOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1 || Number(text) > 90)
    throw byodkimError("usage", "sandbox.badNumber", { flag: "--days", value: text, min: 1, max: 90 });
  return Number(text);
}

/**
 * `byodkim sandbox dmarc-reports [--out <dir | s3://bucket/prefix>] [--days N] [--domain d]`: the
 * running sandbox writes receivers' aggregate reports (into its config's `dmarc.reports` folder by default).
 */
export async function writeRunningSandboxDmarcReports(
  env: NodeJS.ProcessEnv,
  request: { readonly out?: string; readonly days?: string; readonly domain?: string },
  startCommand: string,
  cwd: string = process.cwd(),
): Promise<SandboxDmarcReports> {
  const days = daysOf(request.days);
  const endpoint = await runningEndpoint(env, startCommand);
  // The sandbox runs in another folder: a relative --out means this shell's.
  const out = request.out === undefined || request.out.startsWith("s3://") ? request.out : resolve(cwd, request.out);
  const { status, value } = await postAdmin(endpoint, "dmarc-reports", {
    ...(out === undefined ? {} : { out }),
    ...(days === undefined ? {} : { days }),
    ...(request.domain === undefined ? {} : { domain: request.domain }),
  });
  if (status !== 200) throw byodkimError("usage", "sandbox.dmarcReports.refused", { reason: String(value["message"] ?? status) });
  return value as unknown as SandboxDmarcReports;
}

/** `byodkim sandbox hold-pending <identity> [--release]` and `sandbox wrong-key <identity> [--off]`: shapes what SES does with the identity's mail. */
export async function setRunningSandboxMailDrill(
  env: NodeJS.ProcessEnv,
  drill: { readonly identity: string; readonly region?: string; readonly holdPending?: boolean; readonly wrongKey?: boolean },
  startCommand: string,
): Promise<SandboxMailDrills> {
  const endpoint = await runningEndpoint(env, startCommand);
  const { status, value } = await postAdmin(endpoint, "mail", drill);
  if (status === 404) {
    const known = (value["known"] as string[]).join(", ") || "-";
    throw byodkimError("usage", "sandbox.mail.unknownIdentity", { identity: drill.identity, region: String(value["region"] ?? drill.region ?? "-"), known });
  }
  if (status !== 200) throw byodkimError("usage", "sandbox.mail.refused", { reason: String(value["message"] ?? status) });
  return { heldPending: value["heldPending"] as string[], wrongKey: value["wrongKey"] as string[] };
}

/** `byodkim sandbox age <days>`: the running sandbox's state secrets read as they will `days` from now (a grace period's end, in a rehearsal). */
export async function ageRunningSandbox(
  env: NodeJS.ProcessEnv,
  daysText: string,
  startCommand: string,
): Promise<{ days: number; secrets: string[]; dmarcReportsRemoved: number }> {
  const { status, value } = await postAdmin(await runningEndpoint(env, startCommand), "age", { days: sandboxDays(daysText) });
  if (status !== 200) throw byodkimError("usage", "sandbox.age.refused", { reason: String(value["message"] ?? status) });
  return { days: Number(value["days"]), secrets: value["secrets"] as string[], dmarcReportsRemoved: Number(value["dmarcReportsRemoved"] ?? 0) };
}

/** `<days>` of `sandbox age` and `sandbox advance`: a whole number from 1 to 400, as the sandbox takes it. */
function sandboxDays(daysText: string): number {
  if (!/^\s*\d+\s*$/.test(daysText) || Number(daysText) < 1 || Number(daysText) > 400)
    throw byodkimError("usage", "sandbox.badNumber", { flag: "<days>", value: daysText, min: 1, max: 400 });
  return Number(daysText);
}

/** `byodkim sandbox advance <days>`: the running sandbox's clock moves on; the byodkim commands started in its shells afterwards live on that date. */
export async function advanceRunningSandbox(env: NodeJS.ProcessEnv, daysText: string, startCommand: string): Promise<{ now: string; offsetDays: number }> {
  const { status, value } = await postAdmin(await runningEndpoint(env, startCommand), "clock", { advanceDays: sandboxDays(daysText) });
  if (status !== 200) throw byodkimError("usage", "sandbox.advance.refused", { reason: String(value["message"] ?? status) });
  return { now: String(value["now"]), offsetDays: Number(value["offsetDays"]) };
}

import { byodkimError } from "../errors.js";
import { json, type WireRequest, type WireResponse } from "./api/wire.js";
import type { Fault, FaultEffect } from "./world.js";

const OPERATION = /^[A-Za-z0-9]+$/;
const FAULT_SPEC = /^(throttle|access-denied|server-error|lost-response|latency:(\d+))(?:,times=([1-9]\d*))?$/;

/** `kind` or `kind,times=N` (what follows `Operation=` in `--fault`), or undefined when it is neither. */
export function parseFaultSpec(spec: string): Fault | undefined {
  const match = FAULT_SPEC.exec(spec);
  if (!match) return undefined;
  const [, kind, ms, times] = match as unknown as [string, string, string | undefined, string | undefined];
  const effect: FaultEffect = ms !== undefined ? { kind: "latency", ms: Number(ms) } : { kind: kind as Exclude<FaultEffect["kind"], "latency" | "hold"> };
  return times === undefined ? effect : { ...effect, remaining: Number(times) };
}

/** `Operation=kind[,times=N]`, as given to `--fault`; kind is throttle, access-denied, server-error, lost-response or latency:MS. */
export function parseFault(text: string): [string, Fault] {
  const trimmed = text.trim();
  const equals = trimmed.indexOf("=");
  const operation = trimmed.slice(0, equals);
  const fault = equals > 0 && OPERATION.test(operation) ? parseFaultSpec(trimmed.slice(equals + 1)) : undefined;
  if (!fault) throw byodkimError("usage", "sandbox.badFault", { value: text }, "sandbox.badFault.hint");
  return [operation, fault];
}

/**
 * The fault for one request of `operation`, counted down as it fires: a counted fault is removed
 * once it has fired its N times, so the request after that goes through.
 */
export function takeFault(faults: Map<string, Fault>, operation: string): Fault | undefined {
  const fault = faults.get(operation);
  if (fault?.remaining === undefined) return fault;
  if (fault.remaining <= 1) faults.delete(operation);
  else faults.set(operation, { ...fault, remaining: fault.remaining - 1 });
  return fault;
}

/** The faults in force, as `GET /_sandbox/faults` lists them. */
export function describeFaults(faults: ReadonlyMap<string, Fault>) {
  return [...faults.entries()].map(([operation, fault]) => ({
    operation,
    kind: fault.kind,
    ...(fault.kind === "latency" ? { ms: fault.ms } : {}),
    remaining: fault.remaining ?? null,
  }));
}

const BAD_BODY = 'send {"operation": "GetEmailIdentity", "fault": "kind[,times=N]"}; kinds: throttle, access-denied, server-error, lost-response, latency:MS';

/**
 * `/_sandbox/faults`, so a test in another process can break an operation at a precise moment:
 * GET lists the faults, POST `{operation, fault}` adds or replaces one, DELETE clears all (or `?operation=X`).
 */
export function faultsEndpoint(faults: Map<string, Fault>, request: WireRequest): WireResponse {
  const answer = () => json("SandboxFaults", 200, describeFaults(faults));
  switch (request.method) {
    case "GET":
      return answer();
    case "POST": {
      const entry = faultFromBody(request.body);
      if (!entry) return json("SandboxFaults", 400, { message: BAD_BODY });
      faults.set(...entry);
      return answer();
    }
    case "DELETE": {
      const operation = request.url.searchParams.get("operation");
      if (operation === null) faults.clear();
      else faults.delete(operation);
      return answer();
    }
    default:
      return json("SandboxFaults", 405, { message: "use GET, POST or DELETE" });
  }
}

function faultFromBody(body: Buffer): [string, Fault] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  const { operation, fault } = value as Record<string, unknown>;
  if (typeof operation !== "string" || !OPERATION.test(operation) || typeof fault !== "string") return undefined;
  const parsed = parseFaultSpec(fault);
  return parsed && [operation, parsed];
}

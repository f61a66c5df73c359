import { byodkimError } from "../errors.js";
import type { Fault } from "./world.js";

/** `Operation=throttle|access-denied|server-error|latency:MS`, as given to `--fault`. */
export function parseFault(text: string): [string, Fault] {
  const match = /^([A-Za-z0-9]+)=(throttle|access-denied|server-error|latency:(\d+))$/.exec(text.trim());
  if (!match) throw byodkimError("usage", "sandbox.badFault", { value: text }, "sandbox.badFault.hint");
  const [, operation, kind, ms] = match as unknown as [string, string, string, string | undefined];
  if (ms !== undefined) return [operation, { kind: "latency", ms: Number(ms) }];
  return [operation, { kind: kind as "throttle" | "access-denied" | "server-error" }];
}

import type { ByodkimError } from "../errors.js";
import { msg } from "../messages/msg.js";
import type { GateId, GateResult } from "./types.js";

/** An adapter could not fetch the facts: the gate fails with the adapter's sentence and hint. */
export function failFromError(id: GateId, error: ByodkimError): GateResult {
  return {
    id,
    status: "fail",
    detail: error.what,
    ...(error.hint ? { lines: [error.hint] } : {}),
    ...(error.detail ? { verboseLines: [msg("aws.sdkSaid", { message: error.detail })] } : {}),
    data: { error: error.what.key },
  };
}

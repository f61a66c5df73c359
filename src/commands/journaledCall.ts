import { ByodkimError, byodkimError } from "../errors.js";
import type { Journal } from "../state/journal.js";
import { msg } from "../ui/messages/types.js";
import type { CommandContext } from "./context.js";

export interface CallRecord {
  readonly name: string;
  readonly requestId: string | null;
  readonly outcome: "ok" | "failed";
}

/**
 * One mutating AWS call, journaled before and after so a run that dies leaves a true record.
 * Returns the failure as a change error (exit 4) rather than throwing, so the caller can report
 * where SES stands.
 */
export async function journaledCall<T extends { requestId: string | undefined }>(
  ctx: Pick<CommandContext, "report">,
  journal: Journal,
  calls: CallRecord[],
  name: string,
  call: () => Promise<T>,
): Promise<{ ok: true; receipt: T } | { ok: false; error: ByodkimError }> {
  journal.append("call-started", { call: name });
  ctx.report.step(msg("enable.calling", { call: name }));
  try {
    const receipt = await call();
    calls.push({ name, requestId: receipt.requestId ?? null, outcome: "ok" });
    journal.append("call-done", { call: name, requestId: receipt.requestId ?? null });
    return { ok: true, receipt };
  } catch (err) {
    const error = err instanceof ByodkimError ? err : byodkimError("change", "enable.unexpectedFailure", { call: name });
    calls.push({ name, requestId: null, outcome: "failed" });
    journal.append("call-failed", { call: name, error: error.what });
    return { ok: false, error: new ByodkimError("change", error.what, error.hint) };
  }
}

import type { MutationReceipt } from "../../aws/types.js";
import type { PrivateKeyMaterial } from "../../dkim/privateKeyMaterial.js";
import { ByodkimError, byodkimError } from "../../errors.js";
import { msg } from "../../messages/msg.js";
import type { JournalWriter } from "../../state/journal.js";
import type { CommandContext } from "../context.js";
import type { CallRecord } from "./changeTypes.js";
import type { ObjectIntent, PlannedCall } from "./dkimSettings.js";

/** What a call needs from its command: the signing key for BYODKIM, and the command's own calls on key objects. */
export interface CallPerformers {
  readonly signingKey: () => PrivateKeyMaterial | undefined;
  readonly objectCall: (intent: ObjectIntent) => Promise<MutationReceipt>;
}

/**
 * One mutating SES call, journaled before and after so a run that dies leaves a true record.
 * The failure comes back as a change error (exit 4) rather than thrown, so the pipeline can read
 * SES once more and say where it stands.
 */
export async function makeCall(
  ctx: Pick<CommandContext, "aws" | "events">,
  journal: JournalWriter,
  domain: string,
  call: PlannedCall,
  perform: CallPerformers,
): Promise<{ ok: true; record: CallRecord } | { ok: false; record: CallRecord; error: ByodkimError }> {
  journal.append("call-started", { call: call.name, intent: call.intent });
  ctx.events.emit({ type: "step", message: msg("change.calling", { call: call.name }) });
  try {
    const receipt = await send(ctx, domain, call, perform);
    journal.append("call-done", { call: call.name, requestId: receipt.requestId ?? null });
    return { ok: true, record: { name: call.name, requestId: receipt.requestId ?? null, outcome: "ok" } };
  } catch (err) {
    const error = err instanceof ByodkimError ? err : byodkimError("change", "change.unexpectedFailure", { call: call.name });
    journal.append("call-failed", { call: call.name, error: error.what });
    return { ok: false, record: { name: call.name, requestId: null, outcome: "failed" }, error: new ByodkimError("change", error.what, error.hint) };
  }
}

function send(ctx: Pick<CommandContext, "aws">, domain: string, call: PlannedCall, perform: CallPerformers): Promise<MutationReceipt> {
  const { ses } = ctx.aws;
  switch (call.intent.kind) {
    case "writeKeyObject":
    case "tagKeyObject":
    case "deleteKeyObject":
      return perform.objectCall(call.intent);
    case "signWithExternalKey": {
      const key = perform.signingKey();
      if (!key) throw byodkimError("change", "change.noKey", { selector: call.intent.selector });
      return ses.putExternalSigning(domain, call.intent.selector, key);
    }
    case "signWithEasyDkim":
      return ses.putEasyDkimSigning(domain);
    case "setSigning":
      return ses.putSigningEnabled(domain, call.intent.enabled);
  }
}

import { msg } from "../../messages/msg.js";
import { DNS_ANSWER_TIMEOUT_MS, publishDnsRecords } from "../dnsPublish.js";
import type { CommandContext } from "../context.js";
import type { ChangeCheck } from "./changePlan.js";
import { asByodkimError, type ChangeRun, type Ending } from "./changeRun.js";
import type { ChangeSpec } from "./changeSpec.js";

/**
 * dns.publish route53 or rfc2136: the records the change needs, published by byodkim under the
 * run's lock and journal, at the point the command chose (`publishBeforeRecord`). Null: nothing to
 * publish, or published and answered; the run goes on. A failure ends the run with nothing else
 * changed after it, and says how to publish again.
 */
export async function publishRecords<C extends ChangeCheck>(
  ctx: CommandContext,
  spec: ChangeSpec<C>,
  run: ChangeRun<C>,
  point: "beforeRecord" | "afterRecord",
): Promise<Ending | null> {
  const publisher = ctx.dnsPublisher;
  if (!publisher || !spec.dnsRecords || (spec.publishBeforeRecord === true) !== (point === "beforeRecord")) return null;
  const request = spec.dnsRecords(run.check, run.sesNow);
  if (!request || request.records.length === 0) return null;
  const { journal } = run.confirmed();
  const retry = spec.finishCommand?.(run.check) ?? spec.undoCommand?.(run.check) ?? `byodkim ${spec.command} ${spec.domain}`;
  const words = { command: spec.command, domain: spec.domain, selector: run.check.selector ?? "-", retry };
  try {
    const { publication, stopped } = await publishDnsRecords(ctx, publisher, { domain: spec.domain, ...request }, journal);
    run.dnsPublication = publication;
    if (publication.answering) return null;
    const minutes = Math.round(DNS_ANSWER_TIMEOUT_MS / 60_000);
    const keygenLike = point === "afterRecord";
    const summary = stopped
      ? msg(keygenLike ? "dnsPublish.stopped.keygen" : "dnsPublish.stopped.again", words)
      : msg(keygenLike ? "dnsPublish.notAnswering.keygen" : "dnsPublish.notAnswering.again", { ...words, minutes });
    return { outcome: stopped ? "interrupted" : "timedOut", sesNow: run.sesAfter, sesChange: "target", summary };
  } catch (err) {
    return {
      outcome: "failedDuringChange",
      error: asByodkimError(err),
      sesNow: run.sesAfter,
      sesChange: "target",
      summary: point === "afterRecord" ? msg("dnsPublish.failed.keygen", words) : msg("dnsPublish.failed.again", words),
    };
  }
}

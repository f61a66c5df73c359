import { byodkimError } from "../errors.js";
import type { Msg } from "../messages/msg.js";
import { createNotifier } from "../notify/notifier.js";
import type { CommandContext } from "../engine/context.js";

export interface NotifyTestRow {
  readonly target: string;
  readonly ok: boolean;
  readonly ms: number;
  /** Why it was not sent; null when it was. */
  readonly reason: Msg | null;
}

export interface NotifyTestResult {
  readonly command: "notify-test";
  readonly ok: boolean;
  readonly sent: number;
  readonly failed: number;
  readonly results: readonly NotifyTestRow[];
}

/** One test notice to every configured target, each with the change notices' own time limit. */
export async function notifyTest(ctx: Pick<CommandContext, "config" | "region" | "aws" | "clock" | "notices">): Promise<NotifyTestResult> {
  const channels = ctx.notices ?? [];
  if (channels.length === 0) throw byodkimError("config", "notify.none", undefined, "notify.none.hint");
  // Who sent it, when STS can say; a webhook-only setup must still be testable without AWS credentials.
  const caller = await ctx.aws.sts.getCallerIdentity().catch(() => null);
  const notifier = createNotifier(channels);
  notifier.send(
    {
      event: "test",
      command: "notify-test",
      domain: ctx.config.domain ?? "-",
      selector: null,
      region: ctx.region,
      account: caller?.account ?? ctx.config.accountId,
      operator: caller?.arn ?? "-",
      outcome: null,
      plan: "",
      summary: null,
      sesNow: null,
      rollbackCommand: null,
      dnsRecordsNeeded: [],
      at: ctx.clock.now().toISOString(),
    },
    null,
  );
  const results = (await notifier.settle()).map(
    (sent): NotifyTestRow => ({ target: sent.target, ok: sent.ok, ms: sent.ms, reason: sent.ok ? null : sent.warning }),
  );
  const failed = results.filter((row) => !row.ok).length;
  return { command: "notify-test", ok: failed === 0, sent: results.length - failed, failed, results };
}

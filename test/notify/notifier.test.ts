import { describe, expect, it } from "vitest";
import { ByodkimError } from "../../src/errors.js";
import { msg } from "../../src/messages/msg.js";
import type { NoticeFacts } from "../../src/notify/notice.js";
import { createNotifier, type NoticeChannel, WebhookStatusError } from "../../src/notify/notifier.js";
import type { JournalWriter } from "../../src/state/journal.js";

const facts = (event: NoticeFacts["event"]): NoticeFacts => ({
  event,
  command: "enable",
  domain: "goo.ne.jp",
  selector: "s1",
  region: "ap-northeast-1",
  account: "123456789012",
  operator: "arn:aws:sts::123456789012:assumed-role/MailOps/operator",
  outcome: null,
  plan: "-",
  summary: null,
  sesNow: null,
  rollbackCommand: null,
  dnsRecordsNeeded: [],
  at: "2026-12-01T12:00:00.000Z",
});

function recordingJournal() {
  const lines: { event: string; fields: Record<string, unknown> }[] = [];
  const journal: JournalWriter = { path: "/j", runId: "r", append: (event, fields = {}) => void lines.push({ event, fields }) };
  return { journal, lines };
}

const channel = (target: string, send: NoticeChannel["send"]): NoticeChannel => ({ target, send });
const never = (_facts: NoticeFacts, signal: AbortSignal) =>
  new Promise<void>((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted"))));

describe("the notifier", () => {
  it("returns at once and journals notice-sent with the time taken", async () => {
    const { journal, lines } = recordingJournal();
    let sent = 0;
    const notifier = createNotifier([channel("webhook:hooks.slack.com", async () => void sent++)]);
    notifier.send(facts("change-confirmed"), journal);
    expect(sent).toBe(0);
    const results = await notifier.settle();
    expect(results).toMatchObject([{ event: "change-confirmed", target: "webhook:hooks.slack.com", ok: true }]);
    expect(lines).toEqual([{ event: "notice-sent", fields: { notice: "change-confirmed", target: "webhook:hooks.slack.com", ms: expect.any(Number) } }]);
  });

  it("gives a receiver that never answers its timeout, then warns and journals notice-failed", async () => {
    const { journal, lines } = recordingJournal();
    const notifier = createNotifier([channel("webhook:hang.example", never)], { timeoutMs: 50 });
    const started = Date.now();
    notifier.send(facts("change-confirmed"), journal);
    const [result] = await notifier.settle();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({ ok: false, reason: msg("notice.reason.timeout", { ms: 50 }) });
    expect(result?.ok === false && result.warning).toEqual(msg("notice.failed.timeout", { event: "change-confirmed", target: "webhook:hang.example", ms: 50 }));
    expect(lines).toEqual([
      {
        event: "notice-failed",
        fields: { notice: "change-confirmed", target: "webhook:hang.example", reason: { key: "notice.reason.timeout", params: { ms: 50 } } },
      },
    ]);
  });

  it("asks a target that timed out no more in the run: a hung receiver costs one timeout", async () => {
    const notifier = createNotifier([channel("webhook:hang.example", never)], { timeoutMs: 50 });
    notifier.send(facts("change-confirmed"), null);
    notifier.send(facts("change-succeeded"), null);
    const started = Date.now();
    const results = await notifier.settle();
    expect(Date.now() - started).toBeLessThan(500);
    expect(results.map((result) => !result.ok && result.reason.key)).toEqual(["notice.reason.timeout", "notice.reason.silentEarlier"]);
  });

  it("sends one target's notices in order, each after the one before", async () => {
    const heard: string[] = [];
    const notifier = createNotifier([
      channel("webhook:slow.example", async (notice) => {
        await new Promise((resolve) => setTimeout(resolve, notice.event === "rollback-started" ? 30 : 0));
        heard.push(notice.event);
      }),
    ]);
    notifier.send(facts("rollback-started"), null);
    notifier.send(facts("rollback-finished"), null);
    await notifier.settle();
    expect(heard).toEqual(["rollback-started", "rollback-finished"]);
  });

  it.each([
    ["a non-2xx answer", new WebhookStatusError(500), "notice.reason.httpStatus", "notice.failed.httpStatus"],
    [
      "a refused connection",
      Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }),
      "notice.reason.network",
      "notice.failed.network",
    ],
    [
      "AWS's refusal",
      new ByodkimError(
        "aws",
        msg("aws.accessDenied", { service: "SNS", action: "sns:Publish", resource: "arn:aws:sns:ap-northeast-1:123456789012:t", requestId: "r-1" }),
        undefined,
      ),
      "aws.accessDenied",
      "notice.failed.aws",
    ],
  ])("says why a notice failed: %s", async (_what, error, reasonKey, warningKey) => {
    const notifier = createNotifier([
      channel("webhook:hooks.example", async () => {
        throw error;
      }),
    ]);
    notifier.send(facts("change-failed"), null);
    const [result] = await notifier.settle();
    expect(result?.ok).toBe(false);
    if (result?.ok !== false) return;
    expect(result.reason.key).toBe(reasonKey);
    expect(result.warning.key).toBe(warningKey);
  });

  it("keeps one target's failure from the others", async () => {
    const notifier = createNotifier([
      channel("webhook:down.example", async () => {
        throw new WebhookStatusError(503);
      }),
      channel("sns:arn:aws:sns:ap-northeast-1:123456789012:t", async () => {}),
    ]);
    notifier.send(facts("change-succeeded"), null);
    expect((await notifier.settle()).map((result) => result.ok)).toEqual([false, true]);
  });
});

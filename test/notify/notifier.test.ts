import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { ByodkimError } from "../../src/errors.js";
import { msg } from "../../src/messages/msg.js";
import type { NoticeFacts } from "../../src/notify/notice.js";
import { noticeChannels, postWithFetch } from "../../src/notify/channels.js";
import { createNotifier, type NoticeChannel, noticeFailure, WebhookStatusError } from "../../src/notify/notifier.js";
import type { JournalWriter } from "../../src/state/journal.js";
import { refusedWebhookUrl } from "../support/notices.js";

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
    notifier.send(facts("change-confirmed"), journal);
    // Without its timeout the receiver would hold settle() until the test's own timeout.
    const [result] = await notifier.settle();
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
    let asked = 0;
    const hung: NoticeChannel["send"] = (notice, signal) => {
      asked++;
      return never(notice, signal);
    };
    const notifier = createNotifier([channel("webhook:hang.example", hung)], { timeoutMs: 50 });
    notifier.send(facts("change-confirmed"), null);
    notifier.send(facts("change-succeeded"), null);
    const results = await notifier.settle();
    expect(asked).toBe(1);
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
      "notice.reason.refused",
      "notice.failed.refused",
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

  it("keeps two unnamed webhooks on one host apart: one's timeout does not silence the other", async () => {
    let heard = 0;
    const notifier = createNotifier([channel("webhook:hooks.slack.com", never), channel("webhook:hooks.slack.com", async () => void heard++)], {
      timeoutMs: 50,
    });
    notifier.send(facts("change-confirmed"), null);
    notifier.send(facts("change-succeeded"), null);
    const results = await notifier.settle();
    expect(results.map((result) => result.ok)).toEqual([false, true, false, true]);
    expect(heard).toBe(2);
  });

  it("names a webhook by its configured name in the journal line and the warning", async () => {
    const { journal, lines } = recordingJournal();
    const channels = noticeChannels(
      { sns: [], webhooks: [{ url: "https://hooks.slack.com/services/T0/B1/dns-token", format: "slack", name: "dns-team" }], lang: "en" },
      { sns: undefined, post: async () => 503 },
    );
    const notifier = createNotifier(channels);
    notifier.send(facts("change-failed"), journal);
    const [result] = await notifier.settle();
    expect(lines[0]?.fields).toMatchObject({ notice: "change-failed", target: "dns-team (webhook:hooks.slack.com)" });
    expect(result?.ok === false && result.warning.params).toMatchObject({ target: "dns-team (webhook:hooks.slack.com)" });
    expect(JSON.stringify(lines)).not.toContain("dns-token");
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

describe("a webhook that cannot be reached, said as what went wrong, never as fetch's TypeError", () => {
  const fetchFailed = (cause: unknown) => Object.assign(new TypeError("fetch failed"), { cause });
  const said = (err: unknown) => {
    const { reason, warning } = noticeFailure(err, 3000, "change-confirmed", "webhook:hooks.example");
    expect(warning.params).toMatchObject({ code: reason.params?.["code"] });
    return reason;
  };

  it.each([
    ["a refused connection", fetchFailed(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })), "refused", "ECONNREFUSED"],
    ["a refused connection a level deeper", fetchFailed(new Error("connect failed", { cause: { code: "ECONNREFUSED" } })), "refused", "ECONNREFUSED"],
    [
      "every address refused (happy eyeballs' AggregateError without a code of its own)",
      fetchFailed(new AggregateError([Object.assign(new Error("a"), { code: "ECONNREFUSED" }), Object.assign(new Error("b"), { code: "ECONNREFUSED" })])),
      "refused",
      "ECONNREFUSED",
    ],
    ["a host name DNS does not know", fetchFailed(Object.assign(new Error("getaddrinfo ENOTFOUND hooks.example"), { code: "ENOTFOUND" })), "dns", "ENOTFOUND"],
    ["a DNS server that did not answer", fetchFailed(Object.assign(new Error("getaddrinfo EAI_AGAIN"), { code: "EAI_AGAIN" })), "dns", "EAI_AGAIN"],
    ["an expired certificate", fetchFailed(Object.assign(new Error("certificate has expired"), { code: "CERT_HAS_EXPIRED" })), "tls", "CERT_HAS_EXPIRED"],
    [
      "a self-signed certificate",
      fetchFailed(Object.assign(new Error("self-signed"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" })),
      "tls",
      "DEPTH_ZERO_SELF_SIGNED_CERT",
    ],
    ["a reset connection", fetchFailed(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })), "network", "ECONNRESET"],
    ["fetch's own refusal of a blocked port", fetchFailed(new Error("bad port")), "network", "bad port"],
    ["a cause whose words could hold the URL", fetchFailed(new Error("refused https://hooks.example/services/T0/B0/secret")), "network", "unknown"],
  ])("%s", (_what, err, kind, code) => {
    expect(said(err)).toEqual({ key: `notice.reason.${kind}`, params: { code } });
  });

  it("a real refused connection through fetch is said as refused, ECONNREFUSED", async () => {
    const err = await postWithFetch(await refusedWebhookUrl(), "{}", new AbortController().signal).catch((caught: unknown) => caught);
    expect(err).toBeInstanceOf(TypeError);
    expect(said(err)).toEqual({ key: "notice.reason.refused", params: { code: "ECONNREFUSED" } });
  });

  it("a real TLS failure through fetch (https to a plain-HTTP receiver) is said as TLS, with OpenSSL's code", async () => {
    const server = createServer((_request, response) => response.end("plain http"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const err = await postWithFetch(`https://127.0.0.1:${port}/services/T0/B0/secret`, "{}", new AbortController().signal).catch((caught: unknown) => caught);
      const reason = said(err);
      expect(reason.key).toBe("notice.reason.tls");
      expect(reason.params?.["code"]).toMatch(/^ERR_SSL_/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

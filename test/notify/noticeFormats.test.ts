import { describe, expect, it } from "vitest";
import { createTranslator, type Lang } from "../../src/messages/catalogue.js";
import { msg } from "../../src/messages/msg.js";
import { type NoticeFacts, noticeTarget, planLine, sesLine } from "../../src/notify/notice.js";
import { SNS_SUBJECT_MAX, snsNotice, webhookBody } from "../../src/notify/noticeFormats.js";
import { CONFIRMED_NOTICE } from "../support/notices.js";

const confirmed = CONFIRMED_NOTICE;
const failed: NoticeFacts = {
  ...confirmed,
  event: "change-failed",
  outcome: "failedDuringChange",
  summary: msg("change.summary.failedDuringChange"),
  sesNow: "AWS_SES, signing on, SUCCESS",
  rollbackCommand: "byodkim rollback goo.ne.jp",
};
const finished: NoticeFacts = {
  ...confirmed,
  event: "rollback-finished",
  command: "rollback",
  outcome: "completed",
  dnsRecordsNeeded: ["a._domainkey.goo.ne.jp CNAME a.dkim.amazonses.com"],
};

const texts = (body: unknown) => JSON.stringify(body);

describe("notice bodies", () => {
  it.each<[Lang, string]>([
    ["en", "byodkim enable on goo.ne.jp: confirmed, starting"],
    ["ja", "byodkim enable（goo.ne.jp）：確認済み、開始します"],
  ])("Slack (%s): text and a header block with the title, a section with who, where and the plan", (lang, title) => {
    const body = webhookBody("slack", confirmed, createTranslator(lang)) as { text: string; blocks: { type: string; text?: { text: string } }[] };
    expect(body.text).toBe(title);
    expect(body.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: title } });
    const section = body.blocks[1]!.text!.text;
    for (const fact of [confirmed.operator, "123456789012", "ap-northeast-1", confirmed.selector!, "PutEmailIdentityDkimSigningAttributes"])
      expect(section).toContain(fact);
  });

  it.each<Lang>(["en", "ja"])("Teams (%s): a MessageCard whose facts carry SES now and the rollback command", (lang) => {
    const body = webhookBody("teams", failed, createTranslator(lang)) as Record<string, unknown> & { sections: { facts: { name: string; value: string }[] }[] };
    expect(body["@type"]).toBe("MessageCard");
    expect(body["@context"]).toBe("https://schema.org/extensions");
    expect(body["summary"]).toBe(body["title"]);
    const values = body.sections[0]!.facts.map((fact) => fact.value);
    expect(values).toContain("byodkim rollback goo.ne.jp");
    expect(values).toContain("AWS_SES, signing on, SUCCESS");
  });

  it("plain JSON: the documented fields, the summary in the notice language", () => {
    const body = webhookBody("json", failed, createTranslator("en"));
    expect(Object.keys(body)).toEqual([
      "event",
      "command",
      "domain",
      "selector",
      "region",
      "account",
      "operator",
      "outcome",
      "summary",
      "rollbackCommand",
      "dnsRecordsNeeded",
      "at",
      "changeId",
    ]);
    expect(body).toMatchObject({ event: "change-failed", outcome: "failedDuringChange", rollbackCommand: "byodkim rollback goo.ne.jp" });
    expect(body["summary"]).toBe(createTranslator("en")(msg("change.summary.failedDuringChange")));
  });

  it.each<Lang>(["en", "ja"])("rollback-finished (%s) names the DNS records still needed", (lang) => {
    for (const format of ["slack", "teams", "json"] as const)
      expect(texts(webhookBody(format, finished, createTranslator(lang)))).toContain("a.dkim.amazonses.com");
    expect(snsNotice(finished, createTranslator(lang)).message).toContain("a.dkim.amazonses.com");
  });

  it.each<Lang>(["en", "ja"])("SNS (%s): a one-line subject under 100 characters, even for a long domain", (lang) => {
    const long = { ...confirmed, domain: `${"sub.".repeat(30)}goo.ne.jp` };
    const { subject, message } = snsNotice(long, createTranslator(lang));
    expect([...subject].length).toBeLessThanOrEqual(SNS_SUBJECT_MAX);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(message).toContain(long.domain);
    expect(message).toContain(confirmed.operator);
  });
});

describe("notice targets and one-line facts", () => {
  it.each([
    [{ sns: "arn:aws:sns:ap-northeast-1:123456789012:t" }, "sns:arn:aws:sns:ap-northeast-1:123456789012:t"],
    [{ webhook: "https://hooks.slack.com/services/T0/B0/secret?token=x" }, "webhook:hooks.slack.com"],
    [{ webhook: "http://127.0.0.1:8080/secret" }, "webhook:127.0.0.1:8080"],
    [{ webhook: "https://hooks.slack.com/services/T0/B0/secret", name: "mail-ops" }, "mail-ops (webhook:hooks.slack.com)"],
    [{ webhook: "https://hooks.slack.com/services/T0/B0/secret", name: undefined }, "webhook:hooks.slack.com"],
  ])("%j is named %s (a webhook by its host only)", (target, name) => {
    expect(noticeTarget(target)).toBe(name);
  });

  it.each([
    [
      [
        { name: "A", needed: true },
        { name: "B", needed: false },
      ],
      { origin: "EXTERNAL", selector: "s1", signingEnabled: true },
      "A ⇒ EXTERNAL, s1, signing on",
    ],
    [[], { origin: "AWS_SES", selector: null, signingEnabled: false }, "no calls ⇒ AWS_SES, signing off"],
  ])("a plan reads in one line", (calls, target, line) => {
    expect(planLine(calls, target)).toBe(line);
  });

  it("SES now reads in one line; nothing read, nothing said", () => {
    expect(sesLine({ origin: "EXTERNAL", tokens: ["s1"], signingEnabled: true, status: "PENDING" })).toBe("EXTERNAL, s1, signing on, PENDING");
    expect(sesLine(null)).toBeNull();
  });
});

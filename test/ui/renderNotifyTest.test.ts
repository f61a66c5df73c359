import { describe, expect, it } from "vitest";
import { notifyTest } from "../../src/commands/notifyTest.js";
import type { ByodkimConfig } from "../../src/config/config.js";
import { noticeChannels } from "../../src/notify/channels.js";
import { createOutput } from "../../src/ui/output.js";
import { notifyTestJson, renderNotifyTestText } from "../../src/ui/renderNotifyTest.js";

const sink = { write: () => true };
const output = (lang: "en" | "ja") => createOutput({ stdout: sink, stderr: sink, env: {}, json: false, lang, colorFlag: false, verbose: false });

/** Two Slack webhooks on one host, one named and answering, the other unnamed and refusing; and a named one that answers. */
async function testTwoWebhooksOnOneHost() {
  const notices = noticeChannels(
    {
      sns: [],
      webhooks: [
        { url: "https://hooks.slack.com/services/T0/B0/mail-ops-token", format: "slack", name: "mail-ops" },
        { url: "https://hooks.slack.com/services/T0/B1/dns-team-token", format: "slack", name: "DNS チーム" },
        { url: "https://hooks.slack.com/services/T0/B2/unnamed-token", format: "json" },
      ],
      lang: "en",
    },
    { sns: undefined, post: async (url) => (url.includes("dns-team") ? 500 : 200) },
  );
  const ctx = {
    config: { domain: "goo.ne.jp", accountId: "123456789012" } as ByodkimConfig,
    region: "ap-northeast-1",
    aws: { sts: { getCallerIdentity: async () => ({ account: "123456789012", arn: "arn:aws:sts::123456789012:assumed-role/MailOps/op" }) } },
    clock: { now: () => new Date("2026-12-04T00:00:00.000Z") },
    notices,
  } as unknown as Parameters<typeof notifyTest>[0];
  return notifyTest(ctx);
}

describe("notify-test's table", () => {
  it.each(["en", "ja"] as const)("names each webhook by its name before its host, so two on one host read apart (%s)", async (lang) => {
    const result = await testTwoWebhooksOnOneHost();
    const text = renderNotifyTestText(output(lang), result);
    const rows = text.split("\n").filter((line) => /^[✔✘] /.test(line));
    expect(rows.map((line) => line.split("  ")[0]!.trim())).toEqual([
      "✔ mail-ops (webhook:hooks.slack.com)",
      "✘ DNS チーム (webhook:hooks.slack.com)",
      "✔ webhook:hooks.slack.com",
    ]);
    expect(text).not.toContain("token");
  });

  it("gives --json the same names", async () => {
    const document = notifyTestJson(output("en"), await testTwoWebhooksOnOneHost()) as { results: { target: string; ok: boolean }[] };
    expect(document.results.map(({ target, ok }) => [target, ok])).toEqual([
      ["mail-ops (webhook:hooks.slack.com)", true],
      ["DNS チーム (webhook:hooks.slack.com)", false],
      ["webhook:hooks.slack.com", true],
    ]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const { notify: _shipped, ...base } = example;
const TOPIC = "arn:aws:sns:ap-northeast-1:123456789012:dkim-changes";
const HOOK = "https://hooks.slack.com/services/T000/B000/secret-token";

describe("notify settings", () => {
  it("mean nobody is told when notify: is absent or empty", () => {
    expect(validateConfig(base, "test.yaml").notify).toEqual({ sns: [], webhooks: [], lang: "en" });
    expect(validateConfig({ ...base, notify: null }, "test.yaml").notify).toEqual({ sns: [], webhooks: [], lang: "en" });
  });

  it("take topics, webhooks and the notice language", () => {
    const notify = { sns: [TOPIC, "arn:aws:sns:us-east-1:123456789012:ops.fifo"], webhooks: [{ url: HOOK, format: "slack" }], lang: "ja" };
    expect(validateConfig({ ...base, notify }, "test.yaml").notify).toEqual({
      sns: notify.sns,
      webhooks: [{ url: HOOK, format: "slack" }],
      lang: "ja",
    });
  });

  it.each([
    ["http to 127.0.0.1", "http://127.0.0.1:8080/hook"],
    ["http to localhost", "http://localhost:8080/hook"],
    ["a Teams URL", "https://example.webhook.office.com/webhookb2/abc"],
  ])("accept a webhook URL: %s", (_what, url) => {
    expect(validateConfig({ ...base, notify: { webhooks: [{ url, format: "teams" }] } }, "test.yaml").notify.webhooks).toEqual([{ url, format: "teams" }]);
  });

  it.each([
    ["a list in place of a mapping", [TOPIC], "notify"],
    ["an unknown key", { slack: HOOK }, "notify.slack"],
    ["a topic that is not an ARN", { sns: ["dkim-changes"] }, "notify.sns[0]"],
    ["a queue ARN for a topic", { sns: ["arn:aws:sqs:ap-northeast-1:123456789012:q"] }, "notify.sns[0]"],
    ["one topic instead of a list", { sns: TOPIC }, "notify.sns"],
    ["plain http to another host", { webhooks: [{ url: "http://hooks.example.com/x", format: "json" }] }, "notify.webhooks[0].url"],
    ["a URL that is no URL", { webhooks: [{ url: "hooks.slack.com/x", format: "slack" }] }, "notify.webhooks[0].url"],
    ["an unknown format", { webhooks: [{ url: HOOK, format: "discord" }] }, "notify.webhooks[0].format"],
    ["a webhook without a format", { webhooks: [{ url: HOOK }] }, "notify.webhooks[0].format"],
    ["an unknown key in a webhook", { webhooks: [{ url: HOOK, format: "slack", token: "x" }] }, "notify.webhooks[0].token"],
    ["a webhook as a bare string", { webhooks: [HOOK] }, "notify.webhooks[0]"],
    ["a language byodkim does not speak", { lang: "fr" }, "notify.lang"],
  ])("refuse %s, naming the key", (_what, notify, key) => {
    const problem = problemOf({ ...base, notify });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
  });

  it("take an optional name for each webhook, so two on one host can be told apart", () => {
    const webhooks = [
      { url: HOOK, format: "slack", name: "mail-ops" },
      { url: `${HOOK}-2`, format: "slack", name: "DNS チーム" },
      { url: `${HOOK}-3`, format: "json" },
    ];
    expect(validateConfig({ ...base, notify: { webhooks } }, "test.yaml").notify.webhooks).toEqual(webhooks);
  });

  it.each([
    ["an empty name", [{ url: HOOK, format: "slack", name: "" }], "notify.webhooks[0].name"],
    ["a name that is not text", [{ url: HOOK, format: "slack", name: 7 }], "notify.webhooks[0].name"],
    ["a name with a line break", [{ url: HOOK, format: "slack", name: "mail\nops" }], "notify.webhooks[0].name"],
    ["a name of 41 characters", [{ url: HOOK, format: "slack", name: "x".repeat(41) }], "notify.webhooks[0].name"],
  ])("refuse %s for a webhook, naming the key", (_what, webhooks, key) => {
    expect(problemOf({ ...base, notify: { webhooks } }).params["key"]).toBe(key);
  });

  it("refuse a name two webhooks share, naming the second and the first", () => {
    const problem = problemOf({
      ...base,
      notify: {
        webhooks: [
          { url: HOOK, format: "slack", name: "mail-ops" },
          { url: `${HOOK}-2`, format: "teams" },
          { url: `${HOOK}-3`, format: "slack", name: "mail-ops" },
        ],
      },
    });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe("notify.webhooks[2].name");
    expect(JSON.stringify(problem.params)).toContain("notify.webhooks[0].name");
    expect(JSON.stringify(problem)).not.toContain("secret-token");
  });

  it("never repeats a webhook URL (it holds the token) in the problem", () => {
    const problem = problemOf({ ...base, notify: { webhooks: [{ url: "http://hooks.example.com/services/secret-token", format: "slack" }] } });
    expect(JSON.stringify(problem)).not.toContain("secret-token");
  });
});

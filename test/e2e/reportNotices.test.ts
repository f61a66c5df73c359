import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { refusedWebhookUrl } from "../support/notices.js";
import { rehearsal } from "../support/rehearsal.js";

const TOPIC = `arn:aws:sns:ap-northeast-1:${SANDBOX_DEFAULTS.accountId}:dkim-changes`;

describe("the change report of a run that sent notices", () => {
  it("lists each notice the notifier journaled, sent or failed, with the webhook by host only", async () => {
    const r = await rehearsal();
    const webhook = await refusedWebhookUrl();
    const config = parse(readFileSync(r.box.configPath, "utf8")) as Record<string, unknown>;
    writeFileSync(r.box.configPath, stringify({ ...config, notify: { sns: [TOPIC], webhooks: [{ url: webhook, format: "json" }] } }));
    const enabled = await r.byodkim(["enable", "--yes", "--json"]);
    expect(enabled.code, enabled.stderr).toBe(0);
    const runId = (JSON.parse(enabled.stdout) as { journal: string }).journal.match(/-enable-([^.]+)\.jsonl$/)?.[1];
    expect(runId).toBeDefined();

    const report = await r.byodkim(["report", "latest", "--format", "json"]);
    expect(report.code, report.stderr).toBe(0);
    const notices = (JSON.parse(report.stdout) as { report: { notices: { sent: boolean; event: string; target: string }[] } }).report.notices;
    const host = `webhook:127.0.0.1:${new URL(webhook).port}`;
    expect(notices.map((notice) => `${notice.event} ${notice.target} ${notice.sent ? "sent" : "failed"}`).sort()).toEqual(
      [`change-confirmed sns:${TOPIC} sent`, `change-succeeded sns:${TOPIC} sent`, `change-confirmed ${host} failed`, `change-succeeded ${host} failed`].sort(),
    );

    const markdown = await r.byodkim(["report", runId!]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain(`sns:${TOPIC}`);
    expect(markdown.stdout).toContain(host);
    expect(markdown.stdout + report.stdout).not.toContain("secret-token");
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { refusedWebhookUrl } from "../support/notices.js";
import { rehearsal } from "../support/rehearsal.js";
import { leakedCanaries, sandboxKeyCanaries } from "../support/sandboxKey.js";

type Heard = { at: number; path: string; body: Record<string, unknown> };

/** A webhook receiver on 127.0.0.1: it answers 200, or (`hang`) never answers at all. */
async function receiver(mode: "answer" | "hang" = "answer") {
  const heard: Heard[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      heard.push({ at: Date.now(), path: request.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> });
      if (mode === "answer") response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { heard, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T0/B0/secret-token` };
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

const TOPIC = `arn:aws:sns:ap-northeast-1:${SANDBOX_DEFAULTS.accountId}:dkim-changes`;

/** Adds notify: to the config the sandbox wrote. */
function notifyIn(r: Awaited<ReturnType<typeof rehearsal>>, notify: Record<string, unknown>) {
  const config = parse(readFileSync(r.box.configPath, "utf8")) as Record<string, unknown>;
  writeFileSync(r.box.configPath, stringify({ ...config, notify }));
}

const slackTitle = (heard: Heard) => String(heard.body["text"]);
const noticeLines = (r: Awaited<ReturnType<typeof rehearsal>>) =>
  r.journalEntries().filter((entry) => entry.event.startsWith("notice-")) as Record<string, unknown>[];

describe("notifications (spawned, against the sandbox)", () => {
  it("tells a Slack webhook and an SNS topic of an enable: confirmed, then succeeded, with the domain and selector, and no key", async () => {
    const r = await rehearsal();
    const slack = await receiver();
    notifyIn(r, { sns: [TOPIC], webhooks: [{ url: slack.url, format: "slack" }] });
    const result = await r.byodkim(["enable", "--yes"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(slack.heard.map(slackTitle)).toEqual(["byodkim enable on goo.ne.jp: confirmed, starting", "byodkim enable on goo.ne.jp: succeeded"]);
    for (const heard of slack.heard) {
      expect(JSON.stringify(heard.body)).toContain(SANDBOX_DEFAULTS.selector);
      expect(heard.body["blocks"]).toEqual(expect.any(Array));
    }
    expect(r.box.world.notices.map((notice) => [notice.topicArn, notice.subject])).toEqual([
      [TOPIC, "byodkim enable on goo.ne.jp: confirmed, starting"],
      [TOPIC, "byodkim enable on goo.ne.jp: succeeded"],
    ]);
    expect(r.box.world.notices[0]!.message).toContain(r.box.world.callerArn);
    const bodies = JSON.stringify([slack.heard, r.box.world.notices]);
    expect(leakedCanaries(bodies, sandboxKeyCanaries(r.box))).toEqual([]);
    expect(noticeLines(r).map((line) => `${String(line["event"])} ${String(line["notice"])} ${String(line["target"])}`)).toEqual(
      expect.arrayContaining([`notice-sent change-confirmed sns:${TOPIC}`, `notice-sent change-succeeded webhook:127.0.0.1:${new URL(slack.url).port}`]),
    );
    // The webhook's path holds its token: never in the output or the journal.
    expect(result.stdout + result.stderr + JSON.stringify(r.journalEntries())).not.toContain("secret-token");
  });

  it("still enables when the webhook refuses the connection: exit 0, a warning on stderr and in --json, notice-failed journaled", async () => {
    const r = await rehearsal();
    notifyIn(r, { webhooks: [{ url: await refusedWebhookUrl(), format: "json" }] });
    const result = await r.byodkim(["enable", "--yes", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as { outcome: string; warnings: { code: string; message: string }[] };
    expect(document.outcome).toBe("completed");
    expect(document.warnings.map((warning) => warning.code)).toEqual(["notice.failed.refused", "notice.failed.refused"]);
    expect(document.warnings[0]!.message).toContain("ECONNREFUSED");
    expect(result.stderr).toContain("could not reach webhook:127.0.0.1");
    const failed = noticeLines(r).filter((line) => line["event"] === "notice-failed");
    expect(failed.map((line) => line["notice"])).toEqual(["change-confirmed", "change-succeeded"]);
    expect(failed[0]!["reason"]).toEqual({ key: "notice.reason.refused", params: { code: "ECONNREFUSED" } });
    expect(result.stdout + result.stderr + JSON.stringify(r.journalEntries())).not.toContain("secret-token");

    const text = await rehearsal();
    notifyIn(text, { webhooks: [{ url: await refusedWebhookUrl(), format: "json" }] });
    const human = await text.byodkim(["enable", "--yes"]);
    expect(human.code).toBe(0);
    expect(human.stdout + human.stderr).toContain("could not reach webhook:127.0.0.1");
  });

  it("costs a webhook that never answers its 3 s, once, and warns", async () => {
    const r = await rehearsal();
    const hung = await receiver("hang");
    notifyIn(r, { webhooks: [{ url: hung.url, format: "teams" }] });
    const result = await r.byodkim(["enable", "--yes", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // One timeout of 3 s, told by what the run journaled, not by a stopwatch: the later notice was not sent at all.
    expect(noticeLines(r).map((line) => line["reason"])).toEqual([
      { key: "notice.reason.timeout", params: { ms: 3000 } },
      expect.objectContaining({ key: "notice.reason.silentEarlier" }),
    ]);
    const document = JSON.parse(result.stdout) as { warnings: { code: string }[] };
    expect(document.warnings.map((warning) => warning.code)).toEqual(["notice.failed.timeout", "notice.failed.silentEarlier"]);
    expect(hung.heard.map((heard) => heard.body["@type"])).toEqual(["MessageCard"]);
    expect(noticeLines(r).map((line) => line["event"])).toEqual(["notice-failed", "notice-failed"]);
  });

  it("tells of a failed enable with SES as it is now and the rollback command", async () => {
    const r = await rehearsal({ scenario: "signing-off" });
    const hook = await receiver();
    notifyIn(r, { webhooks: [{ url: hook.url, format: "json" }] });
    await r.injectFault("PutEmailIdentityDkimAttributes", "server-error");
    const result = await r.byodkim(["enable", "--yes", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(4);
    const document = JSON.parse(result.stdout) as { rollbackCommand: string | null };
    expect(document.rollbackCommand).toBe("byodkim rollback goo.ne.jp");
    expect(hook.heard.map((heard) => heard.body["event"])).toEqual(["change-confirmed", "change-failed"]);
    expect(hook.heard[1]!.body).toMatchObject({ outcome: "failedDuringChange", rollbackCommand: "byodkim rollback goo.ne.jp", domain: "goo.ne.jp" });
    expect(String(hook.heard[1]!.body["summary"])).toContain("part-way");
  });

  it("tells of a rollback only after its SES calls: rollback-started, then rollback-finished with the DNS records", async () => {
    const r = await rehearsal();
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    const hook = await receiver();
    notifyIn(r, { webhooks: [{ url: hook.url, format: "json" }] });
    const result = await r.byodkim(["rollback", "--to", "previous", "--yes", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as { dnsRecordsNeeded: string[] };
    expect(hook.heard.map((heard) => heard.body["event"])).toEqual(["rollback-started", "rollback-finished"]);
    const lastCall = Math.max(
      ...r.box.world.log.filter((entry) => entry.service === "ses" && entry.operation.startsWith("Put")).map((entry) => Date.parse(entry.time)),
    );
    for (const heard of hook.heard) expect(heard.at).toBeGreaterThanOrEqual(lastCall);
    expect(hook.heard[1]!.body).toMatchObject({ outcome: "completed", dnsRecordsNeeded: document.dnsRecordsNeeded });
    expect(document.dnsRecordsNeeded.length).toBeGreaterThan(0);
  });
});

describe("byodkim notify-test (spawned, against the sandbox)", () => {
  it("sends a test notice to every target and says each went: exit 0", async () => {
    const r = await rehearsal();
    const hook = await receiver();
    notifyIn(r, { sns: [TOPIC], webhooks: [{ url: hook.url, format: "teams" }], lang: "ja" });
    const result = await r.byodkim(["notify-test", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as { outcome: string; results: { target: string; ok: boolean }[] };
    expect(document.outcome).toBe("sent");
    expect(document.results.map((row) => [row.target, row.ok])).toEqual([
      [`sns:${TOPIC}`, true],
      [`webhook:127.0.0.1:${new URL(hook.url).port}`, true],
    ]);
    expect(r.box.world.notices.map((notice) => notice.subject)).toEqual(["byodkim テスト通知（goo.ne.jp）"]);
    expect(hook.heard[0]!.body).toMatchObject({ "@type": "MessageCard", title: "byodkim テスト通知（goo.ne.jp）" });
    expect(r.identity().dkim.origin).toBe("AWS_SES");
  });

  it("shows each target in a table, a failed one with its reason and only its host: exit 1", async () => {
    const r = await rehearsal();
    const hook = await receiver();
    notifyIn(r, {
      webhooks: [
        { url: hook.url, format: "slack" },
        { url: await refusedWebhookUrl(), format: "json" },
      ],
    });
    const result = await r.byodkim(["notify-test"]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain("ECONNREFUSED");
    expect(result.stdout).toContain("1 of 2 test notices failed");
    expect(result.stdout + result.stderr).not.toContain("secret-token");
  });

  it("exits 2 when notify: is absent, saying what to add", async () => {
    const r = await rehearsal();
    const result = await r.byodkim(["notify-test"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no notice targets are configured");
  });
});

describe("change notices under the least-privilege policy (spawned, against the sandbox)", () => {
  it("without sns:Publish the change goes ahead, the gate warning and the notices failing; with iam-policy's ChangeNotices they go", async () => {
    const r = await rehearsal({ scenario: "least-privilege" });
    notifyIn(r, { sns: [TOPIC] });
    const enabled = await r.byodkim(["enable", "--yes", "--json"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    const document = JSON.parse(enabled.stdout) as { gates: { id: string; status: string; code: string }[]; warnings: { code: string }[] };
    expect(document.gates.find((gate) => gate.id === "permissions")).toMatchObject({ status: "warn", code: "gate.permissions.noticesDenied" });
    expect(document.warnings.map((warning) => warning.code)).toEqual(["notice.failed.aws", "notice.failed.aws"]);
    expect(r.box.world.notices).toEqual([]);

    // The policy iam-policy prints for this config grants exactly the topic, and is enough.
    const printed = await r.byodkim(["iam-policy", "--role", "MailOps"]);
    expect(printed.code, printed.stderr).toBe(0);
    const policy = JSON.parse(printed.stdout) as { Statement: { Sid: string; Action: unknown; Resource: unknown }[] };
    expect(policy.Statement.find((statement) => statement.Sid === "ChangeNotices")).toMatchObject({ Action: "sns:Publish", Resource: TOPIC });
    expect((await fetch(`${r.box.endpoint}/_sandbox/policy`, { method: "POST", body: printed.stdout })).status).toBe(200);
    const rolledBack = await r.byodkim(["rollback", "--to", "disable", "--yes", "--json"]);
    expect(rolledBack.code, rolledBack.stdout + rolledBack.stderr).toBe(0);
    const after = JSON.parse(rolledBack.stdout) as { gates: { id: string; status: string }[]; warnings: { code: string }[] };
    expect(after.gates.find((gate) => gate.id === "permissions")?.status).toBe("pass");
    expect(after.warnings.filter((warning) => warning.code.startsWith("notice."))).toEqual([]);
    expect(r.box.world.notices.map((notice) => notice.subject)).toEqual([
      "byodkim rollback on goo.ne.jp: started, its SES calls made",
      "byodkim rollback on goo.ne.jp: finished (completed)",
    ]);
  });
});

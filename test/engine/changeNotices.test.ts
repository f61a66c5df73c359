import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { rollback } from "../../src/commands/rollback.js";
import { ExitCode } from "../../src/errors.js";
import { noticeChannels } from "../../src/notify/channels.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const TOPIC = "arn:aws:sns:ap-northeast-1:123456789012:dkim-changes";
const HOOK = "https://hooks.slack.com/services/T0/B0/secret-token";

/** A world whose change is told to one SNS topic and one Slack webhook; `answer` is the webhook's. */
function notifiedWorld(answer: (body: string, signal: AbortSignal) => Promise<number> = async () => 200) {
  const world = newWorld({ key });
  const posted: Record<string, unknown>[] = [];
  const notices = noticeChannels(
    { sns: [TOPIC], webhooks: [{ url: HOOK, format: "json" }], lang: "en" },
    {
      sns: world.ctx.aws.sns,
      post: async (_url, body, signal) => {
        const parsed = JSON.parse(body) as Record<string, unknown>;
        world.calls.push(`notice:${String(parsed["event"])}`);
        posted.push(parsed);
        return answer(body, signal);
      },
    },
  );
  return { world, posted, ctx: { ...world.ctx, notices } };
}

const enableIn = (ctx: World["ctx"]) => enable(ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
const journalOf = (world: World, path: string | null) => world.ctx.journal.read(path!).entries;

describe("change notices through the pipeline (fakes)", () => {
  it("tells of an enable before its first SES call, then that it succeeded, with who, what and where", async () => {
    const { world, posted, ctx } = notifiedWorld();
    const result = await enableIn(ctx);
    expect(result.outcome).toBe("completed");
    const order = world.calls.filter((call) => call.startsWith("notice:") || call.startsWith("PutEmailIdentity"));
    expect(order).toEqual(["notice:change-confirmed", "PutEmailIdentityDkimSigningAttributes", "notice:change-succeeded"]);
    expect(posted[0]).toMatchObject({
      event: "change-confirmed",
      command: "enable",
      domain: DOMAIN,
      selector: SELECTOR,
      account: "123456789012",
      region: "ap-northeast-1",
    });
    expect(String(posted[0]!["operator"])).toContain("assumed-role/MailOps");
    expect(world.published.map((notice) => notice.topicArn)).toEqual([TOPIC, TOPIC]);
    expect(world.published[0]!.subject).toContain(DOMAIN);
    const told = journalOf(world, result.journalPath).filter((entry) => entry.event.startsWith("notice-"));
    expect(told.map((entry) => `${entry.event} ${String(entry["notice"])} ${String(entry["target"])}`)).toEqual(
      expect.arrayContaining([
        `notice-sent change-confirmed sns:${TOPIC}`,
        "notice-sent change-confirmed webhook:hooks.slack.com",
        `notice-sent change-succeeded sns:${TOPIC}`,
        "notice-sent change-succeeded webhook:hooks.slack.com",
      ]),
    );
    expect(world.key.canaries.filter((canary) => JSON.stringify({ posted, published: world.published }).includes(canary))).toEqual([]);
  });

  it("tells nobody of a dry run or a refused change", async () => {
    const { world, posted, ctx } = notifiedWorld();
    const result = await enable(ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: true, waitSeconds: 60, forceUnlock: false });
    expect(result.outcome).toBe("dryRun");
    expect(posted).toEqual([]);
    expect(world.published).toEqual([]);
  });

  it("tells of a failed enable with SES as it is now", async () => {
    const { world, posted, ctx } = notifiedWorld();
    world.fail("PutEmailIdentityDkimSigningAttributes");
    const result = await enableIn(ctx);
    expect(result.exitCode).toBe(ExitCode.awsFailureDuringChange);
    expect(posted.map((body) => body["event"])).toEqual(["change-confirmed", "change-failed"]);
    expect(posted[1]).toMatchObject({ outcome: result.outcome, rollbackCommand: result.rollbackCommand });
  });

  it("keeps a failed notice from the change: a warning and a journal line, the exit code as it was", async () => {
    const { world, ctx } = notifiedWorld(async () => 500);
    const result = await enableIn(ctx);
    expect(result.exitCode).toBe(ExitCode.ok);
    expect(result.warnings.map((warning) => warning.key)).toEqual(expect.arrayContaining(["notice.failed.httpStatus"]));
    expect(JSON.stringify(result.warnings)).not.toContain("secret-token");
    // Said as it is known too (stderr), not only in the result.
    expect(world.events.filter((event) => event.type === "step" && event.message.key === "notice.failed.httpStatus")).toHaveLength(2);
    const failed = journalOf(world, result.journalPath).filter((entry) => entry.event === "notice-failed");
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ target: "webhook:hooks.slack.com", reason: { key: "notice.reason.httpStatus", params: { status: 500 } } });
    expect(JSON.stringify(failed)).not.toContain("secret-token");
  });

  it("tells of a rollback only once its SES calls are made: started, then finished", async () => {
    const { world, posted, ctx } = notifiedWorld();
    await enableIn(ctx);
    world.calls.length = 0;
    posted.length = 0;
    const result = await rollback(ctx, { domain: DOMAIN, to: undefined, yes: true, dryRun: false, reason: "test", forceUnlock: false });
    expect(result.outcome).toBe("completed");
    const order = world.calls.filter((call) => call.startsWith("notice:") || call.startsWith("PutEmailIdentity"));
    const lastCall = order.map((call) => call.startsWith("PutEmailIdentity")).lastIndexOf(true);
    expect(lastCall).toBeGreaterThanOrEqual(0);
    expect(order.slice(lastCall + 1)).toEqual(["notice:rollback-started", "notice:rollback-finished"]);
    expect(posted[1]).toMatchObject({ event: "rollback-finished", outcome: "completed", dnsRecordsNeeded: result.dnsRecordsNeeded });
  });
});

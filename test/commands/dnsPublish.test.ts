import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { keygen } from "../../src/commands/keygen.js";
import { retire } from "../../src/commands/retire.js";
import { rollback } from "../../src/commands/rollback.js";
import { rotate } from "../../src/commands/rotate.js";
import { DNS_ANSWER_TIMEOUT_MS, publishDnsRecords } from "../../src/engine/dnsPublish.js";
import { ByodkimError, ExitCode } from "../../src/errors.js";
import { msg } from "../../src/messages/msg.js";
import { KEY_HISTORY_FIELD } from "../../src/state/keyHistory.js";
import { changeJson, renderChangeText, renderPlan } from "../../src/ui/renderChange.js";
import { fakePublisher } from "../support/fakePublisher.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { expectNoCanary, generateTestKey } from "../support/keys.js";
import { plainOutput } from "../support/plainOutput.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const out = plainOutput();
const DAY_MS = 86_400_000;
const PHASE_7 = { current_phase: "7", selector: SELECTOR, byodkim_enabled: true, phase_7_completed_at: "2026-10-25T00:00:00.000Z" };
const byodkimWorld = () =>
  newWorld({ key, dkim: { origin: "EXTERNAL", tokens: [SELECTOR], status: "SUCCESS", signingEnabled: true, signingHostedZone: undefined }, state: PHASE_7 });
const denied = new ByodkimError(
  "aws",
  msg("aws.accessDenied", { service: "Route53", action: "route53:ChangeResourceRecordSets", resource: "arn:aws:route53:::hostedzone/ZTEST", requestId: "r-1" }),
  msg("aws.accessDenied.hint", { action: "route53:ChangeResourceRecordSets", resource: "arn:aws:route53:::hostedzone/ZTEST" }),
);
const history = (world: World) => (world.state()[KEY_HISTORY_FIELD] ?? {}) as Record<string, Record<string, unknown>>;
const journalOf = (world: World, path: string | null) => world.journalEvents(path);
/** The calls that change something, in order: the key's tags, the state secret, SES and Route 53 (PutObject, the key's and the lock's alike, left out). */
const changes = (world: World) =>
  world.calls.filter((name) => ["PutObjectTagging", "PutSecretValue", "ChangeResourceRecordSets"].includes(name) || name.startsWith("PutEmailIdentity"));
const keygenWith = (ctx: World["ctx"], dryRun = false) =>
  keygen(ctx, { domain: DOMAIN, selector: undefined, bits: 2048, yes: true, dryRun, outDir: undefined });

describe("keygen publishes the new selector's record itself when dns.publish names a provider", () => {
  it("writes the key, records it, then publishes its TXT and waits until every nameserver answers", async () => {
    const world = newWorld({ key });
    const route53 = fakePublisher(world);
    const result = await keygenWith(route53.ctx);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, dnsRecordsNeeded: [] });
    const name = `${result.selector}._domainkey.${DOMAIN}`;
    expect(result.dnsPublication).toEqual({
      provider: "route53",
      zone: "goo.ne.jp",
      changeId: "C1",
      target: "Route 53 ZTEST (goo.ne.jp)",
      names: [name],
      answering: true,
    });
    expect(route53.changes).toEqual([{ domain: DOMAIN, records: [{ name, type: "TXT", strings: result.handoff!.strings }] }]);
    // The key and its history first: a publish that fails then leaves a key tick can publish again.
    expect(changes(world)).toEqual(["PutSecretValue", "ChangeResourceRecordSets"]);
    expect(history(world)[result.selector!]).toMatchObject({ status: "created" });
    expect(result.gates.find((gate) => gate.id === "dnsPublish")).toMatchObject({ status: "pass", data: { target: "Route 53 ZTEST (goo.ne.jp)" } });
    const events = journalOf(world, result.journalPath);
    expect(events.slice(events.indexOf("state-recorded"), events.indexOf("state-recorded") + 4)).toEqual([
      "state-recorded",
      "dns-publish",
      "dns-in-sync",
      "dns-answering",
    ]);
    expect(changeJson(out, result)["dnsPublication"]).toEqual({ provider: "route53", zone: "goo.ne.jp", changeId: "C1", names: [name], answering: true });
    expect(renderChangeText(out, result)).toContain(
      `DNS: ${name} published in Route 53 ZTEST (goo.ne.jp) (change C1), answered by every authoritative nameserver`,
    );
  });

  it("journals the change's id and names, never the key: no public key, no private key in any entry", async () => {
    const world = newWorld({ key });
    const result = await keygenWith(fakePublisher(world).ctx);
    const published = JSON.stringify(world.everything());
    expect(expectNoCanary(published, key)).toEqual([]);
    const entry = JSON.parse(world.everything())
      .journals.flat()
      .find((e: { event: string }) => e.event === "dns-publish");
    expect(entry).toEqual({
      at: expect.any(String),
      event: "dns-publish",
      provider: "route53",
      zone: "goo.ne.jp",
      changeId: "C1",
      target: "Route 53 ZTEST (goo.ne.jp)",
      names: [`${result.selector}._domainkey.${DOMAIN}`],
      types: ["TXT"],
    });
  });

  it("judges before the change that it can publish: no hosted zone is a failed gate, exit 1, no key written", async () => {
    const world = newWorld({ key });
    const route53 = fakePublisher(world);
    route53.noZone(new ByodkimError("config", msg("dnsPublish.route53.noZone", { domain: DOMAIN }), msg("dnsPublish.route53.noZone.hint")));
    const result = await keygenWith(route53.ctx);
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed });
    expect(result.gates.find((gate) => gate.id === "dnsPublish")).toMatchObject({ status: "fail", detail: { key: "dnsPublish.route53.noZone" } });
    expect(world.keyObjects()).toEqual([]);
    expect(world.calls).not.toContain("ChangeResourceRecordSets");
  });

  it("a dry run's plan says where it would publish, and publishes nothing", async () => {
    const world = newWorld({ key });
    const route53 = fakePublisher(world);
    const result = await keygenWith(route53.ctx, true);
    expect(result.outcome).toBe("dryRun");
    const plan = renderPlan(out, result.plan!);
    expect(plan).toContain("byodkim publishes in Route 53 hosted zone ZTEST, then waits until every authoritative nameserver answers");
    expect(plan).toContain(`records: ${result.selector}._domainkey.${DOMAIN}`);
    expect(plan).not.toContain("the DNS team publishes");
    expect(result.publisher).toBe("route53");
    expect(route53.changes).toEqual([]);
    expect(result.dnsPublication).toBeNull();
  });

  it("a refused publish is exit 4 with the key kept and recorded, nothing else changed, and names byodkim tick to publish it again", async () => {
    const world = newWorld({ key });
    const route53 = fakePublisher(world);
    route53.failNext(denied);
    const result = await keygenWith(route53.ctx);
    expect(result).toMatchObject({ outcome: "failedDuringChange", exitCode: ExitCode.awsFailureDuringChange, dnsPublication: null, rollbackCommand: null });
    expect(result.summary).toMatchObject({ key: "dnsPublish.failed.keygen", params: { domain: DOMAIN, selector: result.selector! } });
    expect(renderChangeText(out, result)).toContain(`Publish it with: byodkim tick ${DOMAIN}`);
    expect(result.error?.what.key).toBe("aws.accessDenied");
    expect(changes(world)).toEqual(["PutSecretValue", "ChangeResourceRecordSets"]);
    expect(world.keyObjects()).toHaveLength(1);
    expect(journalOf(world, result.journalPath)).toContain("dns-publish-failed");
    expect(journalOf(world, result.journalPath)).not.toContain("dns-publish");
  });

  it("a record no nameserver serves within the limit is exit 5, waited out on the run's clock with a countdown", async () => {
    const world = newWorld({ key });
    const route53 = fakePublisher(world, { serves: false });
    const started = world.ctx.clock.now().getTime();
    const result = await keygenWith(route53.ctx);
    expect(result).toMatchObject({ outcome: "timedOut", exitCode: ExitCode.unconfirmed, dnsPublication: { answering: false } });
    expect(result.summary.key).toBe("dnsPublish.notAnswering.keygen");
    expect(world.ctx.clock.now().getTime() - started).toBeGreaterThanOrEqual(DNS_ANSWER_TIMEOUT_MS);
    const countdown = world.events.flatMap((event) =>
      event.type === "progress" && event.message?.key === "dnsPublish.waitingAnswers" ? [event.message.params?.["left"]] : [],
    );
    expect(countdown.slice(0, 2)).toEqual(["10:00", "9:50"]);
    expect(world.events.at(-1)).toEqual({ type: "progress", message: null });
    expect(journalOf(world, result.journalPath)).toContain("dns-not-answering");
  });

  it("a stop signal while nameservers catch up ends the wait, not the change: exit 130, the record published and said so", async () => {
    const world = newWorld({ key });
    const route53 = fakePublisher(world, { serves: false, afterPublish: () => world.interrupt() });
    const started = world.ctx.clock.now().getTime();
    const result = await keygenWith(route53.ctx);
    expect(result).toMatchObject({ outcome: "interrupted", exitCode: ExitCode.interrupted, dnsPublication: { changeId: "C1", answering: false } });
    expect(result.summary).toMatchObject({ key: "dnsPublish.stopped.keygen", params: { domain: DOMAIN, selector: result.selector! } });
    expect(world.ctx.clock.now().getTime() - started).toBeLessThan(DNS_ANSWER_TIMEOUT_MS);
    expect(history(world)[result.selector!]).toMatchObject({ status: "created" });
  });
});

/** keygen, publish, rotate, keygen, publish, rotate, then past the grace period: the first new key may be retired. */
async function readyToRetire(ctx: World["ctx"]): Promise<string> {
  const first = await keygenWith(ctx);
  expect(first.dnsPublication?.answering).toBe(true);
  expect((await rotate(ctx, { domain: DOMAIN, to: first.selector!, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false })).outcome).toBe("completed");
  await ctx.clock.sleep(31 * DAY_MS);
  const second = await keygenWith(ctx);
  expect((await rotate(ctx, { domain: DOMAIN, to: second.selector!, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false })).outcome).toBe(
    "completed",
  );
  await ctx.clock.sleep(8 * DAY_MS);
  return first.selector!;
}

describe("retire publishes the revocation record itself", () => {
  it("tags the key, publishes p= at its selector's name, waits for every nameserver, then records it", async () => {
    const world = byodkimWorld();
    const route53 = fakePublisher(world);
    const selector = await readyToRetire(route53.ctx);
    const before = changes(world).length;
    const result = await retire(route53.ctx, { selector, domain: DOMAIN, deleteKey: false, yes: true, dryRun: false });
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, dnsRecordsNeeded: [] });
    expect(changes(world).slice(before)).toEqual(["PutObjectTagging", "ChangeResourceRecordSets", "PutSecretValue"]);
    expect(route53.changes.at(-1)).toEqual({
      domain: DOMAIN,
      records: [{ name: `${selector}._domainkey.${DOMAIN}`, type: "TXT", strings: ["v=DKIM1; k=rsa; p="] }],
    });
    expect(result.dnsPublication).toMatchObject({ names: [`${selector}._domainkey.${DOMAIN}`], answering: true });
    expect(history(world)[selector]).toMatchObject({ status: "retired" });
  });

  it("a refused publish leaves the retirement unrecorded, and the same command run again publishes and records it", async () => {
    const world = byodkimWorld();
    const route53 = fakePublisher(world);
    const selector = await readyToRetire(route53.ctx);
    route53.failNext(denied);
    const failed = await retire(route53.ctx, { selector, domain: DOMAIN, deleteKey: false, yes: true, dryRun: false });
    expect(failed).toMatchObject({
      outcome: "failedDuringChange",
      exitCode: ExitCode.awsFailureDuringChange,
      finishCommand: `byodkim retire ${selector} ${DOMAIN}`,
    });
    expect(failed.summary.key).toBe("dnsPublish.failed.again");
    expect(renderChangeText(out, failed)).toContain(`Run the same command again to publish them: byodkim retire ${selector} ${DOMAIN}`);
    expect(history(world)[selector]?.["status"]).not.toBe("retired");
    const again = await retire(route53.ctx, { selector, domain: DOMAIN, deleteKey: false, yes: true, dryRun: false });
    expect(again).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, dnsPublication: { answering: true } });
    expect(history(world)[selector]).toMatchObject({ status: "retired" });
  });
});

describe("rollback to Easy DKIM publishes SES's three CNAMEs itself", () => {
  it("switches SES, publishes <token>._domainkey CNAMEs to <token>.dkim.amazonses.com, then records", async () => {
    const world = newWorld({ key });
    const route53 = fakePublisher(world);
    expect((await enable(route53.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false })).outcome).toBe(
      "completed",
    );
    const result = await rollback(route53.ctx, { domain: DOMAIN, to: "easy-dkim", yes: true, dryRun: false, reason: "test", forceUnlock: false });
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(route53.changes.at(-1)).toEqual({
      domain: DOMAIN,
      records: ["new1", "new2", "new3"].map((token) => ({ name: `${token}._domainkey.${DOMAIN}`, type: "CNAME", target: `${token}.dkim.amazonses.com` })),
    });
    expect(result.dnsRecordsNeeded).toEqual([]);
    expect(result.warnings.map((warning) => warning.key)).not.toContain("rollback.cnamesMissing");
    expect(renderPlan(out, result.plan!)).toContain("the three CNAMEs SES gives for Easy DKIM");
    const tail = changes(world).slice(-3);
    expect(tail).toEqual(["PutEmailIdentityDkimSigningAttributes", "ChangeResourceRecordSets", "PutSecretValue"]);
  });
});

describe("rollback whose CNAMEs could not be published", () => {
  it("is exit 4 with SES at Easy DKIM and the rollback unrecorded, and the printed command run again publishes them", async () => {
    const world = newWorld({ key });
    const route53 = fakePublisher(world);
    expect((await enable(route53.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false })).outcome).toBe(
      "completed",
    );
    route53.failNext(denied);
    const failed = await rollback(route53.ctx, { domain: DOMAIN, to: "easy-dkim", yes: true, dryRun: false, reason: "test", forceUnlock: false });
    expect(failed).toMatchObject({
      outcome: "failedDuringChange",
      exitCode: ExitCode.awsFailureDuringChange,
      rollbackCommand: `byodkim rollback ${DOMAIN} --to easy-dkim`,
    });
    expect(failed.summary).toMatchObject({ key: "dnsPublish.failed.again", params: { retry: `byodkim rollback ${DOMAIN} --to easy-dkim` } });
    expect(world.dkim.origin).toBe("AWS_SES");
    expect(world.state()["rollback_target"]).toBeUndefined();
    const again = await rollback(route53.ctx, { domain: DOMAIN, to: "easy-dkim", yes: true, dryRun: false, reason: "test", forceUnlock: false });
    expect(again).toMatchObject({
      outcome: "completed",
      exitCode: ExitCode.ok,
      dnsPublication: { names: ["new1", "new2", "new3"].map((t) => `${t}._domainkey.${DOMAIN}`), answering: true },
    });
    expect(world.state()["rollback_target"]).toBe("easy-dkim");
  });
});

describe("the name guard", () => {
  it("refuses a record at any name but the identity's selectors', before the provider hears of it", async () => {
    const world = newWorld({ key });
    const route53 = fakePublisher(world);
    const entries: { event: string; fields?: Record<string, unknown> }[] = [];
    const journal = {
      path: "/j",
      runId: "r",
      append: (event: string, fields?: Record<string, unknown>) => void entries.push({ event, ...(fields ? { fields } : {}) }),
    };
    const publish = publishDnsRecords(
      route53.ctx,
      route53.ctx.dnsPublisher!,
      {
        domain: DOMAIN,
        selectors: ["sel1"],
        records: [
          { name: "sel1._domainkey.goo.ne.jp", type: "TXT", strings: ["v=DKIM1; k=rsa; p="] },
          { name: "_dmarc.goo.ne.jp", type: "TXT", strings: ["v=DMARC1; p=none"] },
        ],
      },
      journal,
    );
    await expect(publish).rejects.toMatchObject({
      kind: "refused",
      what: { key: "dnsPublish.nameRefused", params: { name: "_dmarc.goo.ne.jp", allowed: "sel1._domainkey.goo.ne.jp" } },
    });
    expect(route53.changes).toEqual([]);
    expect(world.calls).not.toContain("ChangeResourceRecordSets");
    expect(entries).toEqual([{ event: "dns-publish-refused", fields: { provider: "route53", names: ["_dmarc.goo.ne.jp"] } }]);
  });
});

import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { verify } from "../../src/commands/verify.js";
import type { ProbeConfig } from "../../src/config/probeConfig.js";
import type { VerifyResult } from "../../src/engine/results.js";
import { ByodkimError } from "../../src/errors.js";
import { renderVerifyText, verifyJson } from "../../src/ui/renderVerify.js";
import { DOMAIN, fakeWorld, SELECTOR, type SentEmail } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { plainOutput } from "../support/plainOutput.js";
import { asReceived, dkimSigned } from "../support/receivedMail.js";

const key = generateTestKey(2048);
const PROBE: ProbeConfig = {
  from: "byodkim-probe@{domain}",
  targets: [
    { name: "ses-inbound", to: "probe@inbound.example.jp", readBack: { kind: "s3", bucket: "inbound", prefix: "probe/", region: "us-east-1" } },
    { name: "docomo", to: "probe@docomo.example.jp", readBack: { kind: "s3", bucket: "inbound", prefix: "docomo/", region: undefined } },
  ],
};

/** An identity enable switched to the fake's key; the probe's mailboxes get what `deliver` makes of each message. */
async function enabledWorld(deliver: (email: SentEmail) => Promise<string | null>) {
  const world = fakeWorld({ key });
  const enabled = await enable(world.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
  expect(enabled.outcome).toBe("completed");
  const ctx = { ...world.ctx, config: { ...world.ctx.config, probe: PROBE } };
  world.onSend(async (email) => {
    const raw = await deliver(email);
    const prefix = email.to.startsWith("probe@docomo") ? "docomo/" : "probe/";
    if (raw !== null) world.putInbound("inbound", `${prefix}${email.headers["X-Byodkim-Probe"]}`, raw);
  });
  return { ...world, ctx };
}

const probeIn = (world: Awaited<ReturnType<typeof enabledWorld>>, timeout = 120) =>
  verify(world.ctx, { domain: DOMAIN, selector: undefined, waitSeconds: 0, sendTest: undefined, eml: undefined, probeTimeoutSeconds: timeout });
const probeGate = (result: VerifyResult) => result.gates.find((gate) => gate.id === "probe")!;
const outcomes = (result: VerifyResult) =>
  (probeGate(result).data!["targets"] as { target: string; outcome: string }[]).map((target) => `${target.target}:${target.outcome}`);

describe("verify --probe (in process, fakes)", () => {
  it("passes when every mailbox got the probe signed by d=<domain> s=<selector>, and names both", async () => {
    const world = await enabledWorld(async (email) =>
      dkimSigned(asReceived(email, `mx.docomo.example; dkim=pass header.d=${DOMAIN} header.s=${SELECTOR}`), DOMAIN, SELECTOR, key.pem),
    );
    const result = await probeIn(world);
    expect(result.ok).toBe(true);
    expect(outcomes(result)).toEqual(["ses-inbound:pass", "docomo:pass"]);
    const text = renderVerifyText(plainOutput("en", false), result);
    expect(text).toContain(`every mailbox (2) got the probe signed by d=${DOMAIN} s=${SELECTOR}`);
    expect(text).toContain("ses-inbound → probe@inbound.example.jp, read back from S3 inbound/probe/:");
    expect(text).toContain(`delivered after 0 s, signed by d=${DOMAIN} s=${SELECTOR}: pass`);
    expect(text).toContain(`DKIM-Signature d=${DOMAIN} s=${SELECTOR}: pass, aligned with From`);
    expect(text).toContain(`Authentication-Results by mx.docomo.example: dkim=pass header.d=${DOMAIN} header.s=${SELECTOR}`);
    const json = verifyJson(plainOutput("en", true), result) as { gates: { id: string; data: { targets: { signatures: unknown[] }[] } }[] };
    expect(json.gates.find((gate) => gate.id === "probe")!.data.targets[0]!.signatures).toEqual([
      { domain: DOMAIN, selector: SELECTOR, result: "pass", aligned: true },
    ]);
    expect(world.sentEmails.map((email) => email.from)).toEqual([`byodkim-probe@${DOMAIN}`, `byodkim-probe@${DOMAIN}`]);
  });

  it("fails (exit 1) for another selector and for amazonses.com alone, naming each", async () => {
    const other = generateTestKey(2048);
    let n = 0;
    const world = await enabledWorld(async (email) =>
      ++n === 1 ? dkimSigned(asReceived(email), DOMAIN, "gooid-21-pro-20250101-1", key.pem) : dkimSigned(asReceived(email), "amazonses.com", "ug7", other.pem),
    );
    const result = await probeIn(world);
    expect(result.ok).toBe(false);
    expect(outcomes(result)).toEqual(["ses-inbound:otherSelector", "docomo:amazonsesOnly"]);
    const text = renderVerifyText(plainOutput("ja", false), result);
    expect(text).toContain(`署名は d=${DOMAIN} s=gooid-21-pro-20250101-1 で、想定の s=${SELECTOR} ではありません`);
    expect(text).toContain(`署名は amazonses.com のみで、${DOMAIN} の署名がありません`);
  });

  it("a probe that never arrives is notDelivered after --probe-timeout; a tampered one failed, with mailauth's reason", async () => {
    let n = 0;
    const world = await enabledWorld(async (email) =>
      ++n === 1 ? null : (await dkimSigned(asReceived(email), DOMAIN, SELECTOR, key.pem)).replace("It can be deleted.", "Changed in transit."),
    );
    const result = await probeIn(world, 30);
    expect(outcomes(result)).toEqual(["ses-inbound:notDelivered", "docomo:failed"]);
    const text = renderVerifyText(plainOutput("en", false), result);
    expect(text).toContain("not delivered within 30 s");
    expect(text).toMatch(/did not verify: neutral: body hash did not verify/);
  });

  it("sends nothing when the role may not send the probe: the permissions gate says so first", async () => {
    const world = await enabledWorld(async () => null);
    world.deny("ses:SendEmail");
    const result = await probeIn(world);
    expect(probeGate(result)).toMatchObject({ status: "fail", notChecked: true });
    expect(world.sentEmails).toEqual([]);
  });

  it("without probe: says how to configure it, before asking AWS anything; with --send-test it asks for one of the two", async () => {
    const world = fakeWorld({ key });
    const refused = await verify(world.ctx, {
      domain: DOMAIN,
      selector: undefined,
      waitSeconds: 0,
      sendTest: undefined,
      eml: undefined,
      probeTimeoutSeconds: 120,
    }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ByodkimError);
    expect((refused as ByodkimError).what.key).toBe("probe.notConfigured");
    expect(world.calls).toEqual([]);
    const both = await verify(
      { ...world.ctx, config: { ...world.ctx.config, probe: PROBE } },
      { domain: DOMAIN, selector: undefined, waitSeconds: 0, sendTest: "ops@example.org", eml: undefined, probeTimeoutSeconds: 120 },
    ).catch((err: unknown) => err);
    expect((both as ByodkimError).what.key).toBe("verify.probeWithSendTest");
  });
});

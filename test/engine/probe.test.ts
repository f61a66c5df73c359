import { describe, expect, it } from "vitest";
import type { ProbeConfig } from "../../src/config/probeConfig.js";
import { runProbes } from "../../src/engine/probe/probe.js";
import { DOMAIN, fakeWorld, SELECTOR, type SentEmail } from "../support/fakeWorld.js";
import { dkimSigned } from "../support/receivedMail.js";

const INBOUND = { kind: "s3", bucket: "inbound", prefix: "probe/", region: undefined } as const;
const PROBE: ProbeConfig = { from: "byodkim-probe@{domain}", targets: [{ name: "ses-inbound", to: "probe@inbound.example.jp", readBack: INBOUND }] };

const asReceived = (email: SentEmail) =>
  [
    `From: ${email.from}`,
    `To: ${email.to}`,
    `Subject: ${email.subject}`,
    "Date: Wed, 25 Nov 2026 19:00:00 +0900",
    `Message-ID: <${Object.values(email.headers)[0]}@${DOMAIN}>`,
    ...Object.entries(email.headers).map(([name, value]) => `${name}: ${value}`),
    "",
    email.body,
    "",
  ].join("\r\n");

function world() {
  const w = fakeWorld();
  const ctx = { ...w.ctx, config: { ...w.ctx.config, probe: PROBE } };
  return { ...w, ctx };
}

describe("the probe, read back from an SES receipt rule's S3 prefix", () => {
  it("sends one message with the token in a header and the subject, finds it among others and passes it", async () => {
    const w = world();
    w.putInbound("inbound", "probe/older", "From: someone@example.org\r\n\r\nold mail\r\n");
    w.onSend(async (email) => {
      w.putInbound("inbound", "probe/other", "From: x@example.org\r\nX-Byodkim-Probe: 0000000000000000\r\n\r\nanother probe\r\n");
      w.putInbound("inbound", "probe/ours", await dkimSigned(asReceived(email), DOMAIN, SELECTOR, w.key.pem));
    });
    const [result] = await runProbes(w.ctx, { domain: DOMAIN, selector: SELECTOR }, 120);
    const [email] = w.sentEmails;
    expect(email).toMatchObject({ from: `byodkim-probe@${DOMAIN}`, to: "probe@inbound.example.jp" });
    expect(email!.headers["X-Byodkim-Probe"]).toMatch(/^[0-9a-f]{16}$/);
    expect(email!.subject).toBe(`byodkim probe ${email!.headers["X-Byodkim-Probe"]}`);
    expect(result).toMatchObject({ outcome: "pass", foundAt: "probe/ours", token: email!.headers["X-Byodkim-Probe"], messageId: "m-1" });
    expect(result!.signatures).toEqual([{ domain: DOMAIN, selector: SELECTOR, result: "pass", comment: undefined, aligned: true }]);
  });

  it("waits with a countdown until the timeout and says notDelivered, never reading what was there before", async () => {
    const w = world();
    w.putInbound("inbound", "probe/older", "From: someone@example.org\r\n\r\nold mail\r\n");
    const [result] = await runProbes(w.ctx, { domain: DOMAIN, selector: SELECTOR }, 12);
    expect(result).toMatchObject({ outcome: "notDelivered", deliveredAt: null });
    const countdown = w.events.flatMap((event) => (event.type === "progress" && event.message ? [event.message.params?.["seconds"]] : []));
    expect(countdown[0]).toBe(12);
    expect(countdown.at(-1)).toBe(1);
    expect(w.calls.filter((call) => call === "GetObject")).toEqual([]);
    expect(w.events.at(-1)).toEqual({ type: "progress", message: null });
  });

  it("a message arriving later is found on a later look", async () => {
    const w = world();
    let looks = 0;
    w.before("ListObjectsV2", async () => {
      if (++looks === 4) w.putInbound("inbound", "probe/late", await dkimSigned(asReceived(w.sentEmails[0]!), DOMAIN, "gooid-21-pro-20250101-1", w.key.pem));
    });
    const [result] = await runProbes(w.ctx, { domain: DOMAIN, selector: SELECTOR }, 120);
    expect(result).toMatchObject({ outcome: "otherSelector", verdict: { signature: { selector: "gooid-21-pro-20250101-1" } } });
    expect(Date.parse(result!.deliveredAt!) - Date.parse(result!.sentAt!)).toBe(10_000);
  });

  it("does not send when the inbound prefix cannot be listed, and says why", async () => {
    const w = world();
    w.fail("ListObjectsV2");
    const [result] = await runProbes(w.ctx, { domain: DOMAIN, selector: SELECTOR }, 120);
    expect(result).toMatchObject({ outcome: "unreadable", messageId: null });
    expect(result!.problem?.key).toBe("aws.accessDenied");
    expect(w.sentEmails).toEqual([]);
  });

  it("a message without the domain's signature is unsigned; one with a broken body fails", async () => {
    const w = world();
    w.onSend(async (email) => w.putInbound("inbound", "probe/plain", asReceived(email)));
    expect((await runProbes(w.ctx, { domain: DOMAIN, selector: SELECTOR }, 120))[0]!.outcome).toBe("unsigned");
    w.onSend(async (email) =>
      w.putInbound("inbound", "probe/tampered", (await dkimSigned(asReceived(email), DOMAIN, SELECTOR, w.key.pem)).replace("It can be deleted.", "Changed.")),
    );
    const [failed] = await runProbes(w.ctx, { domain: DOMAIN, selector: SELECTOR }, 120);
    expect(failed).toMatchObject({ outcome: "failed", verdict: { reason: expect.stringContaining("body hash") } });
  });
});

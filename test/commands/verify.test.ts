import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { verify } from "../../src/commands/verify.js";
import type { VerifyResult } from "../../src/engine/results.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { verifyJson } from "../../src/ui/renderVerify.js";
import { plainOutput } from "../support/plainOutput.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { dkimSigned } from "../support/receivedMail.js";
import { generateTestKey } from "../support/keys.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const out = plainOutput("en", true);

/** An identity enable switched to the fake's key, as `byodkim enable --yes` leaves it. */
async function enabledWorld(): Promise<World> {
  const world = newWorld({ key });
  const enabled = await enable(world.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
  expect(enabled.outcome).toBe("completed");
  return world;
}
const verifyIn = (world: World, options: { waitSeconds?: number; sendTest?: string; eml?: string } = {}) =>
  verify(world.ctx, { domain: DOMAIN, selector: undefined, waitSeconds: options.waitSeconds ?? 0, sendTest: options.sendTest, eml: options.eml });
/** The gates as `verify --json` shows them. */
const gatesOf = (result: VerifyResult) => (verifyJson(out, result) as { gates: { id: string; status: string; code: string }[] }).gates;
const gate = (result: VerifyResult, id: string) => gatesOf(result).find((candidate) => candidate.id === id);

/** A received message, signed with `pem` for the enabled selector, as a file the operator saved. */
async function signedMessageFiles(pem: string): Promise<{ good: string; tampered: string }> {
  const message = `From: ops@${DOMAIN}\r\nTo: someone@example.org\r\nSubject: DKIM check\r\nDate: Wed, 17 Sep 2025 10:00:00 +0900\r\nMessage-ID: <check@${DOMAIN}>\r\n\r\nHello from BYODKIM.\r\n`;
  const signed = await dkimSigned(message, DOMAIN, SELECTOR, pem);
  const dir = mkdtempSync(join(tmpdir(), "byodkim-eml-"));
  writeFileSync(join(dir, "good.eml"), signed);
  writeFileSync(join(dir, "tampered.eml"), signed.replace("Hello from BYODKIM.", "Hello from someone else."));
  return { good: join(dir, "good.eml"), tampered: join(dir, "tampered.eml") };
}

describe("verify after enable (in process, fakes)", () => {
  it("passes after enable, and sends a test message through SES", async () => {
    const world = await enabledWorld();
    const result = await verifyIn(world, { sendTest: "ops@example.org" });
    expect(result.ok).toBe(true);
    expect(gatesOf(result).map((gate) => `${gate.id}:${gate.status}`)).toEqual([
      "identity:pass",
      "permissions:pass",
      "ses:pass",
      "state:pass",
      "alarms:pass",
      "key:pass",
      "dns:pass",
      "sendTest:pass",
    ]);
    expect(gate(result, "sendTest")).toMatchObject({ code: "verify.sendTest.sentUnchecked" });
    expect(world.calls).toContain("SendEmail");
  });

  it("fails while the verification alarm is still in ALARM", async () => {
    const world = await enabledWorld();
    world.setAlarm("ALARM");
    const result = await verifyIn(world);
    expect(result.ok).toBe(false);
    expect(gate(result, "alarms")).toMatchObject({ status: "fail", code: "gate.alarms.fail" });
  });

  it("waits with --wait until the verification alarm settles, saying it is not settled yet", async () => {
    const world = await enabledWorld();
    world.setAlarm("ALARM");
    // The alarm clears only after verify has seen it firing once.
    let looks = 0;
    world.before("DescribeAlarms", () => {
      if (++looks === 2) world.setAlarm("OK");
    });
    const result = await verifyIn(world, { waitSeconds: 30 });
    expect(result.ok).toBe(true);
    expect(gate(result, "alarms")).toMatchObject({ status: "pass" });
    expect(looks).toBe(2);
    const said = world.events.flatMap((event) => (event.type === "step" ? [createTranslator("en")(event.message)] : []));
    expect(said.some((text) => text.includes("alarms not settled yet"))).toBe(true);
  });

  it("fails when the TXT record no longer holds the key", async () => {
    const world = await enabledWorld();
    world.publish(generateTestKey(2048));
    const result = await verifyIn(world);
    expect(result.ok).toBe(false);
    expect(gate(result, "dns")).toMatchObject({ status: "fail" });
  });

  it("verifies a received message signed with the key, and rejects a tampered one (--eml)", async () => {
    const world = await enabledWorld();
    const files = await signedMessageFiles(key.pem);
    const good = await verifyIn(world, { eml: files.good });
    expect(good.ok).toBe(true);
    expect(gate(good, "eml")).toMatchObject({ status: "pass", code: "verify.eml.pass" });
    const tampered = await verifyIn(world, { eml: files.tampered });
    expect(tampered.ok).toBe(false);
    expect(gate(tampered, "eml")).toMatchObject({ status: "fail", code: "verify.eml.failed" });
  });
});

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ByodkimError } from "../../src/errors.js";
import { alarmsEndpoint, DRILL_REASON, setSandboxAlarm } from "../../src/sandbox/alarmAdmin.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/defaults.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";
import type { SandboxAlarm, SandboxWorld } from "../../src/sandbox/world.js";

const BOUNCE = SANDBOX_DEFAULTS.bounceAlarm;
const SEEDED_AT = new Date("2026-12-04T01:00:00.000Z");
const DRILL_AT = new Date("2026-12-04T03:15:42.250Z");

/** Only the alarms: the endpoint reads nothing else of the world. */
function worldWithAlarms(): SandboxWorld {
  const alarm = (name: string): [string, SandboxAlarm] => [name, { name, state: "OK", reason: "Threshold not crossed (sandbox)", updated: SEEDED_AT }];
  return { alarms: new Map([alarm(BOUNCE), alarm(SANDBOX_DEFAULTS.verificationAlarm)]) } as unknown as SandboxWorld;
}

const post = (body: unknown) => ({
  method: "POST",
  url: new URL("http://sandbox.local/_sandbox/alarms"),
  headers: {},
  body: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
});
const answerOf = (response: { status: number; body: string | Buffer }) => ({ status: response.status, body: JSON.parse(String(response.body)) as unknown });

describe("/_sandbox/alarms sets an alarm's state as SetAlarmState would", () => {
  it("sets the state and reason, and moves StateUpdatedTimestamp to the drill's time", () => {
    const world = worldWithAlarms();
    const answer = answerOf(alarmsEndpoint(world, post({ name: BOUNCE, state: "ALARM", reason: "bounce spike drill" }), DRILL_AT));
    expect(answer).toEqual({ status: 200, body: { name: BOUNCE, state: "ALARM", reason: "bounce spike drill", updated: DRILL_AT.toISOString() } });
    expect(world.alarms.get(BOUNCE)).toEqual({ name: BOUNCE, state: "ALARM", reason: "bounce spike drill", updated: DRILL_AT });
    expect(world.alarms.get(SANDBOX_DEFAULTS.verificationAlarm)!.state).toBe("OK");
  });

  it("gives the drill's own reason when none is sent, and keeps the transition time when the state does not change", () => {
    const world = worldWithAlarms();
    alarmsEndpoint(world, post({ name: BOUNCE, state: "ALARM" }), DRILL_AT);
    expect(world.alarms.get(BOUNCE)!.reason).toBe(DRILL_REASON);
    alarmsEndpoint(world, post({ name: BOUNCE, state: "ALARM", reason: "still spiking" }), new Date(DRILL_AT.getTime() + 60_000));
    expect(world.alarms.get(BOUNCE)).toMatchObject({ state: "ALARM", reason: "still spiking", updated: DRILL_AT });
  });

  it("refuses an alarm the world does not have with 404, naming the alarms it knows, and changes nothing", () => {
    const world = worldWithAlarms();
    const answer = answerOf(alarmsEndpoint(world, post({ name: "bounce-rate", state: "ALARM" }), DRILL_AT));
    expect(answer).toEqual({ status: 404, body: { message: "no alarm named bounce-rate", known: [BOUNCE, SANDBOX_DEFAULTS.verificationAlarm] } });
    expect(world.alarms.has("bounce-rate")).toBe(false);
  });

  it.each([["FIRING"], ["alarm"], [""]])("refuses the state %j with 400, naming the three states, and changes nothing", (state) => {
    const world = worldWithAlarms();
    const answer = answerOf(alarmsEndpoint(world, post({ name: BOUNCE, state }), DRILL_AT));
    expect(answer).toEqual({
      status: 400,
      body: { message: "state must be one of OK, ALARM, INSUFFICIENT_DATA", states: ["OK", "ALARM", "INSUFFICIENT_DATA"] },
    });
    expect(world.alarms.get(BOUNCE)).toMatchObject({ state: "OK", updated: SEEDED_AT });
  });

  it.each([["not json"], [{ state: "ALARM" }], [{ name: BOUNCE }], [{ name: BOUNCE, state: "ALARM", reason: 7 }], [[BOUNCE, "ALARM"]]])(
    "refuses the body %j with 400 and how to write one",
    (body) => {
      const answer = answerOf(alarmsEndpoint(worldWithAlarms(), post(body), DRILL_AT));
      expect(answer.status).toBe(400);
      expect((answer.body as { message: string }).message).toContain('send {"name": "<alarm name>", "state": "OK | ALARM | INSUFFICIENT_DATA"');
    },
  );
});

describe("an alarm set through the running sandbox is what DescribeAlarms answers", () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await startSandbox({ scenario: "good" });
  });
  afterAll(() => box.stop());

  it("answers the new state, reason and StateUpdatedTimestamp through the SDK", async () => {
    const answer = await setSandboxAlarm(box.endpoint, BOUNCE, "ALARM", "bounce spike drill");
    expect(answer).toMatchObject({
      kind: "set",
      previous: { name: BOUNCE, state: "OK" },
      alarm: { name: BOUNCE, state: "ALARM", reason: "bounce spike drill" },
    });
    const client = new CloudWatchClient({
      endpoint: box.endpoint,
      region: SANDBOX_DEFAULTS.region,
      credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" },
      maxAttempts: 1,
    });
    const described = await client.send(new DescribeAlarmsCommand({ AlarmNames: [BOUNCE] }));
    expect(described.MetricAlarms).toHaveLength(1);
    const [alarm] = described.MetricAlarms!;
    expect(alarm).toMatchObject({ AlarmName: BOUNCE, StateValue: "ALARM", StateReason: "bounce spike drill" });
    expect(alarm!.StateUpdatedTimestamp?.toISOString()).toBe(answer.kind === "set" ? answer.alarm.updated : "not set");
    client.destroy();
  });

  it("tells the caller of an unknown alarm the names the sandbox knows", async () => {
    expect(await setSandboxAlarm(box.endpoint, "bounce-rate", "ALARM", undefined)).toEqual({
      kind: "unknownAlarm",
      known: [SANDBOX_DEFAULTS.verificationAlarm, BOUNCE],
    });
  });

  it("says so when the sandbox answering has no alarm endpoint (started by another byodkim)", async () => {
    const older = createServer((_request, response) =>
      response.writeHead(404, { "content-type": "application/json" }).end('{"message":"unknown sandbox endpoint"}'),
    );
    await new Promise<void>((resolve) => older.listen(0, "127.0.0.1", resolve));
    try {
      const error = await setSandboxAlarm(`http://127.0.0.1:${(older.address() as AddressInfo).port}`, BOUNCE, "ALARM", undefined).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(ByodkimError);
      expect((error as ByodkimError).what).toEqual({ key: "sandbox.alarm.notServed", params: { status: 404 } });
    } finally {
      older.closeAllConnections();
      await new Promise((resolve) => older.close(resolve));
    }
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxClockOffsetMs } from "../../src/cli/sandboxClock.js";

const DAY_MS = 86_400_000;
let answer: { status: number; body: string } = { status: 200, body: JSON.stringify({ now: "2027-01-01T00:00:00.000Z", offsetDays: 12 }) };
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((_, response) => response.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body));
  // Both loopback families: "localhost" may resolve to either.
  await new Promise<void>((resolve) => server.listen(0, "::", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("BYODKIM_SANDBOX_CLOCK: byodkim's time from a sandbox on this machine only", () => {
  it.each(["127.0.0.1", "[::1]", "localhost"])("reads the offset from a sandbox at %s", async (host) => {
    answer = { status: 200, body: JSON.stringify({ now: "2027-01-01T00:00:00.000Z", offsetDays: 12 }) };
    expect(await sandboxClockOffsetMs(`http://${host}:${port}/_sandbox/clock`, {})).toBe(12 * DAY_MS);
  });

  it.each([
    "http://192.0.2.10:4510/_sandbox/clock",
    "http://127.0.0.2:4510/_sandbox/clock",
    "https://127.0.0.1:4510/_sandbox/clock",
    "http://localhost.example.com/_sandbox/clock",
    "not a url",
  ])("refuses %s before asking it anything", async (url) => {
    await expect(sandboxClockOffsetMs(url, {})).rejects.toMatchObject({ what: { key: "sandbox.clock.notLoopback" }, kind: "config" });
  });

  it("calls an answer without a whole number of days, or an HTTP error, unreachable", async () => {
    answer = { status: 200, body: JSON.stringify({ now: "x", offsetDays: 1.5 }) };
    await expect(sandboxClockOffsetMs(`http://127.0.0.1:${port}/_sandbox/clock`, {})).rejects.toMatchObject({ what: { key: "sandbox.clock.unreachable" } });
    answer = { status: 404, body: "{}" };
    await expect(sandboxClockOffsetMs(`http://127.0.0.1:${port}/_sandbox/clock`, {})).rejects.toMatchObject({
      what: { key: "sandbox.clock.unreachable", params: { reason: "HTTP 404" } },
    });
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxClockOffsetMs } from "../../src/cli/sandboxClock.js";

const DAY_MS = 86_400_000;
let answer: { status: number; body: string } = { status: 200, body: JSON.stringify({ now: "2027-01-01T00:00:00.000Z", offsetDays: 12 }) };
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((_, response) =>
    response
      .writeHead(answer.status, { "content-type": "application/json", ...(answer.status === 302 ? { location: "http://192.0.2.10:4510/_sandbox/clock" } : {}) })
      .end(answer.body),
  );
  // Both loopback families: "localhost" may resolve to either.
  await new Promise<void>((resolve) => server.listen(0, "::", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sameSandbox = () => ({ AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` });

describe("BYODKIM_SANDBOX_CLOCK: byodkim's time from a sandbox on this machine only", () => {
  it.each(["127.0.0.1", "[::1]", "localhost"])("reads the offset from a sandbox at %s", async (host) => {
    answer = { status: 200, body: JSON.stringify({ now: "2027-01-01T00:00:00.000Z", offsetDays: 12 }) };
    expect(await sandboxClockOffsetMs(`http://${host}:${port}/_sandbox/clock`, { AWS_ENDPOINT_URL: `http://${host}:${port}` })).toBe(12 * DAY_MS);
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
    await expect(sandboxClockOffsetMs(`http://127.0.0.1:${port}/_sandbox/clock`, sameSandbox())).rejects.toMatchObject({
      what: { key: "sandbox.clock.unreachable" },
    });
    answer = { status: 404, body: "{}" };
    await expect(sandboxClockOffsetMs(`http://127.0.0.1:${port}/_sandbox/clock`, sameSandbox())).rejects.toMatchObject({
      what: { key: "sandbox.clock.unreachable", params: { reason: "HTTP 404" } },
    });
  });

  it("is refused for a run whose AWS endpoint is not that sandbox (AWS itself, or another port), before anything is asked", async () => {
    const url = `http://127.0.0.1:${port}/_sandbox/clock`;
    for (const env of [{}, { AWS_ENDPOINT_URL: "https://ses.ap-northeast-1.amazonaws.com" }, { AWS_ENDPOINT_URL: `http://127.0.0.1:${port + 1}` }]) {
      await expect(sandboxClockOffsetMs(url, env)).rejects.toMatchObject({ what: { key: "sandbox.clock.notThisSandbox" }, kind: "config" });
    }
  });

  it("follows no redirect and takes no offset past a hundred years", async () => {
    answer = { status: 302, body: "" };
    await expect(sandboxClockOffsetMs(`http://127.0.0.1:${port}/_sandbox/clock`, sameSandbox())).rejects.toMatchObject({
      what: { key: "sandbox.clock.unreachable" },
    });
    answer = { status: 200, body: JSON.stringify({ now: "x", offsetDays: 10_000_000 }) };
    await expect(sandboxClockOffsetMs(`http://127.0.0.1:${port}/_sandbox/clock`, sameSandbox())).rejects.toMatchObject({
      what: { key: "sandbox.clock.unreachable" },
    });
  });
});

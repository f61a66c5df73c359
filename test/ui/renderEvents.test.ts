import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GateResult } from "../../src/gates/types.js";
import { msg } from "../../src/messages/msg.js";
import { clockDuration, createEventRenderer, dkimStatusLine } from "../../src/ui/renderEvents.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { createOutput } from "../../src/ui/output.js";
import { fakeTerminal } from "../support/fakeTerminal.js";

const terminal = () => fakeTerminal(100);

const passed = (id: GateResult["id"]): GateResult => ({ id, status: "pass", detail: msg("gate.notChecked.identity") }) as GateResult;

describe("the spinner of a change's steps", () => {
  // Only ora's frame timer is faked: frames are counted by advancing it, never by waiting.
  beforeEach(() => void vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] }));
  afterEach(() => void vi.useRealTimers());

  async function spinningOn(id: GateResult["id"]) {
    const stderr = terminal();
    const out = createOutput({ stdout: { write: () => true }, stderr: stderr.stream, env: {}, json: false, lang: "en", colorFlag: false, verbose: false });
    const events = createEventRenderer(out, {});
    events.emit({ type: "gateStarted", id });
    await import("ora");
    await vi.waitFor(() => expect(stderr.written()).toContain("checking"), { timeout: 20_000 });
    return { stderr, events };
  }

  const framesWhile = (stderr: ReturnType<typeof terminal>) => {
    const before = stderr.written().length;
    vi.advanceTimersByTime(1000);
    return stderr.written().slice(before);
  };

  it("stops checking AWS permissions once the re-check's last gate has answered, before the calls", async () => {
    const { stderr, events } = await spinningOn("permissions");
    expect(framesWhile(stderr)).toContain("checking AWS permissions");
    events.emit({ type: "gateFinished", result: passed("permissions") });
    events.emit({ type: "step", message: msg("change.calling", { call: "PutEmailIdentityDkimSigningAttributes" }) });
    expect(stderr.written()).toContain("PutEmailIdentityDkimSigningAttributes");
    // Nothing spins on through the call and the wait.
    expect(framesWhile(stderr)).toBe("");
    events.stop();
  });

  it("stops when the next step begins even if a gate never said it finished", async () => {
    const { stderr, events } = await spinningOn("ses");
    events.emit({ type: "step", message: msg("change.waiting") });
    expect(framesWhile(stderr)).toBe("");
    events.stop();
  });

  it("keeps spinning through a retried call's line while its gates still run", async () => {
    const { stderr, events } = await spinningOn("dns");
    events.emit({
      type: "throttled",
      retry: { service: "SES", operation: "GetEmailIdentity", attempt: 2, maxAttempts: 4, error: "TooManyRequestsException", cause: "throttling" },
    });
    expect(stderr.written()).toContain("GetEmailIdentity");
    expect(framesWhile(stderr)).toContain("checking DKIM record in DNS");
    events.emit({ type: "gateFinished", result: passed("dns") });
    expect(framesWhile(stderr)).toBe("");
    events.stop();
  });

  it("keeps spinning while another gate of the same check still runs", async () => {
    const { stderr, events } = await spinningOn("dns");
    events.emit({ type: "gateStarted", id: "permissions" });
    events.emit({ type: "gateFinished", result: passed("dns") });
    expect(framesWhile(stderr)).toContain("checking AWS permissions");
    events.emit({ type: "gateFinished", result: passed("permissions") });
    expect(framesWhile(stderr)).toBe("");
    events.stop();
  });
});

describe("the DKIM wait's line", () => {
  const en = createTranslator("en");
  const ja = createTranslator("ja");
  const status = (status: string, errorType: string | null, elapsedMs: number) =>
    dkimStatusLine({ type: "dkimStatus", status, errorType, elapsedMs, waitMs: 1_800_000 });

  it("shows the status, the time gone and the --wait limit", () => {
    expect(en(status("PENDING", null, 42_000))).toBe("waiting for SES: PENDING · 0:42 of 30:00");
    expect(ja(status("PENDING", null, 42_000))).toBe("SES の検証を待っています：PENDING（0:42 経過／上限 30:00）");
  });

  it("names SES's error only when SES gave one, and never shows an empty field", () => {
    expect(en(status("SUCCESS", null, 95_000))).toBe("SES answered SUCCESS after 1:35 (limit 30:00)");
    expect(en(status("TEMPORARY_FAILURE", "DNS_SERVER_ERROR", 61_000))).toBe(
      "waiting for SES: TEMPORARY_FAILURE, SES reports DNS_SERVER_ERROR · 1:01 of 30:00",
    );
    expect(en(status("FAILED", "HOST_NOT_FOUND", 61_000))).toContain("reporting HOST_NOT_FOUND");
    for (const line of [status("SUCCESS", null, 0), status("PENDING", null, 0)].flatMap((m) => [en(m), ja(m)])) {
      expect(line).not.toMatch(/error|エラー|: -|：-|\(-\)/);
    }
  });

  it("counts hours past the hour", () => {
    expect(clockDuration(3_905_000)).toBe("1:05:05");
    expect(clockDuration(0)).toBe("0:00");
  });
});

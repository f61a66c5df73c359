import { describe, expect, it, vi } from "vitest";
import { carryingOptions } from "../../src/ui/carriedOptions.js";
import { createOutput } from "../../src/ui/output.js";
import { fakeTerminal } from "../support/fakeTerminal.js";
import { createSpinner } from "../../src/ui/spinner.js";

const terminal = fakeTerminal;

function progressOn(stderr: ReturnType<typeof terminal>, env: NodeJS.ProcessEnv = {}) {
  const out = createOutput({ stdout: { write: () => true }, stderr: stderr.stream, env, json: false, lang: "en", colorFlag: false, verbose: false });
  return createSpinner(out, env);
}

describe("spinner on stderr", () => {
  it("spins on a terminal, naming the gates still running", async () => {
    const stderr = terminal(80);
    const progress = progressOn(stderr);
    progress.started("dns");
    // ora loads in the background; the spinner appears once it has (a busy machine may take seconds).
    await vi.waitFor(() => expect(stderr.written()).toContain("checking DKIM record in DNS"), { timeout: 20_000 });
    progress.stop();
  });

  it("shows nothing when the gates are done before ora has loaded", async () => {
    const stderr = terminal(80);
    const progress = progressOn(stderr);
    progress.started("dns");
    progress.finished("dns");
    progress.stop();
    // ora has loaded (and the spinner's own import has answered, asked first): it still shows nothing.
    await import("ora");
    await new Promise((resolve) => setImmediate(resolve));
    expect(stderr.written()).toBe("");
  });

  it.each([
    ["a terminal that reports no width (it would never finish clearing lines)", terminal(0), {}],
    ["a pipe", terminal(80, false), {}],
    ["CI", terminal(80), { CI: "true" }],
  ])("stays silent on %s", (_what, stderr, env) => {
    const progress = progressOn(stderr, env);
    progress.started("dns");
    progress.stop();
    expect(stderr.written()).toBe("");
  });

  it("spins on the stderr that carries --config into printed commands, and writes through it after", async () => {
    const stderr = terminal(80);
    const carrying = carryingOptions(stderr.stream, [{ flag: "--config", value: "/tmp/sandbox/byodkim.config.yaml" }]);
    const out = createOutput({ stdout: { write: () => true }, stderr: carrying, env: {}, json: false, lang: "en", colorFlag: false, verbose: false });
    const progress = createSpinner(out, {});
    progress.started("dns");
    await vi.waitFor(() => expect(stderr.written()).toContain("checking DKIM record in DNS"), { timeout: 20_000 });
    // ora wraps the write of the stream it spins on: over the Proxy, the wrappers once called each other without end.
    carrying.write("· run byodkim verify goo.ne.jp\n");
    progress.stop();
    carrying.write("· run byodkim rollback goo.ne.jp\n");
    expect(stderr.written()).toContain("byodkim verify goo.ne.jp --config /tmp/sandbox/byodkim.config.yaml");
    expect(stderr.written()).toContain("byodkim rollback goo.ne.jp --config /tmp/sandbox/byodkim.config.yaml");
  });
});

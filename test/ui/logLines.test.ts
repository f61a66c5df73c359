import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import type { Lang } from "../../src/messages/catalogue.js";
import { msg } from "../../src/messages/msg.js";
import { logFormatOf } from "../../src/cli/options.js";
import { ByodkimError } from "../../src/errors.js";
import { createJsonLog } from "../../src/ui/logLines.js";
import { createOutput } from "../../src/ui/output.js";
import { DOMAIN, fakeWorld } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { keyFree } from "../support/plainOutput.js";

const key = generateTestKey(2048);

/** A run whose events go to --log-format json's sink: what stderr and stdout received. */
function logged(lang: Lang = "en") {
  const stderr: string[] = [];
  const stdout: string[] = [];
  const out = createOutput({
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text), isTTY: true },
    // A terminal that takes colour: the log lines carry none all the same.
    env: { FORCE_COLOR: "1" },
    json: false,
    lang,
    colorFlag: true,
    verbose: false,
  });
  const scope = { command: "enable", domain: null as string | null, runId: null as string | null };
  const world = fakeWorld({ key });
  const events = createJsonLog(
    out,
    () => scope,
    () => new Date("2026-12-04T01:02:03.000Z"),
  );
  const ctx = { ...world.ctx, events };
  return { ctx, world, scope, stderr: () => stderr.join(""), stdout: () => stdout.join("") };
}

const linesOf = (text: string) =>
  text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("--log-format json", () => {
  it("writes one JSON object a line on stderr for each step of a change, with the run's fields, no colour and no key", async () => {
    const run = logged();
    run.scope.domain = DOMAIN;
    run.scope.runId = "run1";
    const result = await enable(run.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
    expect(result.outcome).toBe("completed");
    const text = run.stderr();
    expect(text).not.toContain("\u001b[");
    keyFree(text, key.canaries);
    const lines = linesOf(text);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(Object.keys(line).slice(0, 6)).toEqual(["at", "level", "command", "domain", "runId", "event"]);
      expect(line).toMatchObject({ at: "2026-12-04T01:02:03.000Z", command: "enable", domain: DOMAIN, runId: "run1" });
      expect(["info", "warning", "error"]).toContain(line["level"]);
    }
    expect(lines.map((line) => line["event"])).toEqual(expect.arrayContaining(["gateFinished", "plan", "step", "dkimStatus"]));
    expect(lines.find((line) => line["event"] === "plan")?.["calls"]).toEqual(expect.arrayContaining(["PutEmailIdentityDkimSigningAttributes"]));
    // The checklist and the plan are log lines now: stdout is left to the result.
    expect(run.stdout()).toBe("");
  });

  it("gives each message its code beside the sentence, in the run's language", async () => {
    const run = logged("ja");
    await enable(run.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
    const step = linesOf(run.stderr()).find((line) => line["event"] === "gateFinished")!;
    expect(typeof step["code"]).toBe("string");
    expect(String(step["message"])).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("says a warning at warning level with its code", () => {
    const run = logged();
    run.ctx.events.emit({ type: "marked", mark: "warning", message: msg("journal.mirror.putFailed", { bucket: "b", key: "k" }) });
    expect(linesOf(run.stderr())).toEqual([expect.objectContaining({ level: "warning", event: "marked", mark: "warning", code: "journal.mirror.putFailed" })]);
  });

  it.each([
    [undefined, "text"],
    ["text", "text"],
    ["json", "json"],
  ] as const)("takes --log-format %s as %s", (given, format) => {
    expect(logFormatOf(given)).toBe(format);
  });

  it("refuses any other format as a usage error, naming it", () => {
    expect(() => logFormatOf("yaml")).toThrowError(ByodkimError);
    try {
      logFormatOf("yaml");
    } catch (err) {
      expect((err as ByodkimError).what).toEqual(msg("cli.badLogFormat", { value: '"yaml"' }));
      expect((err as ByodkimError).kind).toBe("usage");
    }
  });
});

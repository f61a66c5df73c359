import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { describe, expect, it, vi } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { printedCommand } from "../support/printedCommand.js";
import { rehearsal } from "../support/rehearsal.js";

type Rehearsal = Awaited<ReturnType<typeof rehearsal>>;
const DOMAIN = SANDBOX_DEFAULTS.domain;

/** The sandbox's mail drill, as `byodkim sandbox hold-pending` sends it from another shell. */
async function holdPending(r: Rehearsal, hold: boolean): Promise<void> {
  const response = await fetch(`${r.box.endpoint}/_sandbox/mail`, { method: "POST", body: JSON.stringify({ identity: DOMAIN, holdPending: hold }) });
  expect(response.status).toBe(200);
}

interface WindowJson {
  probes: number;
  unsigned: number;
  firstUnsignedAt: string | null;
  lastUnsignedAt: string | null;
  firstNewSelectorAt: string | null;
  selector: string;
  shots: { sentAt: string; verdict: string; selector: string | null }[];
}

describe("enable --probe-every against the sandbox: the unsigned window", () => {
  it("measures the probes that left without the domain's signature while SES was held PENDING, then the first signed by the new selector", async () => {
    const r = await rehearsal();
    await holdPending(r, true);
    const run = r.byodkim(["enable", "--yes", "--probe-every", "1", "--probe", "--probe-timeout", "30", "--json"]);
    // Released once two probes have gone out while PENDING: a condition the run reaches, not a time.
    await vi.waitFor(() => expect(r.box.world.mail.sent.length).toBeGreaterThanOrEqual(2), { timeout: 60_000, interval: 100 });
    await holdPending(r, false);
    const result = await run;
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { unsignedWindow: WindowJson; probes: { outcome: string }[]; selector: string };
    const window = json.unsignedWindow;
    expect(window.unsigned).toBeGreaterThanOrEqual(2);
    expect(window.selector).toBe(json.selector);
    expect(window.firstNewSelectorAt).not.toBeNull();
    // Every probe sent before the first one the new selector signed carried no signature of the domain.
    const before = window.shots.filter((shot) => shot.sentAt < window.firstNewSelectorAt!);
    expect(before.map((shot) => shot.verdict)).toEqual(before.map(() => "amazonsesOnly"));
    expect(window.shots.find((shot) => shot.sentAt === window.firstNewSelectorAt)).toMatchObject({ verdict: "pass", selector: json.selector });
    expect(window.lastUnsignedAt! < window.firstNewSelectorAt!).toBe(true);
    // --probe: after SUCCESS, both mailboxes read back signed by the new selector.
    expect(json.probes.map((probe) => probe.outcome)).toEqual(["pass", "pass"]);
    // The journal keeps the window, and the change report tells it.
    expect(r.journalEntries().filter((entry) => entry.event === "probe-window")).toHaveLength(1);
    const report = await r.byodkim(["report", "latest", "--format", "md"]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain("**Unsigned window**");
    expect(report.stdout).toContain(`${window.unsigned} of ${window.probes} probes left without ${DOMAIN}'s own signature`);
    expect(report.stdout).toContain(`the first probe signed by ${json.selector} was sent`);
  });

  it("enable --probe whose mail reads back with a failing signature ends unconfirmed (exit 5), and its undo runs as printed", async () => {
    const r = await rehearsal();
    const drill = await fetch(`${r.box.endpoint}/_sandbox/mail`, { method: "POST", body: JSON.stringify({ identity: DOMAIN, wrongKey: true }) });
    expect(drill.status).toBe(200);
    const result = await r.byodkim(["enable", "--yes", "--probe", "--probe-timeout", "30"]);
    expect(result.code, result.stdout + result.stderr).toBe(5);
    expect(result.stdout).toContain("but the probe mail read back was not signed by it: the change is made and not confirmed");
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", status: "SUCCESS" });
    const undo = printedCommand(result.stdout, "To undo:");
    expect(undo).toEqual(["rollback", DOMAIN]);
    // Exactly as printed: the operator types the domain at its question.
    const undone = await r.byodkim(undo, { stdin: `${DOMAIN}\n` });
    expect(undone.code, undone.stdout + undone.stderr).toBe(0);
    expect(r.identity().dkim?.origin).toBe("AWS_SES");
  });

  it("refuses a probe flag without a probe: section before anything changes", async () => {
    const r = await rehearsal();
    const config = parseYaml(readFileSync(r.box.configPath, "utf8")) as Record<string, unknown>;
    delete config["probe"];
    const withoutProbe = join(mkdtempSync(join(tmpdir(), "byodkim-noprobe-")), "byodkim.config.yaml");
    writeFileSync(withoutProbe, stringifyYaml(config));
    const result = await r.byodkim(["enable", "--yes", "--probe-every", "5", "--config", withoutProbe]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("the config has no probe: section");
    expect(r.sesMutations()).toEqual([]);
    expect(r.box.world.mail.sent).toEqual([]);
  });
});

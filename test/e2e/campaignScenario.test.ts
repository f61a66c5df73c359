import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAMPAIGN_REGIONS, campaignDomains } from "../../src/sandbox/campaignWorld.js";
import { runInBash } from "../support/sandboxProcess.js";
import { BIN, type SpawnResult, spawnCli } from "../support/spawnCli.js";

/**
 * The campaign scenario as an operator meets it: `byodkim sandbox --scenario campaign` in one
 * terminal, status in another. Two sandboxes run side by side (each paces its own SES), one
 * answering the command the sandbox prints, one `status --json`.
 */
interface Row {
  domain: string;
  region: string;
  verdict: string;
  reasons: string[];
  dkim: { origin: string; selector: string | null } | null;
}

const checkout = dirname(dirname(BIN));
const quietEnv = (home: string) => ({
  PATH: `${dirname(process.execPath)}:${process.env["PATH"] ?? ""}`,
  HOME: home,
  NO_COLOR: "1",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
});
const children: { child: ReturnType<typeof spawn>; exited: Promise<number | null> }[] = [];

function startCampaign(json: boolean) {
  const home = mkdtempSync(join(tmpdir(), "byodkim-home-"));
  const env = quietEnv(home);
  const child = spawn(process.execPath, [BIN, "sandbox", "--scenario", "campaign", ...(json ? ["--json"] : [])], {
    cwd: checkout,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push({ child, exited: new Promise((resolve) => child.on("close", resolve)) });
  let text = "";
  const printed = new Promise<string>((resolve) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (json ? text.includes("\n") : text.includes("Ctrl-C")) resolve(text);
    });
  });
  return { env, printed };
}

let printedLines: string[];
let printedRun: SpawnResult;
let jsonRun: SpawnResult;

beforeAll(async () => {
  const asPrinted = (async () => {
    const { env, printed } = startCampaign(false);
    printedLines = (await printed).split("\n").map((line) => line.trim());
    const evalLine = printedLines.find((line) => line.startsWith("eval "))!;
    const next = printedLines[printedLines.indexOf(evalLine) + 1]!;
    printedRun = { signal: null, ...(await runInBash(`${evalLine}\n${next}`, { cwd: checkout, env })) } as SpawnResult;
  })();
  const asJson = (async () => {
    const { printed } = startCampaign(true);
    const info = JSON.parse((await printed).split("\n")[0]!) as { env: Record<string, string>; configPath: string };
    jsonRun = await spawnCli(["status", "--json", "--config", info.configPath], {
      env: { ...info.env, BYODKIM_JOURNAL_DIR: mkdtempSync(join(tmpdir(), "byodkim-journal-")), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      timeoutMs: 180_000,
    });
  })();
  await Promise.all([asPrinted, asJson]);
}, 240_000);

afterAll(async () => {
  for (const { child } of children) child.kill("SIGINT");
  expect(await Promise.all(children.map(({ exited }) => exited))).toEqual(children.map(() => 0));
});

describe("status over the campaign scenario", () => {
  it("finds every identity in both regions due for rotation, signing with BYODKIM, each key history read", () => {
    expect(jsonRun.code, jsonRun.stderr).toBe(1);
    const document = JSON.parse(jsonRun.stdout) as { rows: Row[]; historyProblem: unknown; counts: Record<string, number> };
    const expected = campaignDomains().flatMap((domain) => CAMPAIGN_REGIONS.map((region) => `${domain} ${region}`));
    expect(document.rows.map((row) => `${row.domain} ${row.region}`).sort()).toEqual(expected.sort());
    for (const row of document.rows) {
      expect(row.reasons, `${row.domain} ${row.region}`).toContain("keyOverdue");
      expect(row).toMatchObject({ verdict: "action", dkim: { origin: "EXTERNAL" } });
    }
    expect(document.historyProblem).toBeNull();
    expect(document.counts).toEqual({ ok: 0, warn: 0, action: expected.length });
  });

  it("suggests status rather than precheck (the config names no domain of its own), and it runs as printed", () => {
    const evalLine = printedLines.find((line) => line.startsWith("eval "))!;
    expect(printedLines[printedLines.indexOf(evalLine) + 1]).toBe("node bin/byodkim.js status");
    expect(printedRun.code, printedRun.stderr).toBe(1);
    expect(printedRun.stdout).toContain(`0 healthy · 0 warnings · ${campaignDomains().length * CAMPAIGN_REGIONS.length} need action`);
  });
});

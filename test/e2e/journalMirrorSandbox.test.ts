import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/defaults.js";
import { rehearsal } from "../support/rehearsal.js";
import { leakedCanaries, sandboxKeyCanaries } from "../support/sandboxKey.js";
import { spawnCli } from "../support/spawnCli.js";

const PREFIX = "byodkim/journal/";

/** The sandbox with journal.s3 in its config: every run's journal mirrored to the sandbox's journal bucket. */
async function mirroredRehearsal() {
  const r = await rehearsal();
  appendFileSync(r.box.configPath, `\njournal:\n  s3:\n    bucket: ${SANDBOX_DEFAULTS.journalBucket}\n`);
  const mirrored = () => r.box.world.buckets.get(SANDBOX_DEFAULTS.journalBucket)!;
  /** byodkim as on a fresh machine (a new container): an empty journal folder, the same bucket. */
  const onFreshMachine = async (args: string[]) => {
    const journalDir = mkdtempSync(join(tmpdir(), "byodkim-fresh-machine-"));
    const result = await spawnCli(args, {
      env: { ...r.box.env, ...r.box.envAs.operator, BYODKIM_JOURNAL_DIR: journalDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      cwd: dirname(r.box.configPath),
    });
    expect(leakedCanaries([result.stdout, result.stderr].join("\n"), sandboxKeyCanaries(r.box))).toEqual([]);
    return { ...result, journalDir };
  };
  return { r, mirrored, onFreshMachine };
}

describe("an unattended run's journal in S3 (journal.s3, sandbox)", () => {
  it("enable mirrors its journal; report and rollback on a fresh machine find the run through the bucket", async () => {
    const { r, mirrored, onFreshMachine } = await mirroredRehearsal();
    const enabled = await r.byodkim(["enable", "--yes", "--log-format", "json"]);
    expect(enabled.code).toBe(0);
    // --log-format json: every line on stderr is one JSON object of the run.
    const lines = enabled.stderr.split("\n").filter((line) => line !== "");
    expect(lines.length).toBeGreaterThan(3);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const runId = parsed.find((line) => line["runId"] !== null)?.["runId"];
    expect(parsed.at(-1)).toMatchObject({ level: "info", command: "enable", domain: SANDBOX_DEFAULTS.domain, runId, event: "ended", exitCode: 0 });

    const [journalPath] = r.journalFiles();
    const key = `${PREFIX}${SANDBOX_DEFAULTS.domain}/${basename(journalPath!)}`;
    expect(mirrored().get(key)?.toString("utf8")).toBe(readFileSync(journalPath!, "utf8"));

    const report = await onFreshMachine(["report", "--format", "json"]);
    expect(report.code).toBe(0);
    const reported = JSON.parse(report.stdout);
    expect(reported).toMatchObject({ command: "report", outcome: "ok", journal: join(report.journalDir, basename(journalPath!)) });
    expect(reported.report).toMatchObject({ runId, command: "enable", outcome: "completed" });
    expect(readdirSync(report.journalDir)).toEqual([basename(journalPath!)]);

    await r.injectFault("GetSecretValue", "server-error,times=20");
    const rolledBack = await onFreshMachine(["rollback", "--yes", "--to", "previous", "--reason", "drill", "--json"]);
    expect(rolledBack.code).toBe(0);
    const document = JSON.parse(rolledBack.stdout);
    expect(document).toMatchObject({ outcome: "completed", plan: { details: { snapshotSource: "journal" } } });
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES" });
    // The rollback's own journal went to the bucket as well.
    expect([...mirrored().keys()].filter((name) => name.includes("-rollback-"))).toHaveLength(1);
  }, 120_000);
});

import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

const file = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const WORKFLOW_PATH = file("deploy/github-actions/byodkim-tick.yml");
const WORKFLOW_TEXT = readFileSync(WORKFLOW_PATH, "utf8");
const CRON_TEXT = readFileSync(file("deploy/cron/byodkim.cron"), "utf8");
const VALIDATOR = file("node_modules/.bin/action-validator");

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string | number>;
}
interface Job {
  readonly needs?: string;
  readonly if?: string;
  readonly environment?: string;
  readonly steps: readonly Step[];
}
const workflow = parseYaml(WORKFLOW_TEXT) as {
  on: { schedule: { cron: string }[]; workflow_dispatch: { inputs: Record<string, { type: string }> } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

/** A GitHub Actions expression as the workflow writes it. */
const expression = (inner: string) => `\${{ ${inner} }}`;

const haveValidator = existsSync(VALIDATOR);
if (!haveValidator)
  process.stderr.write("[action-validator] node_modules/.bin/action-validator is missing (npm ci installs it): the workflow's schema check is skipped\n");

describe("deploy/github-actions/byodkim-tick.yml", () => {
  it.skipIf(!haveValidator)("passes action-validator, which refuses a broken copy of it", () => {
    const checked = spawnSync(VALIDATOR, [WORKFLOW_PATH], { encoding: "utf8" });
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), "byodkim-workflow-"));
    try {
      writeFileSync(join(dir, "broken.yml"), WORKFLOW_TEXT.replace("    environment: byodkim-apply\n", "    environmen: byodkim-apply\n"));
      const refused = spawnSync(VALIDATOR, [join(dir, "broken.yml")], { encoding: "utf8" });
      expect(refused.status).toBe(1);
      expect(refused.stdout + refused.stderr).toContain("Additional property 'environmen' is not allowed");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("ticks hourly (its UTC cron said in Tokyo time), assumes its role with OIDC, and keeps tick's JSON as an artifact", () => {
    expect(workflow.on.schedule).toEqual([{ cron: "5 * * * *" }]);
    expect(WORKFLOW_TEXT).toMatch(/# GitHub's cron is UTC\. .* in Tokyo too \(JST is UTC\+9,/);
    expect(workflow.permissions).toEqual({ contents: "read", "id-token": "write" });
    const tick = workflow.jobs["tick"]!;
    const credentials = tick.steps.find((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(credentials?.with?.["role-to-assume"]).toBe(expression("vars.BYODKIM_TICK_ROLE_ARN"));
    const run = tick.steps.find((step) => step.run?.includes(" tick "))!.run!;
    expect(run).toMatch(/npx --yes "byodkim@\$\{BYODKIM_VERSION\}" tick --all --json --log-format json > tick\.json 2> tick\.log$/);
    const upload = tick.steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"))!;
    expect(String(upload.with?.["path"])).toContain("tick.json");
    // Kept whatever tick's exit: 1 (a person is needed) fails the job, and its document is what tells why.
    expect(upload.if).toBe(expression("!cancelled()"));
  });

  it("applies only a plan it is given, behind the environment whose reviewers approve the job, the id never pasted into the script", () => {
    const apply = workflow.jobs["apply"]!;
    expect(apply.environment).toBe("byodkim-apply");
    expect(apply.needs).toBe("tick");
    expect(apply.if).toContain("inputs.plan != ''");
    expect(workflow.on.workflow_dispatch.inputs["plan"]?.type).toBe("string");
    const step = apply.steps.find((found) => found.run?.includes(" apply "))!;
    expect(step.env).toEqual({ PLAN: expression("inputs.plan") });
    expect(step.run).toContain('apply "$PLAN" --yes --json');
    expect(step.run).not.toContain("${{");
    const credentials = apply.steps.find((found) => found.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(credentials?.with?.["role-to-assume"]).toBe(expression("vars.BYODKIM_APPLY_ROLE_ARN"));
  });
});

/** The crontab's job lines: five time fields and the command. */
const cronJobs = CRON_TEXT.split("\n")
  .filter((line) => /^[\d*]/.test(line))
  .map((line) => {
    const fields = line.split(/\s+/);
    return { when: fields.slice(0, 5).join(" "), command: fields.slice(5).join(" ") };
  });
const tickJob = cronJobs.find((job) => job.command.includes(" tick "))!;

const haveFlock = spawnSync("sh", ["-c", "command -v flock && command -v mkfifo"], { encoding: "utf8" }).status === 0;
if (!haveFlock) process.stderr.write("[cron] flock or mkfifo is not on PATH: running the cron line is skipped\n");

describe("deploy/cron/byodkim.cron", () => {
  it("runs in Tokyo time: tick every hour under flock, status metrics every hour, the DMARC rate every morning", () => {
    expect(CRON_TEXT).toMatch(/^CRON_TZ=Asia\/Tokyo$/m);
    expect(tickJob.when).toBe("5 * * * *");
    expect(tickJob.command).toContain("flock -n -E 0 /srv/byodkim/tick.lock npx --no-install byodkim tick --all --json --log-format json");
    expect(cronJobs.map((job) => job.when)).toEqual(["5 * * * *", "35 * * * *", "15 9 * * *"]);
    // cron reads % as a line break: none may appear in a command.
    for (const job of cronJobs) expect(job.command).not.toContain("%");
  });

  describe.skipIf(!haveFlock)("the tick line, run as cron runs it (byodkim stood in for by a script that waits to be let go)", () => {
    let dir: string;
    let command: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "byodkim-cron-"));
      for (const sub of ["srv", "log", "bin"]) mkdirSync(join(dir, sub));
      spawnSync("mkfifo", [join(dir, "started"), join(dir, "hold")]);
      // npx as the line calls it: records its arguments, says it started, waits to be let go when asked to, then prints as tick would.
      writeFileSync(
        join(dir, "bin", "npx"),
        [
          "#!/bin/sh",
          `echo "$*" >> "${dir}/calls"`,
          `if [ -n "$HOLD" ]; then echo started > "${dir}/started"; read go < "${dir}/hold"; fi`,
          `echo '{"command":"tick","outcome":"ok"}'`,
          `echo '{"step":"tick"}' >&2`,
          `exit "\${EXIT:-0}"`,
          "",
        ].join("\n"),
      );
      chmodSync(join(dir, "bin", "npx"), 0o755);
      command = tickJob.command.replaceAll("/srv/byodkim", join(dir, "srv")).replaceAll("/var/log/byodkim", join(dir, "log"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const env = (extra: Record<string, string>) => ({ PATH: `${join(dir, "bin")}:/usr/bin:/bin`, ...extra });
    const calls = () => (existsSync(join(dir, "calls")) ? readFileSync(join(dir, "calls"), "utf8").trim().split("\n") : []);

    it("never starts a second tick beside a running one: the second skips quietly, exit 0 and nothing to mail", async () => {
      const first = spawn("sh", ["-c", command], { env: env({ HOLD: "1" }), stdio: ["ignore", "pipe", "pipe"] });
      let firstOut = "";
      first.stdout.on("data", (chunk: Buffer) => (firstOut += chunk.toString()));
      const firstDone = new Promise<number | null>((resolve) => first.on("close", resolve));
      expect((await readFile(join(dir, "started"), "utf8")).trim()).toBe("started");

      const second = spawnSync("sh", ["-c", command], { env: env({}), encoding: "utf8" });
      expect(second.status).toBe(0);
      expect(second.stdout).toBe("");
      expect(calls()).toEqual(["--no-install byodkim tick --all --json --log-format json"]);

      await writeFile(join(dir, "hold"), "go\n");
      expect(await firstDone).toBe(0);
      expect(firstOut).toBe("");
      expect(readFileSync(join(dir, "log", "tick.json"), "utf8")).toBe('{"command":"tick","outcome":"ok"}\n');
      expect(readFileSync(join(dir, "log", "tick.log"), "utf8")).toBe('{"step":"tick"}\n');
    });

    it("prints tick's document when tick exits non-zero, so cron mails it; the log keeps every run's lines", () => {
      const needsAPerson = spawnSync("sh", ["-c", command], { env: env({ EXIT: "1" }), encoding: "utf8" });
      expect(needsAPerson.stdout).toBe('{"command":"tick","outcome":"ok"}\n');
      expect(readFileSync(join(dir, "log", "tick.log"), "utf8")).toBe('{"step":"tick"}\n{"step":"tick"}\n');
    });
  });
});

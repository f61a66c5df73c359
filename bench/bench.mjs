#!/usr/bin/env node
// npm run bench: the performance figures of README "Performance", as whole spawned processes
// against an in-process sandbox whose SES allows one request per second, as real SES does.
// A script, not a test: it prints numbers and never fails on time.
//
//   npm run bench                 every figure, 7 runs each
//   npm run bench -- --runs 15    more runs
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "byodkim.js");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 7;

const { startSandbox } = await import(join(root, "dist", "sandbox.js"));

/** Median, min and max of a list of seconds. */
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) };
};
const fmt = (s) => `${s.median.toFixed(3)} s (min ${s.min.toFixed(3)}, max ${s.max.toFixed(3)})`;

/**
 * Runs a command once and returns its wall time in seconds, its exit code and its output. Never
 * spawnSync: the sandbox answers from this very process, whose event loop must keep running.
 */
function timed(command, commandArgs, env = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", () => resolve({ seconds: Number.NaN, code: null, stdout, stderr }));
    child.on("close", (code) => resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, code, stdout, stderr }));
  });
}

async function times(n, run) {
  const seconds = [];
  for (let i = 0; i < n; i++) seconds.push((await run()).seconds);
  return summary(seconds);
}

const rows = [];
const row = (figure, value, note = "") => {
  rows.push({ figure, value, note });
  console.log(`${figure.padEnd(52)} ${value}${note ? `  ${note}` : ""}`);
};

console.log(
  `byodkim bench: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${runs} runs each\n`,
);

// 1. --help against a bare node.
const node = await times(runs, () => timed(process.execPath, ["-e", "0"]));
const help = await times(runs, () => timed(process.execPath, [bin, "--help"]));
row("byodkim --help", fmt(help), `${(help.median / node.median).toFixed(2)}x node -e 0 (${node.median.toFixed(3)} s)`);

// A sandbox as real SES: one request per second.
const box = await startSandbox({ sesRateLimitPerSecond: 1, verifyIntervalMs: 50 });
const journalDir = mkdtempSync(join(tmpdir(), "byodkim-bench-journal-"));
const env = { ...box.env, BYODKIM_JOURNAL_DIR: journalDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", NO_COLOR: "1" };
const byodkim = (...words) => timed(process.execPath, [bin, ...words, "--config", box.configPath], env);
// SES's limit is per second: each measured run starts in a fresh second of its own.
const calm = () => new Promise((resolve) => setTimeout(resolve, 1100));

let awsVersion;
try {
  // 2. precheck, and the manual sequence it replaces, when the aws CLI is there.
  const prechecks = [];
  for (let i = 0; i < runs; i++) {
    await calm();
    prechecks.push((await byodkim("precheck")).seconds);
  }
  const precheck = summary(prechecks);
  const aws = await timed("aws", ["--version"]);
  if (aws.code === 0) {
    const { secretId, domain, selector, bucket } = { ...box.seed, secretId: "aws-ses-migration/prod/dkim-config", bucket: "aws-ses-migration-prod-dkim" };
    const manualEnv = { ...env, AWS_DEFAULT_REGION: box.env.AWS_REGION };
    const manual = [];
    for (let i = 0; i < runs; i++) {
      await calm();
      const started = process.hrtime.bigint();
      await timed("aws", ["sts", "get-caller-identity"], manualEnv);
      await timed("aws", ["s3api", "list-objects-v2", "--bucket", bucket, "--prefix", `dkim/${domain}/`], manualEnv);
      await timed("aws", ["sesv2", "get-email-identity", "--email-identity", domain], manualEnv);
      await timed("aws", ["secretsmanager", "get-secret-value", "--secret-id", secretId], manualEnv);
      await timed(process.execPath, ["-e", `require("dns").promises.resolveTxt(${JSON.stringify(`${selector}._domainkey.${domain}`)}).catch(() => [])`]);
      manual.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    const sequence = summary(manual);
    row("byodkim precheck", fmt(precheck), `${(precheck.median / sequence.median).toFixed(2)}x the manual sequence`);
    row("manual sequence (4 aws CLI reads + one TXT lookup)", fmt(sequence));
    awsVersion = await times(runs, () => timed("aws", ["--version"]));
    row("aws --version", fmt(awsVersion));
  } else {
    row("byodkim precheck", fmt(precheck), "(no aws CLI on PATH: no yardstick)");
  }

  // 3. precheck's peak memory, from /usr/bin/time where it is.
  await calm();
  const rss = await timed("/usr/bin/time", ["-f", "%M", process.execPath, bin, "precheck", "--config", box.configPath], env);
  const kb = Number(rss.stderr.trim().split("\n").at(-1));
  row("precheck peak RSS", Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : "(no /usr/bin/time)");

  // 4. rollback --to disable --yes after an enable, whole process; 5. --to previous, confirmation → last SES call.
  const disables = [];
  const previous = [];
  for (let i = 0; i < Math.min(runs, 5); i++) {
    await calm();
    await byodkim("enable", "--yes", "--wait", "60");
    await calm();
    disables.push((await byodkim("rollback", "--to", "disable", "--yes")).seconds);
    await calm();
    await byodkim("enable", "--yes", "--wait", "60");
    await calm();
    const back = await byodkim("rollback", "--to", "previous", "--yes", "--json");
    const elapsed = JSON.parse(back.stdout || "{}").elapsedMs;
    if (typeof elapsed === "number") previous.push(elapsed / 1000);
  }
  const disable = summary(disables);
  row("rollback --to disable --yes (whole process)", fmt(disable), awsVersion ? `${(disable.median / awsVersion.median).toFixed(2)}x aws --version` : "");
  if (previous.length > 0) row("rollback --to previous: confirmation → last SES call", fmt(summary(previous)));
} finally {
  await box.stop();
}

// 6. status over the fleet scenario: wall time against SES's floor (its SES calls × 1 s), and peak RSS.
{
  const fleet = await startSandbox({ scenario: "fleet", sesRateLimitPerSecond: 1, verifyIntervalMs: 250 });
  try {
    const fleetEnv = { ...env, ...fleet.env, BYODKIM_JOURNAL_DIR: journalDir };
    const ratios = [];
    let peak;
    for (let i = 0; i < Math.min(runs, 3); i++) {
      await calm();
      const before = fleet.world.log.length;
      const run = await timed("/usr/bin/time", ["-f", "%M", process.execPath, bin, "status", "--json", "--config", fleet.configPath], fleetEnv);
      // SES paces each account and region apart: the floor is the busiest region's calls, one a second.
      const perRegion = new Map();
      for (const entry of fleet.world.log.slice(before).filter((entry) => entry.service === "ses"))
        perRegion.set(entry.region, (perRegion.get(entry.region) ?? 0) + 1);
      const sesCalls = Math.max(...perRegion.values());
      ratios.push({
        seconds: run.seconds,
        floor: sesCalls * 1,
        throttled: fleet.world.log.slice(before).some((entry) => entry.error === "TooManyRequestsException"),
      });
      const kb = Number(run.stderr.trim().split("\n").at(-1));
      if (Number.isFinite(kb)) peak = Math.max(peak ?? 0, kb);
    }
    const median = summary(ratios.map((r) => r.seconds / r.floor)).median;
    const { seconds, floor, throttled } = ratios[0];
    row(
      "status over the fleet scenario (wall / SES floor)",
      `${median.toFixed(3)}x (${seconds.toFixed(1)} s; busiest region ${floor} SES calls)`,
      `peak RSS ${peak ? `${(peak / 1024).toFixed(0)} MB` : "?"}${throttled ? ", THROTTLED" : ""}`,
    );
  } finally {
    await fleet.stop();
  }
}

// 7. apply of a campaign over the campaign scenario (12 identities × Tokyo and Osaka), bake 0:
// wall time against SES's floor, the SES calls of its busiest region at one a second.
{
  const fleet = await startSandbox({ scenario: "campaign", sesRateLimitPerSecond: 1, verifyIntervalMs: 250 });
  try {
    // The scenario bakes half a minute for a person to watch; the figure is of the SES calls.
    writeFileSync(fleet.configPath, readFileSync(fleet.configPath, "utf8").replace(/^bake:\n {2}minutes: [\d.]+$/m, "bake:\n  minutes: 0"));
    const operator = { ...env, ...fleet.env, BYODKIM_JOURNAL_DIR: journalDir };
    const approver = { ...env, ...fleet.envAs.approver, BYODKIM_JOURNAL_DIR: journalDir };
    const config = ["--config", fleet.configPath];
    const planned = await timed(process.execPath, [bin, "plan", "rotate", "--regions", "ap-northeast-1,ap-northeast-3", "--json", ...config], operator);
    const id = JSON.parse(planned.stdout).id;
    await timed(process.execPath, [bin, "approve", id, "--yes", ...config], approver);
    await calm();
    const before = fleet.world.log.length;
    const run = await timed(process.execPath, [bin, "apply", id, "--yes", "--json", ...config], operator);
    const calls = fleet.world.log.slice(before).filter((entry) => entry.service === "ses");
    const perRegion = new Map();
    for (const entry of calls) perRegion.set(entry.region, (perRegion.get(entry.region) ?? 0) + 1);
    const floor = Math.max(...perRegion.values());
    const throttled = calls.some((entry) => entry.error === "TooManyRequestsException");
    const outcome = run.code === 0 ? "" : `, exit ${run.code}`;
    row(
      "apply over the campaign scenario, bake 0 (wall / SES floor)",
      `${(run.seconds / floor).toFixed(3)}x (${run.seconds.toFixed(1)} s; busiest region ${floor} SES calls of ${calls.length})`,
      `${throttled ? "THROTTLED" : ""}${outcome}`,
    );
  } finally {
    await fleet.stop();
  }
}

// 8. The installed size of the packed tarball (npm pack builds it afresh; it installs offline).
{
  const work = mkdtempSync(join(tmpdir(), "byodkim-bench-pack-"));
  const packed = spawnSync("npm", ["pack", root, "--silent"], { cwd: work, encoding: "utf8" });
  const tarball = join(work, packed.stdout.trim().split("\n").at(-1) ?? "");
  spawnSync("npm", ["init", "-y"], { cwd: work, encoding: "utf8" });
  spawnSync("npm", ["install", tarball, "--silent", "--offline", "--no-audit", "--no-fund"], { cwd: work, encoding: "utf8" });
  const du = spawnSync("du", ["-sk", join(work, "node_modules")], { encoding: "utf8" });
  row("installed size of the packed tarball", `${(Number(du.stdout.split("\t")[0]) / 1024).toFixed(0)} MB`);
  rmSync(work, { recursive: true, force: true });
}
rmSync(journalDir, { recursive: true, force: true });

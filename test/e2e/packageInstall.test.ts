import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MANIFEST = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
/** The installed size the package must stay within (README "Performance"). */
const INSTALLED_SIZE_LIMIT = 20 * 2 ** 20;

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Node's own folder first, so the package's `#!/usr/bin/env node` finds the Node that runs the tests. */
const PATH = [dirname(process.execPath), process.env["PATH"] ?? ""].join(delimiter);

function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    // stdin closed: npm must not sit waiting for an answer nobody will type.
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { PATH, HOME: process.env["HOME"] ?? "/tmp", NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function sizeOf(path: string): number {
  const stat = statSync(path);
  return stat.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0) : stat.size;
}

let work: string;
let tarball: string;
let prefix: string;
/** The `byodkim` that `npm i -g` linked into the temp prefix. */
let installed: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist", "main.js"))) throw new Error("dist/ is missing: run `npm run build` (npm test does) before this test");
  work = mkdtempSync(join(tmpdir(), "byodkim-package-"));
  // The build is the one under test: pack it as it is, without building again.
  const packed = await run("npm", ["pack", ROOT, "--ignore-scripts", "--json", "--pack-destination", work], { cwd: work });
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
  prefix = join(work, "prefix");
  // Offline: a package that bundles what it runs needs nothing from a registry.
  const install = await run("npm", ["install", "--global", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", tarball], { cwd: work });
  expect(install.code, install.stderr).toBe(0);
  installed = join(prefix, "bin", "byodkim");
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the package a user installs", () => {
  it("ships only what runs: the bundle, the runbooks, the example config and the licenses", async () => {
    const listed = await run("tar", ["tzf", tarball], { cwd: work });
    const files = listed.stdout
      .trim()
      .split("\n")
      .map((file) => file.replace(/^package\//, ""));
    expect(files).toEqual(expect.arrayContaining(["bin/byodkim.js", "dist/main.js", "LICENSE", "dist/THIRD-PARTY-LICENSES.txt", "runbooks/rotate.yaml"]));
    expect(files.filter((file) => /\.map$|^src\/|^test\/|^scripts\/|^build\/|\.ts$/.test(file))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(prefix, "lib", "node_modules", MANIFEST.name, "package.json"), "utf8")) as Record<string, unknown>;
    // Nothing to fetch at install time, and nothing that runs at install time.
    expect(manifest["dependencies"]).toBeUndefined();
    expect(Object.keys((manifest["scripts"] as Record<string, string>) ?? {}).filter((name) => /^(pre|post)?install$|^prepare$/.test(name))).toEqual([]);
  });

  it(`installs within ${INSTALLED_SIZE_LIMIT / 2 ** 20} MB, with no node_modules of its own`, () => {
    const home = join(prefix, "lib", "node_modules", MANIFEST.name);
    expect(existsSync(join(home, "node_modules"))).toBe(false);
    expect(sizeOf(home)).toBeLessThanOrEqual(INSTALLED_SIZE_LIMIT);
  });

  it("gives a working `byodkim --version` and `byodkim sandbox --list`", async () => {
    const version = await run(installed, ["--version"], { cwd: work });
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(MANIFEST.version);
    const scenarios = await run(installed, ["sandbox", "--list"], { cwd: work });
    expect(scenarios.code, scenarios.stderr).toBe(0);
    expect(scenarios.stdout).toMatch(/^good\s+everything ready for Phase-7/m);
    expect(scenarios.stdout).toContain("rotation-unpublished");
  });

  it("runs a whole precheck from the installed copy, over real HTTP and UDP DNS", async () => {
    const { box } = await rehearsal();
    const precheck = await run(installed, ["precheck", "--config", box.configPath, "--json"], {
      cwd: work,
      env: { ...box.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    expect(precheck.code, precheck.stderr).toBe(0);
    const report = JSON.parse(precheck.stdout) as { ok: boolean; gates: { id: string; status: string }[] };
    expect(report.ok).toBe(true);
    expect(report.gates.map((gate) => `${gate.id}:${gate.status}`)).toEqual([
      "identity:pass",
      "permissions:pass",
      "selector:pass",
      "key:pass",
      "dns:pass",
      "ses:pass",
      "alarms:pass",
      "state:pass",
    ]);
  });

  it("is publishable: `npm publish --dry-run` has nothing to correct", async () => {
    const publish = await run("npm", ["publish", "--dry-run", "--ignore-scripts", "--offline"], { cwd: ROOT });
    expect(publish.code, publish.stderr).toBe(0);
    // The only warning a dry run may give is that nobody is logged in.
    const warnings = publish.stderr.split("\n").filter((line) => /^npm warn/i.test(line) && !/requires you to be logged in/.test(line));
    expect(warnings).toEqual([]);
    expect(publish.stdout + publish.stderr).toContain(`${MANIFEST.name}@${MANIFEST.version}`);
  });
});

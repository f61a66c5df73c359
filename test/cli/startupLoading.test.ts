import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "../support/spawnCli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * What a command line that only shows help, the version or a usage error may load: commander and
 * the wiring that describes the commands. Chalk, the message catalogue and the renderers load once
 * an action runs or an error is printed through them; the rest at the command boundary.
 */
const ALLOWED = new Set([
  "bin/byodkim.js",
  "dist/cli/main.js",
  "dist/cli/runtime.js",
  "dist/cli/globalOptions.js",
  "dist/cli/enableCommand.js",
  "dist/cli/keyLifecycleCommands.js",
  "dist/cli/precheckCommand.js",
  "dist/cli/rollbackCommand.js",
  "dist/cli/runbookCommands.js",
  "dist/cli/sandboxCommand.js",
  "dist/cli/verifyCommand.js",
  "dist/config/config.js",
  "dist/errors.js",
  "dist/messages/msg.js",
]);
const allowed = (file: string) => ALLOWED.has(file) || file.startsWith("node_modules/commander/");

let dir: string;
let preload: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "byodkim-startup-"));
  // ESM loads are seen by a load hook (it runs on the hooks thread); CommonJS ones (the AWS SDK's
  // insides, commander's lib) by the require cache at exit. Both append to the file in LOAD_LOG.
  await writeFile(
    join(dir, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) {
  appendFileSync(log, url + "\\n");
  return next(url, context);
}
`,
  );
  preload = join(dir, "preload.mjs");
  await writeFile(
    preload,
    `import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";
const log = process.env.LOAD_LOG;
register(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)}, { data: { log } });
process.on("exit", () => {
  const required = Object.keys(createRequire(import.meta.url).cache).map((path) => pathToFileURL(path).href);
  appendFileSync(log, required.map((url) => url + "\\n").join(""));
});
`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `byodkim <args>` under the loader hook; returns its exit code and the repo files it loaded. */
async function loadedBy(args: readonly string[]): Promise<{ code: number | null; files: string[] }> {
  const log = join(dir, `${args.join("_").replace(/\W/g, "-")}.log`);
  await writeFile(log, "");
  const code = await new Promise<number | null>((resolve) => {
    const child = execFile(process.execPath, ["--import", pathToFileURL(preload).href, BIN, ...args], {
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp", NO_COLOR: "1", LOAD_LOG: log },
      timeout: 20_000,
    });
    child.on("close", (exitCode) => resolve(exitCode));
  });
  const root = pathToFileURL(ROOT).href;
  const urls = (await readFile(log, "utf8")).split("\n").filter((url) => url.startsWith(root));
  return { code, files: [...new Set(urls.map((url) => url.slice(root.length)))].sort() };
}

describe("what byodkim loads before it answers help, version and usage errors", () => {
  for (const [line, code] of [
    ["--help", 0],
    ["--version", 0],
    ["enable --help", 0],
    ["keygen --help", 0],
    ["rotate --help", 0],
    ["bogus-command", 2],
    ["precheck --bogus-flag", 2],
    ["", 2],
  ] as const) {
    it(`loads only commander and the command wiring for \`byodkim ${line}\`${line === "" ? " (no command)" : ""}`, async () => {
      const args = line.split(" ").filter((word) => word !== "");
      const result = await loadedBy(args);
      expect(result.code).toBe(code);
      // The hook saw the launcher and commander: an empty log must not pass for a light start.
      expect(result.files).toContain("dist/cli/main.js");
      expect(result.files.some((file) => file.startsWith("node_modules/commander/"))).toBe(true);
      const unexpected = result.files.filter((file) => !allowed(file));
      expect(unexpected, `loaded by \`byodkim ${line}\` before it answered:\n${unexpected.join("\n")}`).toEqual([]);
    });
  }
});

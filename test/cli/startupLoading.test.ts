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
 * the wiring that describes the commands, with the help texts (en and ja) and the little that
 * chooses and lays out their language. Chalk, the message catalogue and the renderers load once
 * an action runs or an error is printed through them; the rest at the command boundary.
 */
const ALLOWED = new Set([
  "src/cli/main.ts",
  "src/cli/runtime.ts",
  "src/cli/options.ts",
  "src/cli/stopSignals.ts",
  "src/cli/enableCommand.ts",
  "src/cli/keyLifecycleCommands.ts",
  "src/cli/precheckCommand.ts",
  "src/cli/rollbackCommand.ts",
  "src/cli/runbookCommands.ts",
  "src/cli/sandboxCommand.ts",
  "src/cli/verifyCommand.ts",
  "src/cli/iamPolicyCommand.ts",
  "src/cli/statusCommand.ts",
  "src/cli/tickCommand.ts",
  "src/cli/reportCommand.ts",
  "src/cli/notifyTestCommand.ts",
  "src/cli/campaignCommands.ts",
  "src/config/config.ts",
  "src/config/names.ts",
  "src/errors.ts",
  "src/messages/msg.ts",
  "src/messages/helpMessages.ts",
  "src/messages/section.ts",
  "src/messages/language.ts",
  "src/ui/displayWidth.ts",
]);
const allowed = (source: string) => ALLOWED.has(source) || source.startsWith("node_modules/commander/");

/** The bundle's record of which sources went into which of its files (scripts/build.mjs writes it with dist/). */
interface BuildMeta {
  readonly outputs: Record<string, { readonly inputs: Record<string, unknown> }>;
}
let meta: BuildMeta;

let dir: string;
let preload: string;

beforeAll(async () => {
  meta = JSON.parse(await readFile(join(ROOT, "build", "meta.json"), "utf8")) as BuildMeta;
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

/** Runs `byodkim <args>` under the loader hook; returns its exit code, the repo files it loaded and the sources inside them. */
async function loadedBy(args: readonly string[]): Promise<{ code: number | null; files: string[]; sources: string[] }> {
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
  const files = [...new Set(urls.map((url) => url.slice(root.length)))].sort();
  const sources = files.flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));
  return { code, files, sources: [...new Set(sources)].sort() };
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
      // The hook saw the launcher and the bundle's main file, with commander inside: an empty log must not pass for a light start.
      expect(result.files).toContain("bin/byodkim.js");
      expect(result.files).toContain("dist/main.js");
      expect(result.sources.some((source) => source.startsWith("node_modules/commander/"))).toBe(true);
      // Every file of the bundle that was loaded is known to the build's record, so none hides its sources.
      const unknown = result.files.filter((file) => file.startsWith("dist/") && meta.outputs[file] === undefined);
      expect(unknown).toEqual([]);
      const unexpected = result.sources.filter((source) => !allowed(source));
      expect(unexpected, `loaded by \`byodkim ${line}\` before it answered:\n${unexpected.join("\n")}`).toEqual([]);
    });
  }

  it("loads no AWS SDK for `byodkim report --list`: a report reads local journals only", async () => {
    const result = await loadedBy(["report", "--list"]);
    expect(result.code).toBe(0);
    expect(result.sources.some((source) => source.startsWith("src/commands/report/"))).toBe(true);
    expect(result.sources.filter((source) => source.includes("@aws-sdk/") || source.startsWith("src/aws/"))).toEqual([]);
  });

  it("sees what a command that runs does load (the check above can fail)", async () => {
    const result = await loadedBy(["sandbox", "--list"]);
    expect(result.code).toBe(0);
    expect(result.sources.some((source) => source.startsWith("src/sandbox/"))).toBe(true);
    expect(result.sources.filter((source) => !allowed(source)).length).toBeGreaterThan(0);
  });
});

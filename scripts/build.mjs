#!/usr/bin/env node
// npm run build: byodkim as one bundled program in dist/, split at the command boundaries.
//
// Why a bundle (README "Performance"): resolving and reading the AWS SDK's hundreds of small
// files is most of a command's start, and the installed dependencies weighed about 50 MB; the
// bundle starts in about two thirds of the time and installs at a few MB. Splitting keeps
// `--help` light: every dynamic import() becomes a chunk of its own, loaded when a command runs.
//
// dist/main.js     the CLI (bin/byodkim.js runs it)
// dist/sandbox.js  startSandbox, for the bench's in-process sandbox
// dist/chunks/     the rest, loaded on demand
// build/meta.json  which sources went into which file (the startup test reads it; not shipped)
// dist/THIRD-PARTY-LICENSES.txt  the licenses of the bundled packages (shipped)
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const meta = join(root, "build");
rmSync(dist, { recursive: true, force: true });
mkdirSync(meta, { recursive: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { main: "src/cli/main.ts", sandbox: "src/sandbox/start.ts" },
  outdir: dist,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  // The ESM builds of the AWS SDK: their CommonJS builds lose their named exports through import().
  mainFields: ["module", "main"],
  // Sources named by where they sit under node_modules, also when node_modules is a link (a worktree).
  preserveSymlinks: true,
  // No keepNames: its thousands of defineProperty calls cost about 20 ms at every start. Errors are
  // told apart by the names their classes set themselves (AWS's, inquirer's, byodkim's), not by class names.
  minify: true,
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  // Bundled CommonJS (mailauth's insides, dns2) still calls require() for Node's own modules.
  banner: { js: 'import { createRequire as __byodkimRequire } from "node:module"; const require = __byodkimRequire(import.meta.url);' },
});
writeFileSync(join(meta, "meta.json"), JSON.stringify(result.metafile));

// One license text per bundled package, found from the inputs the bundle was made of.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.set(match[1], join(root, "node_modules", match[1]));
}
const licenses = [...packages.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, dir]) => {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const file = readdirSync(dir).find((entry) => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
    const text = file ? readFileSync(join(dir, file), "utf8").trim() : `License: ${manifest.license ?? "see the package"}`;
    return `${name}@${manifest.version} (${manifest.license ?? "unknown"})\n\n${text}\n`;
  });
writeFileSync(
  join(dist, "THIRD-PARTY-LICENSES.txt"),
  `byodkim bundles the following packages; their licenses follow.\n\n${licenses.join(`\n${"-".repeat(72)}\n\n`)}`,
);

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { maskSource, moduleSpecifiers } from "../support/importGraph.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const FS_MODULES = new Set(["node:fs", "fs", "node:fs/promises", "fs/promises"]);

/**
 * What writes, creates, moves or removes a file or folder, or opens one (ownFiles opens for reading
 * too: readOwnFile refuses a FIFO or a device, which a plain open would block on or read forever).
 */
const FORBIDDEN = new Set(
  [
    "writeFile",
    "appendFile",
    "createWriteStream",
    "rename",
    "mkdir",
    "mkdtemp",
    "copyFile",
    "cp",
    "open",
    "openAsBlob",
    "opendir",
    "rm",
    "rmdir",
    "unlink",
    "symlink",
    "link",
    "truncate",
    "ftruncate",
    "write",
    "writev",
    "chmod",
    "chown",
    "lchown",
    "utimes",
  ].flatMap((name) => [name, `${name}Sync`]),
);

/** Files allowed a name from FORBIDDEN, and why. */
const ALLOWED: Record<string, { names: readonly string[]; why: string }> = {
  "state/ownFiles.ts": { names: [...FORBIDDEN], why: "the one module through which byodkim writes (and opens) files" },
  "sandbox/start.ts": {
    names: ["mkdtemp"],
    why: "the rehearsal's own fresh temporary folder (mkdtemp makes a new unique one, never an existing path)",
  },
};

/** Each name a source imports from the fs modules, and every way of reaching fs that names nothing (namespace, default, dynamic). */
function fsImports(text: string): { names: string[]; opaque: string[] } {
  const masked = maskSource(text);
  const names: string[] = [];
  const opaque: string[] = [];
  let named = 0;
  for (const match of masked.matchAll(/\bimport\s+(?!\()([\s\S]*?)\bfrom\s*(["'])/g)) {
    const open = match.index + match[0].length - 1;
    const specifier = text.slice(open + 1, text.indexOf(match[2]!, open + 1));
    if (!FS_MODULES.has(specifier)) continue;
    named++;
    const clause = text
      .slice(match.index + "import".length, match.index + match[0].length - match[2]!.length)
      .replace(/\bfrom\s*$/, "")
      .trim();
    const braces = /\{([\s\S]*)\}/.exec(clause);
    const outside = clause
      .replace(/\{[\s\S]*\}/, "")
      .replace(/^type\s+/, "")
      .replace(/,/g, "")
      .trim();
    if (outside !== "") opaque.push(`import ${outside} from "${specifier}"`);
    for (const part of (braces?.[1] ?? "").split(",")) {
      const name = part
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)[0]!
        .trim();
      if (name) names.push(name);
    }
  }
  const all = moduleSpecifiers(text).filter((specifier) => FS_MODULES.has(specifier)).length;
  if (all > named) opaque.push(`${all - named} import(s) of fs not of the form import { … } from`);
  return { names, opaque };
}

const sources = () =>
  readdirSync(SRC, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => name.split("\\").join("/"))
    .sort();

describe("fsImports (self-check)", () => {
  it("reads named imports with aliases and types, and reports a namespace, a default or a dynamic import as opaque", () => {
    const source = [
      'import { readFileSync, writeFileSync as save, type Stats } from "node:fs";',
      'import { mkdir } from "fs/promises";',
      'import * as fs from "node:fs";',
      'import fsDefault, { rmSync } from "fs";',
      'export { renameSync } from "node:fs";',
      'const later = await import("node:fs/promises");',
      '// import { unlinkSync } from "node:fs";',
      "const text = \"import { openSync } from 'node:fs'\";",
      'import { join } from "node:path";',
    ].join("\n");
    expect(fsImports(source)).toEqual({
      names: ["readFileSync", "writeFileSync", "Stats", "mkdir", "rmSync"],
      opaque: ['import * as fs from "node:fs"', 'import fsDefault from "fs"', "2 import(s) of fs not of the form import { … } from"],
    });
  });
});

describe("byodkim writes files only through src/state/ownFiles.ts", () => {
  it("no other file under src imports an fs function that writes, creates, moves, removes or opens, except as allowed with a reason", () => {
    const found: string[] = [];
    for (const file of sources()) {
      const { names, opaque } = fsImports(readFileSync(join(SRC, file), "utf8"));
      const allowed = new Set(ALLOWED[file]?.names ?? []);
      for (const name of names) if (FORBIDDEN.has(name) && !allowed.has(name)) found.push(`${file}: ${name}`);
      for (const form of opaque) found.push(`${file}: ${form}`);
    }
    expect(found).toEqual([]);
  });

  it("every allowance is still used (a stale one would hide the next write)", () => {
    for (const [file, { names }] of Object.entries(ALLOWED)) {
      const imported = fsImports(readFileSync(join(SRC, file), "utf8")).names;
      expect(
        names.some((name) => imported.includes(name)),
        file,
      ).toBe(true);
    }
  });
});

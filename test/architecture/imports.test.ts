import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildImportGraph, findCycles, type ImportGraph, moduleSpecifiers } from "../support/importGraph.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/**
 * The floors of src, lowest first: a file may import from its own floor and the floors below it,
 * never from one above. Every folder and top-level file under src is on exactly one floor.
 */
const FLOORS: readonly (readonly string[])[] = [
  ["types/"], // ambient declarations for untyped packages
  ["messages/"], // the en/ja catalogue
  ["errors.ts", "packagePath.ts", "redacted.ts"],
  ["dkim/", "dns/"], // keys and records; DNS lookups
  ["config/"],
  ["aws/"], // adapters behind the ports
  ["state/"], // journal, lock, state secret, the one file writer
  ["permissions/"],
  ["gates/"], // pure judgements of fetched facts
  ["status/", "runbook/", "notify/", "campaign/", "dmarc/"],
  ["sandbox/"], // the rehearsal world: a peer of AWS, below what runs against it
  ["engine/"], // the run below the commands: ports, events, results, gate runner, guarded-change pipeline
  ["commands/"], // one file or folder per command; none imports another
  ["ui/"],
  ["cli/"], // the composition root
];

/** The floor list's entry a file under src sits in: its first folder, or the file itself at the top. */
const entryOf = (file: string) => (file.includes("/") ? `${file.split("/")[0]}/` : file);
const floorOf = (file: string, floors: readonly (readonly string[])[]) => floors.findIndex((floor) => floor.includes(entryOf(file)));
/** The command a file under commands/ belongs to: its file, or its folder. */
const commandOf = (file: string) => (file.startsWith("commands/") ? file.split("/")[1]!.replace(/\.ts$/, "") : undefined);

/** Files on no floor, and imports that run up a floor or between two different folders of one floor. */
function floorViolations(graph: ImportGraph, floors: readonly (readonly string[])[]): { unplaced: string[]; upward: string[] } {
  const unplaced = [...new Set([...graph.keys()].filter((file) => floorOf(file, floors) === -1).map(entryOf))].sort();
  const upward: string[] = [];
  for (const [file, targets] of graph) {
    const from = floorOf(file, floors);
    for (const target of targets) {
      const to = floorOf(target, floors);
      if (from === -1 || to === -1) continue;
      if (to > from || (to === from && entryOf(file) !== entryOf(target))) upward.push(`${file} → ${target}`);
    }
  }
  return { unplaced, upward: upward.sort() };
}

/** Imports from one command to another: commands share what they need through the floors below. */
function commandToCommand(graph: ImportGraph): string[] {
  return [...graph]
    .flatMap(([file, targets]) =>
      targets
        .filter((target) => commandOf(file) !== undefined && commandOf(target) !== undefined && commandOf(file) !== commandOf(target))
        .map((target) => `${file} → ${target}`),
    )
    .sort();
}

const chain = (cycle: readonly string[]) => cycle.join(" → ");

let cached: ReturnType<typeof buildImportGraph> | undefined;
const src = () => (cached ??= buildImportGraph(SRC));

describe("import graph helpers (self-check)", () => {
  const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

  it("reports a 3-cycle as a chain, and nothing for an acyclic graph", () => {
    const cyclic = graph({ "a.ts": ["b.ts"], "b.ts": ["c.ts", "d.ts"], "c.ts": ["a.ts"], "d.ts": [] });
    expect(findCycles(cyclic).map(chain)).toEqual(["a.ts → b.ts → c.ts → a.ts"]);

    const acyclic = graph({ "a.ts": ["b.ts", "c.ts"], "b.ts": ["c.ts"], "c.ts": [], "d.ts": ["a.ts"] });
    expect(findCycles(acyclic)).toEqual([]);
    expect(findCycles(graph({ "self.ts": ["self.ts"] })).map(chain)).toEqual(["self.ts → self.ts"]);
  });

  it("reads every import form, and none from comments, strings or regex literals", () => {
    const source = [
      'import { a } from "./a.js";',
      "import type {\n  B,\n  C,\n} from './b.js';",
      'import d, { type E } from "../d.js";',
      'export { f } from "./f.js";',
      'export type * from "./g.js";',
      'import "./side.js";',
      "// import { no } from './comment.js';",
      '/* export * from "./block.js"; */',
      "const quoting = /[<>&'\"]/g;",
      "const text = \"import { no } from './string.js'\";",
      'const later = await import("./lazy.js");',
      'const sdk = await import("@aws-sdk/client-sts");',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test, a template literal with a placeholder
      "const template = `${await import(`./templated.js`)} import('./inside-template.js')`;",
    ].join("\n");
    expect(moduleSpecifiers(source)).toEqual([
      "./a.js",
      "./b.js",
      "../d.js",
      "./f.js",
      "./g.js",
      "./side.js",
      "./lazy.js",
      "@aws-sdk/client-sts",
      "./templated.js",
    ]);
  });

  it("finds imports in the real src tree, each relative one resolved to a file", () => {
    const { graph, unresolved } = src();
    expect(unresolved, `relative imports in src that name no .ts file:\n${unresolved.join("\n")}`).toEqual([]);
    expect(graph.size).toBeGreaterThan(10);
    expect([...graph.values()].flat().length).toBeGreaterThan(graph.size);
  });
});

describe("floor checks (self-check: each fails on a planted violation)", () => {
  const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));
  const floors = [["errors.ts"], ["state/", "gates/"], ["engine/"], ["commands/"], ["cli/"]];

  it("passes a graph that only looks down, and names every import that looks up or sideways", () => {
    const clean = graph({
      "cli/main.ts": ["commands/enable.ts", "engine/context.ts"],
      "commands/enable.ts": ["engine/context.ts", "errors.ts"],
      "engine/context.ts": ["state/journal.ts"],
      "state/journal.ts": ["state/lock.ts", "errors.ts"],
      "state/lock.ts": [],
      "errors.ts": [],
    });
    expect(floorViolations(clean, floors)).toEqual({ unplaced: [], upward: [] });

    const planted = graph({
      "engine/context.ts": ["commands/enable.ts"],
      "commands/enable.ts": [],
      "state/journal.ts": ["gates/verdicts.ts"],
      "gates/verdicts.ts": [],
      "errors.ts": ["cli/main.ts"],
      "cli/main.ts": [],
    });
    expect(floorViolations(planted, floors).upward).toEqual([
      "engine/context.ts → commands/enable.ts",
      "errors.ts → cli/main.ts",
      "state/journal.ts → gates/verdicts.ts",
    ]);
  });

  it("names a folder or a top-level file that is on no floor", () => {
    expect(floorViolations(graph({ "newFolder/thing.ts": [], "loose.ts": [], "errors.ts": [] }), floors).unplaced).toEqual(["loose.ts", "newFolder/"]);
  });

  it("names a command that imports another, and lets a command's own folder import itself", () => {
    const planted = graph({
      "commands/run.ts": ["commands/enable.ts", "engine/context.ts"],
      "commands/report/report.ts": ["commands/report/runReport.ts", "commands/status.ts"],
      "commands/report/runReport.ts": [],
      "commands/enable.ts": [],
      "commands/status.ts": [],
    });
    expect(commandToCommand(planted)).toEqual(["commands/report/report.ts → commands/status.ts", "commands/run.ts → commands/enable.ts"]);
  });
});

describe("src architecture", () => {
  it("has no import cycle in src", () => {
    const cycles = findCycles(src().graph).map(chain);
    expect(cycles, `import cycles in src (type-only imports count):\n${cycles.join("\n")}`).toEqual([]);
  });

  it("places every folder and top-level file of src on a floor, and lists none that is gone", () => {
    const { unplaced } = floorViolations(src().graph, FLOORS);
    expect(unplaced, "folders or files of src on no floor: add each to FLOORS where it belongs").toEqual([]);
    const present = new Set([...src().graph.keys()].map(entryOf));
    expect(FLOORS.flat().filter((entry) => !present.has(entry))).toEqual([]);
  });

  it("has no import that runs up a floor (or across to another folder of the same floor)", () => {
    const { upward } = floorViolations(src().graph, FLOORS);
    expect(upward, `imports that run up a floor:\n${upward.join("\n")}`).toEqual([]);
  });

  it("has no command importing another command", () => {
    const found = commandToCommand(src().graph);
    expect(found, `commands importing commands:\n${found.join("\n")}`).toEqual([]);
  });
});

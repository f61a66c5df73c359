import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildImportGraph, findCycles, type ImportGraph, moduleSpecifiers } from "../support/importGraph.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** Floors that run without a terminal: they may be imported by ui and cli, never the other way round. */
const LOWER_FLOORS = ["gates/", "aws/", "dns/", "dkim/", "state/", "commands/", "messages/", "config/", "errors.ts"];
const UPPER_FLOORS = ["ui/", "cli/"];

const chain = (cycle: readonly string[]) => cycle.join(" → ");
const under = (file: string, prefixes: readonly string[]) => prefixes.some((prefix) => (prefix.endsWith("/") ? file.startsWith(prefix) : file === prefix));

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

describe("src architecture", () => {
  it("has no import cycle in src", () => {
    const cycles = findCycles(src().graph).map(chain);
    expect(cycles, `import cycles in src (type-only imports count):\n${cycles.join("\n")}`).toEqual([]);
  });

  it("keeps the lower floors free of ui and cli", () => {
    const offenders = [...src().graph]
      .filter(([file]) => under(file, LOWER_FLOORS))
      .flatMap(([file, targets]) => targets.filter((target) => under(target, UPPER_FLOORS)).map((target) => `${file} → ${target}`));
    expect(offenders, `lower floors importing src/ui or src/cli:\n${offenders.join("\n")}`).toEqual([]);
  });
});

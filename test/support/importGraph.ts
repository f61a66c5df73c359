import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** Module graph: file (path relative to the root, "/" separators) → the files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const REGEX_KEYWORDS = new Set(["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"]);

/**
 * The source with comments blanked and the insides of string, template and regex literals masked
 * (quotes and `${` kept), same length, so import patterns matched on it can't come from a comment or
 * a string while offsets still point into the original text.
 */
export function maskSource(text: string): string {
  const out = text.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== "\n") out[k] = " ";
  };
  const templateBraces: number[] = []; // brace depth at which each open `${ … }` closes
  let depth = 0;
  let lastCode = -1; // index of the last significant code character, to tell a regex from a division

  /** Masks template text from `from` up to the closing backtick or the next `${`; returns where code resumes. */
  const scanTemplateChunk = (from: number): number => {
    let k = from;
    while (k < text.length && text[k] !== "`" && !(text[k] === "$" && text[k + 1] === "{")) k += text[k] === "\\" ? 2 : 1;
    blank(from, k);
    if (text[k] !== "$") return k + 1;
    templateBraces.push(depth);
    return k + 2;
  };
  const regexAllowed = (): boolean => {
    if (lastCode < 0) return true;
    const prev = text[lastCode] ?? "";
    if (/[)\]"'`]/.test(prev)) return false;
    if (!/[\w$]/.test(prev)) return true;
    let start = lastCode;
    while (start > 0 && /[\w$]/.test(text[start - 1] ?? "")) start--;
    return REGEX_KEYWORDS.has(text.slice(start, lastCode + 1));
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      const end = text.indexOf("\n", i);
      blank(i, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      blank(i, end === -1 ? text.length : end + 2);
      i = end === -1 ? text.length : end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let k = i + 1;
      while (k < text.length && text[k] !== c && text[k] !== "\n") k += text[k] === "\\" ? 2 : 1;
      blank(i + 1, k);
      lastCode = Math.min(k, text.length - 1);
      i = k + 1;
      continue;
    }
    if (c === "`" || (c === "}" && templateBraces.at(-1) === depth)) {
      if (c === "}") templateBraces.pop();
      i = scanTemplateChunk(i + 1);
      lastCode = i - 1;
      continue;
    }
    if (c === "/" && regexAllowed()) {
      let k = i + 1;
      let inClass = false;
      while (k < text.length && text[k] !== "\n" && (inClass || text[k] !== "/")) {
        if (text[k] === "\\") k++;
        else if (text[k] === "[") inClass = true;
        else if (text[k] === "]") inClass = false;
        k++;
      }
      if (text[k] === "/") {
        blank(i + 1, k);
        lastCode = k;
        i = k + 1;
        continue;
      }
    }
    if (c === "{") depth++;
    if (c === "}") depth--;
    if (c !== undefined && !/\s/.test(c)) lastCode = i;
    i++;
  }
  return out.join("");
}

const IMPORT_PATTERNS = [
  /\b(?:import|export)\s[^;'"`()]*?\bfrom\s*(["'])/g, // import … from "x", import type … from "x", export … from "x"
  /\bimport\s*(["'])/g, // import "x"
  /\bimport\s*\(\s*(["'`])/g, // import("x")
];

/** Every module specifier a TypeScript source names in an import, export-from or dynamic import with a literal. */
export function moduleSpecifiers(text: string): string[] {
  const masked = maskSource(text);
  const found: { at: number; specifier: string }[] = [];
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of masked.matchAll(pattern)) {
      const quote = match[1] ?? '"';
      const open = match.index + match[0].length - 1;
      const close = text.indexOf(quote, open + 1);
      const specifier = text.slice(open + 1, close);
      if (close !== -1 && !specifier.includes("${") && !specifier.includes("\n")) found.push({ at: open, specifier });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.specifier);
}

/** The .ts file a relative specifier names ("./x.js" → x.ts, "./x" → x.ts, "./dir" → dir/index.ts), or undefined. */
export function resolveSpecifier(fromFile: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const stem = base.replace(/\.(?:js|ts)$/, "");
  return [`${stem}.ts`, `${stem}.d.ts`, `${base}.ts`, join(base, "index.ts")].find((candidate) => files.has(candidate));
}

export const isRelative = (specifier: string) => /^\.\.?(?:\/|$)/.test(specifier);

/** Reads every .ts file under root and links each relative import to the file it resolves to. */
export function buildImportGraph(root: string): { graph: ImportGraph; unresolved: string[] } {
  const absRoot = resolve(root);
  const files = new Set(
    readdirSync(absRoot, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".ts"))
      .map((name) => join(absRoot, name)),
  );
  const id = (file: string) => relative(absRoot, file).split(sep).join("/");
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of [...files].sort()) {
    const targets = new Set<string>();
    for (const specifier of moduleSpecifiers(readFileSync(file, "utf8")).filter(isRelative)) {
      const target = resolveSpecifier(file, specifier, files);
      if (target) targets.add(id(target));
      else if (!relative(absRoot, resolve(dirname(file), specifier)).startsWith("..")) unresolved.push(`${id(file)}: "${specifier}"`);
    }
    graph.set(id(file), [...targets].sort());
  }
  return { graph, unresolved };
}

/** Tarjan's strongly connected components, each sorted, in a stable order. */
export function stronglyConnectedComponents(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
}

/** The shortest chain start → … → start inside one component (breadth-first). */
function shortestCycleThrough(start: string, members: ReadonlySet<string>, graph: ImportGraph): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const next of graph.get(node) ?? []) {
      if (next === start) {
        const chain = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = parent.get(at)) chain.splice(1, 0, at);
        return [...chain, start];
      }
      if (members.has(next) && !parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

/**
 * Every import cycle, as chains a → b → … → a: for each strongly connected component with more than one
 * file (or a file importing itself), shortest cycles until each of its files is in at least one chain.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  for (const component of stronglyConnectedComponents(graph)) {
    const [only] = component;
    if (component.length === 1 && !(only !== undefined && graph.get(only)?.includes(only))) continue;
    const members = new Set(component);
    const covered = new Set<string>();
    for (const start of component) {
      if (covered.has(start)) continue;
      const chain = shortestCycleThrough(start, members, graph);
      for (const node of chain) covered.add(node);
      cycles.push(chain);
    }
  }
  return cycles;
}

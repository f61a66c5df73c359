import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MARKS } from "../../src/ui/marks.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const sources = readdirSync(SRC, { recursive: true, encoding: "utf8" })
  .filter((name) => name.endsWith(".ts"))
  .map((name) => ({ name: name.split("\\").join("/"), text: readFileSync(`${SRC}${name}`, "utf8") }));

describe("the marks byodkim puts before a line: one set, from one module", () => {
  it("is the heavy check and ballot X", () => {
    expect(MARKS).toMatchObject({ done: "✔", failed: "✘" });
  });

  it("never uses the light check or X anywhere in src/", () => {
    const light = sources.filter(({ text }) => /[\u2713\u2717]/.test(text)).map(({ name }) => name);
    expect(light).toEqual([]);
  });

  it("writes a mark out only in src/ui/marks.ts; every other file takes it from there", () => {
    const spelledOut = sources.filter(({ text }) => /[\u2714\u2718]/.test(text)).map(({ name }) => name);
    expect(spelledOut).toEqual(["ui/marks.ts"]);
  });
});

import { expect } from "vitest";
import type { Lang } from "../../src/messages/catalogue.js";
import { createOutput, type Output } from "../../src/ui/output.js";
import { leakedCanaries } from "./sandboxKey.js";

/** The renderers' output as a pipe without colour sees it, for in-process tests of the text and `--json` an operator reads. */
export function plainOutput(lang: Lang = "en", json = false): Output {
  const nowhere = { write: () => true };
  return createOutput({ stdout: nowhere, stderr: nowhere, env: { NO_COLOR: "1" }, json, lang, colorFlag: false, verbose: false });
}

/** The rendered text, once no run of a private key is found in it: what an operator reads never carries the key. */
export function keyFree(text: string, canaries: readonly string[]): string {
  expect(leakedCanaries(text, canaries)).toEqual([]);
  return text;
}

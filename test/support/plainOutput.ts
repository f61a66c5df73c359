import type { Lang } from "../../src/messages/catalogue.js";
import { createOutput, type Output } from "../../src/ui/output.js";

/** The renderers' output as a pipe without colour sees it, for in-process tests of the text and `--json` an operator reads. */
export function plainOutput(lang: Lang = "en", json = false): Output {
  const nowhere = { write: () => true };
  return createOutput({ stdout: nowhere, stderr: nowhere, env: { NO_COLOR: "1" }, json, lang, colorFlag: false, verbose: false });
}

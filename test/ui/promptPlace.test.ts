import { describe, expect, it } from "vitest";
import { choosePromptPlace } from "../../src/ui/prompts.js";

describe("where the typed confirmation is asked", () => {
  it.each([
    ["a terminal on stdin and stderr", true, true, "stderr"],
    ["stderr hidden (2>/dev/null) while a person types at the terminal", true, false, "terminal"],
    ["piped answers (a script, a test), stderr a terminal", false, true, "lines"],
    ["piped answers, stderr hidden", false, false, "lines"],
  ] as const)("%s: %s", (_what, stdinIsTTY, stderrIsTTY, place) => {
    expect(choosePromptPlace({ isTTY: stdinIsTTY }, { isTTY: stderrIsTTY })).toBe(place);
  });
});

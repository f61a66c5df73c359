import { describe, expect, it } from "vitest";
import { colourLevel } from "../../src/ui/output.js";

const tty = { isTTY: true, write: () => true };
const pipe = { isTTY: false, write: () => true };

describe("colour", () => {
  it.each([
    ["on a terminal", tty, {}, true, 1],
    ["not on a pipe", pipe, {}, true, 0],
    ["not with NO_COLOR set", tty, { NO_COLOR: "1" }, true, 0],
    ["not with --no-color", tty, {}, false, 0],
    ["not on a dumb terminal", tty, { TERM: "dumb" }, true, 0],
    ["when FORCE_COLOR asks for it on a pipe", pipe, { FORCE_COLOR: "1" }, true, 1],
    ["not when FORCE_COLOR asks but NO_COLOR is set", pipe, { FORCE_COLOR: "1", NO_COLOR: "x" }, true, 0],
  ] as const)("is used %s", (_what, stream, env, flag, level) => {
    expect(colourLevel(stream, env, flag)).toBe(level);
  });
});

import { describe, expect, it } from "vitest";
import { editTopLevel } from "../../src/state/stateText.js";

describe("state secret text: byodkim edits its own keys, every other byte stays", () => {
  it.each([
    [
      "replaces a value in place, keeping a number beyond 2^53",
      '{"current_phase":"6","ticket":12345678901234567890}',
      { current_phase: "7" },
      '{"current_phase":"7","ticket":12345678901234567890}',
    ],
    ["adds a key last, compact like the rest", '{"a":1.50}', { b: true }, '{"a":1.50,"b":true}'],
    ["adds a key last, indented like the rest", '{\n  "a": 1\n}', { b: "x" }, '{\n  "a": 1,\n  "b": "x"\n}'],
    ["adds keys with the separator the secret already uses", '{"a":1 , "c":2}', { b: [1], d: null }, '{"a":1 , "c":2 , "b":[1] , "d":null}'],
    ["adds to an empty object", "{}", { b: 1 }, '{"b":1}'],
    ["removes a middle key with its comma", '{"a":1, "lock":{"x":[1,{"y":"}"}]}, "c":1.50}', { lock: undefined }, '{"a":1, "c":1.50}'],
    ["removes the first key", '{"lock":2,"a":1e400}', { lock: undefined }, '{"a":1e400}'],
    ["removes the last key", '{\n  "a": 1,\n  "lock": 2\n}', { lock: undefined }, '{\n  "a": 1\n}'],
    ["removes the only key", '{ "lock": 2 }', { lock: undefined }, "{}"],
    ["removing a key that is not there changes nothing", '{ "a" : 1 }', { lock: undefined }, '{ "a" : 1 }'],
    [
      "keeps odd spacing, escapes, exponents and order",
      '{ "z" :1E+2 ,"\\u0061":"\\u00e9\\"}", "n": -0.0 ,\t"current_phase" : "6" }',
      { current_phase: "7" },
      '{ "z" :1E+2 ,"\\u0061":"\\u00e9\\"}", "n": -0.0 ,\t"current_phase" : "7" }',
    ],
    ["finds a key written with escapes", '{"current\\u005fphase":"6"}', { current_phase: "7" }, '{"current\\u005fphase":"7"}'],
    [
      "leaves a nested key of the same name alone",
      '{"other":{"current_phase":"1"},"current_phase":"6"}',
      { current_phase: "7" },
      '{"other":{"current_phase":"1"},"current_phase":"7"}',
    ],
    ["sets every copy of a key given twice, so JSON.parse reads the new one", '{"p":"5","x":0,"p":"6"}', { p: "7" }, '{"p":"7","x":0,"p":"7"}'],
    ["keeps whitespace around the object", '\n {"a":1} \n', { a: 2 }, '\n {"a":2} \n'],
  ])("%s", (_name, text, patch, expected) => {
    const edited = editTopLevel(text, patch);
    expect(edited).toBe(expected);
    expect(() => JSON.parse(edited)).not.toThrow();
  });

  it("writes byodkim's own values as JSON", () => {
    const edited = editTopLevel('{"a":1}', { byodkim_lock: { runId: "r1", pid: 42, note: 'say "hi"' } });
    expect(JSON.parse(edited)).toEqual({ a: 1, byodkim_lock: { runId: "r1", pid: 42, note: 'say "hi"' } });
  });
});

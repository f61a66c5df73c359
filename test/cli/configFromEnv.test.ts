import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { captureIo } from "../support/captureIo.js";

const GONE = "/tmp/byodkim-sandbox-gone/byodkim.config.yaml";

describe("a config file missing where it was looked for", () => {
  it("names BYODKIM_CONFIG and the way back when the variable chose the file (a rehearsal shell whose sandbox has gone)", async () => {
    const io = captureIo({ BYODKIM_CONFIG: GONE });
    expect(await run(["precheck"], io)).toBe(2);
    expect(io.err()).toContain(`no config file at ${GONE}`);
    expect(io.err()).toContain(`BYODKIM_CONFIG names ${GONE}`);
    expect(io.err()).toMatch(/eval "\$\(\S*byodkim\S* sandbox --env\)"/);
    expect(io.err()).not.toContain("copy byodkim.config.example.yaml");
  });

  it("says it in Japanese too", async () => {
    const io = captureIo({ BYODKIM_CONFIG: GONE });
    expect(await run(["precheck", "--lang", "ja"], io)).toBe(2);
    expect(io.err()).toContain(`BYODKIM_CONFIG が ${GONE} を指しています`);
  });

  it("keeps the copy-the-example hint when --config named the file, whatever the variable says", async () => {
    const io = captureIo({ BYODKIM_CONFIG: GONE });
    expect(await run(["precheck", "--config", "/tmp/byodkim-nowhere.yaml"], io)).toBe(2);
    expect(io.err()).toContain("no config file at /tmp/byodkim-nowhere.yaml");
    expect(io.err()).toContain("copy byodkim.config.example.yaml");
  });
});

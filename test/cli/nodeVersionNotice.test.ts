import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeNoticeDue, nodeNoticeFile, nodeVersionNotice } from "../../src/cli/nodeVersionNotice.js";
import { createOutput } from "../../src/ui/output.js";

const at = (iso: string) => new Date(iso);

describe("the Node version notice is said at most once a day", () => {
  it.each([
    ["never said", null, "2026-12-04T06:00:00Z", true],
    ["said an hour ago", "2026-12-04T05:00:00Z", "2026-12-04T06:00:00Z", false],
    ["said 23 h 59 min ago", "2026-12-03T06:01:00Z", "2026-12-04T06:00:00Z", false],
    ["said a day ago", "2026-12-03T06:00:00Z", "2026-12-04T06:00:00Z", true],
    ["a time in the future (a clock set back)", "2026-12-05T06:00:00Z", "2026-12-04T06:00:00Z", true],
    ["a file that held no time", "not a time", "2026-12-04T06:00:00Z", true],
  ])("%s", (_what, last, now, due) => {
    expect(nodeNoticeDue(last === null ? null : at(last), at(now))).toBe(due);
  });

  it("keeps the time in the user's state folder", () => {
    expect(nodeNoticeFile({ XDG_STATE_HOME: "/s", HOME: "/h" })).toBe("/s/byodkim/node-version-notice");
    expect(nodeNoticeFile({ HOME: "/h" })).toBe("/h/.local/state/byodkim/node-version-notice");
    expect(nodeNoticeFile({ XDG_STATE_HOME: "relative" })).toBeNull();
  });
});

describe("saying the Node version notice", () => {
  const stderrOf = (lang: "en" | "ja" = "en") => {
    let text = "";
    const out = createOutput({
      stdout: { write: () => true },
      stderr: { write: (chunk: string) => (text += chunk) },
      env: {},
      json: true,
      lang,
      colorFlag: false,
      verbose: false,
    });
    return { out, text: () => text };
  };
  const options = (env: NodeJS.ProcessEnv, now: string, nodeVersion = "20.20.2") => ({ env, nodeVersion, now: at(now), silencedByOperator: false });

  it("says one line on stderr, then not again that day in another run, then again the next day", () => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), "byodkim-state-")) };
    const first = stderrOf();
    nodeVersionNotice()(first.out, options(env, "2026-12-04T06:00:00Z"));
    expect(first.text()).toBe("! Node 20.20.2 is past its end of life; byodkim works on it, but install Node 22: the AWS SDK needs it from January 2027\n");
    expect(readFileSync(join(env.XDG_STATE_HOME, "byodkim", "node-version-notice"), "utf8")).toBe("2026-12-04T06:00:00.000Z\n");
    const later = stderrOf();
    nodeVersionNotice()(later.out, options(env, "2026-12-04T18:00:00Z"));
    expect(later.text()).toBe("");
    const tomorrow = stderrOf("ja");
    nodeVersionNotice()(tomorrow.out, options(env, "2026-12-05T06:00:00Z"));
    expect(tomorrow.text()).toContain("Node 22 をインストールしてください");
    expect(tomorrow.text().split("\n")).toHaveLength(2);
  });

  it("says it once in a run when its state cannot be written, and never fails", () => {
    const blocked = join(mkdtempSync(join(tmpdir(), "byodkim-state-")), "a-file");
    writeFileSync(blocked, "");
    const say = nodeVersionNotice();
    const stderr = stderrOf();
    say(stderr.out, options({ XDG_STATE_HOME: blocked }, "2026-12-04T06:00:00Z"));
    say(stderr.out, options({ XDG_STATE_HOME: blocked }, "2026-12-04T06:00:01Z"));
    expect(stderr.text().match(/end of life/g)).toHaveLength(1);
  });

  it("says nothing on Node 22, or when the operator set the SDK's switch", () => {
    const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), "byodkim-state-")) };
    const stderr = stderrOf();
    nodeVersionNotice()(stderr.out, options(env, "2026-12-04T06:00:00Z", "22.12.0"));
    nodeVersionNotice()(stderr.out, { ...options(env, "2026-12-04T06:00:00Z"), silencedByOperator: true });
    expect(stderr.text()).toBe("");
  });
});

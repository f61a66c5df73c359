import { describe, expect, it } from "vitest";
import { typedPath } from "../../src/runbook/typedPath.js";

describe("a path typed or dropped at a prompt", () => {
  it.each([
    ["/tmp/received.eml", "/tmp/received.eml"],
    ["  /tmp/received.eml  ", "/tmp/received.eml"],
    ["'/tmp/my mail/received.eml'", "/tmp/my mail/received.eml"],
    ['"/tmp/my mail/received.eml"', "/tmp/my mail/received.eml"],
    ["/tmp/my\\ mail/received\\ (1).eml", "/tmp/my mail/received (1).eml"],
    ["~/Downloads/received.eml", "/home/op/Downloads/received.eml"],
    ["'~/quoted stays'", "/home/op/quoted stays"],
    ["~other/received.eml", "~other/received.eml"],
    ["'unbalanced", "'unbalanced"],
  ])("reads %s as %s", (answer, path) => {
    expect(typedPath(answer, "/home/op")).toBe(path);
  });

  it("leaves ~ alone when there is no home folder", () => {
    expect(typedPath("~/received.eml", undefined)).toBe("~/received.eml");
  });
});

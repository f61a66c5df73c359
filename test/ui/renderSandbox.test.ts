import { describe, expect, it } from "vitest";
import type { Sandbox } from "../../src/sandbox/start.js";
import { renderDemoIntro, renderSandboxStarted } from "../../src/ui/renderSandbox.js";
import { plainOutput } from "../support/plainOutput.js";

const sandbox = {
  scenario: "good",
  endpoint: "http://127.0.0.1:4510",
  dnsServers: ["127.0.0.1:5301", "127.0.0.1:5302"],
  env: { AWS_ENDPOINT_URL: "http://127.0.0.1:4510", AWS_REGION: "ap-northeast-1" },
  // What --env prints is each principal's shell; the operator's is the one shown.
  envAs: {
    operator: { AWS_ENDPOINT_URL: "http://127.0.0.1:4510", AWS_REGION: "ap-northeast-1" },
    approver: { AWS_ENDPOINT_URL: "http://127.0.0.1:4510", AWS_REGION: "ap-northeast-1" },
  },
  configPath: "/tmp/byodkim-sandbox-x/byodkim.config.yaml",
} as unknown as Sandbox;

const lines = (text: string) => text.split("\n").map((line) => line.trim());

describe("what the sandbox prints for the shell beside it", () => {
  it("gives the one eval line and the first command, each starting the way byodkim was started", () => {
    const text = lines(renderSandboxStarted(plainOutput(), sandbox, "npx byodkim", { path: "/home/op/.byodkim/sandbox.env" }));
    const at = text.indexOf('eval "$(npx byodkim sandbox --env)"');
    expect(at).toBeGreaterThan(0);
    expect(text[at + 1]).toBe("npx byodkim precheck");
    // The same lines by hand, BYODKIM_CONFIG among them, so that no command needs --config.
    expect(text).toContain("unset AWS_PROFILE");
    expect(text).toContain("export BYODKIM_CONFIG=/tmp/byodkim-sandbox-x/byodkim.config.yaml");
    expect(text.join("\n")).not.toContain("--config");
  });

  it("says why when it could not leave its settings for --env, and gives the lines to paste with the first command after them", () => {
    const text = lines(renderSandboxStarted(plainOutput("ja"), sandbox, "byodkim", { error: new Error("EACCES: permission denied") }));
    expect(text.join("\n")).toContain("`sandbox --env` 用の設定を書き込めませんでした（EACCES: permission denied）。");
    expect(text.join("\n")).not.toContain("eval ");
    expect(text.indexOf("byodkim precheck")).toBe(text.indexOf("export BYODKIM_CONFIG=/tmp/byodkim-sandbox-x/byodkim.config.yaml") + 1);
  });

  it("suggests the scenario's own first command when precheck would not run there (a config with no domain)", () => {
    const text = lines(renderSandboxStarted(plainOutput(), { ...sandbox, firstCommand: "status" } as Sandbox, "npx byodkim", { path: "/p" }));
    expect(text[text.indexOf('eval "$(npx byodkim sandbox --env)"') + 1]).toBe("npx byodkim status");
    expect(text.join("\n")).not.toContain("precheck");
  });

  it("tells the demo's operator whether the changes wait for them at the confirmation", () => {
    expect(renderDemoIntro(plainOutput(), sandbox, true, "22.1.0")).toContain("Each change stops at its confirmation");
    expect(renderDemoIntro(plainOutput(), sandbox, false, "22.1.0")).toContain("each change is confirmed with --yes");
  });
});

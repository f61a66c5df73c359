import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { probeFrom } from "../../src/config/probeConfig.js";
import { problemOf } from "../support/configProblem.js";

const exampleText = readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8");
const example = parse(exampleText) as Record<string, unknown>;
const withProbe = (probe: unknown) => validateConfig({ ...example, probe }, "test.yaml").probe;
const IMAP = { host: "imap.example.jp", user: "probe", passwordSecret: "byodkim/imap-probe" };

describe("probe settings", () => {
  it("are absent when the config has no probe:", () => {
    expect(validateConfig(example, "test.yaml").probe).toBeUndefined();
  });

  it("the example's commented block, uncommented, is a valid probe: section", () => {
    const block = exampleText
      .slice(exampleText.indexOf("# probe:"))
      .split("\n")
      .filter((line) => /^# ( |probe:)/.test(line))
      .map((line) => line.replace(/^# /, "").replace(/ # .*$/, ""))
      .join("\n");
    const probe = validateConfig({ ...example, ...(parse(block) as Record<string, unknown>) }, "test.yaml").probe;
    expect(probe?.targets.map((target) => [target.name, target.readBack.kind])).toEqual([
      ["s3-inbound", "s3"],
      ["docomo", "imap"],
    ]);
  });

  it("one mailbox: to with inbound, the sender defaulting to byodkim-probe@{domain}", () => {
    const probe = withProbe({ to: "probe@inbound.example.jp", inbound: { s3: { bucket: "my-inbound", prefix: "probe/", region: "us-east-1" } } });
    expect(probe).toEqual({
      from: "byodkim-probe@{domain}",
      targets: [{ name: "s3-inbound", to: "probe@inbound.example.jp", readBack: { kind: "s3", bucket: "my-inbound", prefix: "probe/", region: "us-east-1" } }],
    });
    expect(probeFrom(probe!, "goo.ne.jp")).toBe("byodkim-probe@goo.ne.jp");
  });

  it("IMAP is over TLS on 993 unless plain IMAP is asked for", () => {
    const [tls] = withProbe({ to: "p@example.jp", imap: IMAP })!.targets;
    expect(tls!.readBack).toEqual({ kind: "imap", host: "imap.example.jp", port: 993, secure: true, user: "probe", passwordSecret: "byodkim/imap-probe" });
    const [plain] = withProbe({ to: "p@example.jp", imap: { ...IMAP, host: "127.0.0.1", port: 1143, secure: false } })!.targets;
    expect(plain!.readBack).toMatchObject({ port: 1143, secure: false });
  });

  it("several targets, each with its own mailbox", () => {
    const probe = withProbe({
      from: "dkim-probe@{domain}",
      targets: [
        { name: "gmail", to: "someone@gmail.example", imap: IMAP },
        { name: "ses-inbound", to: "probe@inbound.example.jp", inbound: { s3: { bucket: "my-inbound", prefix: "probe/" } } },
      ],
    });
    expect(probe?.targets.map((target) => `${target.name} ${target.to} ${target.readBack.kind}`)).toEqual([
      "gmail someone@gmail.example imap",
      "ses-inbound probe@inbound.example.jp s3",
    ]);
    expect(probe?.targets[1]?.readBack).toMatchObject({ region: undefined });
  });

  it.each([
    ["a password in the config", { to: "p@example.jp", imap: { ...IMAP, password: "hunter2" } }, "probe.imap.password"],
    ["no read-back", { to: "p@example.jp" }, "probe.to"],
    ["nothing at all", {}, "probe"],
    ["a bad address", { to: "not an address", imap: IMAP }, "probe.to"],
    ["secure in quotes", { to: "p@example.jp", imap: { ...IMAP, secure: "no" } }, "probe.imap.secure"],
    ["a port out of range", { to: "p@example.jp", imap: { ...IMAP, port: 99999 } }, "probe.imap.port"],
    ["no passwordSecret", { to: "p@example.jp", imap: { host: "imap.example.jp", user: "probe" } }, "probe.imap.passwordSecret"],
    ["a prefix that is a pattern", { to: "p@example.jp", inbound: { s3: { bucket: "my-inbound", prefix: "probe/*" } } }, "probe.inbound.s3.prefix"],
    ["an inbound without s3", { to: "p@example.jp", inbound: {} }, "probe.inbound.s3"],
    ["a bucket region that is not one", { to: "p@example.jp", inbound: { s3: { bucket: "my-inbound", region: "tokyo" } } }, "probe.inbound.s3.region"],
    [
      "a target with both read-backs",
      { targets: [{ name: "x", to: "p@example.jp", imap: IMAP, inbound: { s3: { bucket: "my-inbound" } } }] },
      "probe.targets[0]",
    ],
    ["a target with neither", { targets: [{ name: "x", to: "p@example.jp" }] }, "probe.targets[0]"],
    [
      "two targets of one name",
      {
        targets: [
          { name: "x", to: "p@example.jp", imap: IMAP },
          { name: "x", to: "q@example.jp", imap: IMAP },
        ],
      },
      "probe.targets[1].name",
    ],
    ["a sender that is not an address", { from: "probe", to: "p@example.jp", imap: IMAP }, "probe.from"],
  ])("refuse %s, naming the key", (_what, probe, key) => {
    const problem = problemOf({ ...example, probe });
    expect(problem.params["key"]).toBe(key);
  });
});

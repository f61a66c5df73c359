import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseReportSource } from "../../src/config/dmarcConfig.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const { dmarc: _shipped, ...withoutDmarc } = example;

describe("dmarc settings", () => {
  it("are absent when the config has no dmarc: (report dmarc then needs --from)", () => {
    expect(validateConfig(withoutDmarc, "test.yaml").dmarc).toBeUndefined();
    expect(validateConfig({ ...withoutDmarc, dmarc: null }, "test.yaml").dmarc).toBeUndefined();
  });

  it.each([
    ["a folder", "./dmarc-reports", { kind: "folder", path: "./dmarc-reports" }],
    ["an S3 prefix", "s3://my-inbound/dmarc/rua/", { kind: "s3", bucket: "my-inbound", prefix: "dmarc/rua/" }],
    ["a whole bucket", "s3://my-inbound", { kind: "s3", bucket: "my-inbound", prefix: "" }],
  ])("take %s as reports", (_what, reports, source) => {
    expect(validateConfig({ ...withoutDmarc, dmarc: { reports } }, "test.yaml").dmarc).toEqual({ reports });
    expect(parseReportSource(reports)).toEqual(source);
  });

  it.each([
    ["an S3 address without a valid bucket", { reports: "s3://My_Bucket/x" }, "dmarc.reports"],
    ["an S3 prefix IAM would read as a pattern", { reports: "s3://my-inbound/dmarc/*" }, "dmarc.reports"],
    ["an S3 prefix with a policy variable", { reports: `s3://my-inbound/$${"{"}aws:username}/` }, "dmarc.reports"],
    ["an empty folder name", { reports: "" }, "dmarc.reports"],
    ["a number", { reports: 3 }, "dmarc.reports"],
    ["an unknown key", { folder: "./x" }, "dmarc.folder"],
    ["a string instead of a mapping", "./dmarc-reports", "dmarc"],
  ])("refuse %s, naming the key", (_what, dmarc, key) => {
    const problem = problemOf({ ...withoutDmarc, dmarc });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
  });
});

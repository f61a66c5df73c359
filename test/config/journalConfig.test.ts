import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const withJournal = (journal: unknown) => ({ ...example, journal });

describe("journal.s3, the journal's mirror", () => {
  it("is absent when the config has none: the journals stay on this machine", () => {
    expect(validateConfig(withJournal({ dir: "/var/lib/byodkim" }), "test.yaml").journal).toEqual({ dir: "/var/lib/byodkim" });
    expect(validateConfig(withJournal({ s3: null }), "test.yaml").journal.s3).toBeUndefined();
  });

  it.each([
    ["a bucket alone, under the default prefix", { bucket: "my-journal-bucket" }, { bucket: "my-journal-bucket", prefix: "byodkim/journal/" }],
    ["a prefix ending with /", { bucket: "journals.example", prefix: "ops/byodkim/" }, { bucket: "journals.example", prefix: "ops/byodkim/" }],
    ["a prefix without its /, given one", { bucket: "my-journal-bucket", prefix: "ops/byodkim" }, { bucket: "my-journal-bucket", prefix: "ops/byodkim/" }],
    ["an empty prefix: the bucket's top", { bucket: "my-journal-bucket", prefix: "" }, { bucket: "my-journal-bucket", prefix: "" }],
  ])("takes %s", (_what, s3, expected) => {
    expect(validateConfig(withJournal({ s3 }), "test.yaml").journal.s3).toEqual(expected);
  });

  const BUCKET = "the S3 bucket name the run journals are mirrored to";
  const PREFIX = "a key prefix such as byodkim/journal/ (no *, ?, $, spaces or .. parts, not starting with /)";
  it.each([
    ["no bucket", { prefix: "x/" }, "journal.s3.bucket", BUCKET],
    ["a bucket name with capitals", { bucket: "My_Bucket" }, "journal.s3.bucket", BUCKET],
    ["an s3:// URL for a bucket", { bucket: "s3://my-journal-bucket" }, "journal.s3.bucket", BUCKET],
    ["a prefix with a wildcard (IAM would widen the grant)", { bucket: "my-journal-bucket", prefix: "byodkim/*" }, "journal.s3.prefix", PREFIX],
    ["a prefix climbing out with ..", { bucket: "my-journal-bucket", prefix: "byodkim/../keys/" }, "journal.s3.prefix", PREFIX],
    ["a prefix starting with /", { bucket: "my-journal-bucket", prefix: "/byodkim/" }, "journal.s3.prefix", PREFIX],
    ["an unknown key", { bucket: "my-journal-bucket", region: "ap-northeast-1" }, "journal.s3.region", "one of: bucket, prefix"],
    [
      "a URL instead of a mapping",
      "s3://my-journal-bucket/byodkim/",
      "journal.s3",
      "a mapping with bucket and optionally prefix, e.g. { bucket: my-journal-bucket, prefix: byodkim/journal/ }",
    ],
  ])("refuses %s, naming the key and what it takes", (_what, s3, key, expected) => {
    const problem = problemOf(withJournal({ s3 }));
    expect(problem.params["key"]).toBe(key);
    expect(problem.params["expected"]).toBe(expected);
  });

  it("names s3 among journal's keys", () => {
    expect(problemOf(withJournal({ mirror: "x" })).params["expected"]).toBe("one of: dir, s3");
  });
});

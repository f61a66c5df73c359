import { describe, expect, it } from "vitest";
import { msg } from "../../src/messages/msg.js";
import type { StatusRow } from "../../src/status/judge.js";
import { displayWidth } from "../../src/ui/displayWidth.js";
import { createOutput } from "../../src/ui/output.js";
import { renderStatusText, statusJson, wayOut } from "../../src/ui/renderStatus.js";

import { base, missing, overdue, statusResult as result } from "../support/statusRows.js";

const sink = { write: () => true };
const output = (lang: "en" | "ja" = "en") => createOutput({ stdout: sink, stderr: sink, env: {}, json: false, lang, colorFlag: false, verbose: false });

describe("the status table", () => {
  it("puts what needs action first, each row with its mark, its reason and the rest below it", () => {
    const text = renderStatusText(output(), result([base, overdue, missing]));
    const rows = text.split("\n").filter((line) => /^[✔!✘] /.test(line));
    expect(rows.map((line) => line.split(/\s+/).slice(0, 2).join(" "))).toEqual(["✘ m13.goo.ne.jp", "✘ m39.goo.ne.jp", "✔ m01.goo.ne.jp"]);
    expect(text).toContain("key is 45 days old, rotation was due 14 days ago");
    expect(text).toContain("14 d over");
    expect(text).toContain("    the TXT record does not carry the key on 1 of 3 nameservers");
    expect(text).toContain("SES has no such identity in ap-northeast-3");
    expect(text).toContain("1 healthy · 0 warnings · 2 need action");
  });

  it.each([
    ["BYODKIM", "dkimFailed", { ...base.dkim!, status: "FAILED" }, "byodkim enable m01.goo.ne.jp --selector m01-pro-20261121-1 --region ap-northeast-1"],
    [
      "Easy DKIM",
      "dkimFailed",
      { ...base.dkim!, origin: "AWS_SES", status: "FAILED", selector: null },
      "byodkim rollback m01.goo.ne.jp --region ap-northeast-1",
    ],
    [
      "BYODKIM",
      "dkimStuck",
      { ...base.dkim!, status: "TEMPORARY_FAILURE" },
      "byodkim enable m01.goo.ne.jp --selector m01-pro-20261121-1 --region ap-northeast-1",
    ],
    [
      "Easy DKIM",
      "dkimStuck",
      { ...base.dkim!, origin: "AWS_SES", status: "TEMPORARY_FAILURE", selector: null },
      "byodkim rollback m01.goo.ne.jp --region ap-northeast-1",
    ],
  ] as const)("names the way out of a stuck verification (%s, %s), in the table and the document", (_kind, reason, dkim, command) => {
    const failed: StatusRow = { ...base, verdict: "action", reason, reasons: [reason], dkim };
    const text = renderStatusText(output(), result([failed]));
    expect(text).toContain("waiting will not help");
    expect(text).toContain(command);
    const row = (statusJson(output(), result([failed])).rows as { wayOut: { text: string } | null }[])[0]!;
    expect(row.wayOut?.text).toContain(command);
    expect((statusJson(output(), result([base])).rows as { wayOut: unknown }[])[0]!.wayOut).toBeNull();
  });

  it("lines its columns up by display width, in Japanese too", () => {
    const text = renderStatusText(output("ja"), result([base, overdue]));
    const lines = text.split("\n").filter((line) => /^[✔!✘ ] /.test(line) && line.includes("ap-northeast-1"));
    const reasonAt = lines.map((line) => displayWidth(line.slice(0, line.indexOf("ap-northeast-1"))));
    expect(new Set(reasonAt).size).toBe(1);
    expect(text).toContain("要対応 1");
  });

  it("says when the metrics could not be published, and that the status stands", () => {
    const refused = msg("aws.accessDenied", { service: "CloudWatch", action: "cloudwatch:PutMetricData", resource: "*", requestId: "r" });
    const text = renderStatusText(output(), result([base], { metrics: { published: false, problem: refused } }));
    expect(text).toMatch(/warning: metrics not published \(.*cloudwatch:PutMetricData.*\); the status above stands/);
  });
});

describe("the status document", () => {
  it("carries each row's facts and its reason in words and as a code", () => {
    const document = statusJson(output(), result([overdue]));
    expect(document).toMatchObject({ command: "status", ok: false, counts: { action: 1 }, metrics: null });
    const [row] = document["rows"] as Record<string, unknown>[];
    expect(row).toMatchObject({ reason: "keyOverdue", reasonText: "key is 45 days old, rotation was due 14 days ago", key: { ageDays: 45, keyProblem: null } });
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });
});

describe("the status table across accounts", () => {
  it("shows an ACCOUNT column only when the rows span accounts", () => {
    const one = renderStatusText(output(), result([base, overdue]), 160);
    expect(one).not.toContain("ACCOUNT");
    const two = renderStatusText(
      output(),
      result([
        { ...base, account: "123456789012" },
        { ...overdue, account: "111111111111" },
      ]),
      160,
    );
    expect(two).toContain("ACCOUNT");
    expect(two.split("\n").find((line) => line.includes(overdue.domain))).toContain("111111111111");
    expect(
      renderStatusText(
        output("ja"),
        result([
          { ...base, account: "123456789012" },
          { ...overdue, account: "111111111111" },
        ]),
        160,
      ),
    ).toContain("アカウント");
    expect(statusJson(output(), result([{ ...overdue, account: "111111111111" }]))["rows"]).toMatchObject([{ account: "111111111111" }]);
  });
});

describe("a row the config puts in another account", () => {
  it("names both accounts and prints no command, which would reach the configured one", () => {
    const failed = {
      ...base,
      reasons: ["dkimFailed" as const],
      reason: "dkimFailed" as const,
      verdict: "action" as const,
      dkim: { ...base.dkim!, status: "FAILED" },
    };
    expect(wayOut(failed)).not.toBeNull();
    const elsewhere = { ...failed, account: "123456789012", configuredAccount: "111111111111", reasons: ["otherAccount" as const, "dkimFailed" as const] };
    expect(wayOut(elsewhere)).toBeNull();
    const text = renderStatusText(output(), result([elsewhere, { ...overdue, account: "111111111111" }]), 200);
    expect(text).toContain(`listed by account 123456789012's SES, but the config puts ${base.domain} in account 111111111111`);
    expect(text).not.toContain("byodkim enable");
  });
});

import { describe, expect, it } from "vitest";
import type { GateResult } from "../../src/gates/types.js";
import { msg } from "../../src/messages/msg.js";
import { displayWidth } from "../../src/ui/displayWidth.js";
import { createOutput } from "../../src/ui/output.js";
import { renderGateRows } from "../../src/ui/renderPrecheck.js";

const sink = { write: () => true };
const output = (lang: "en" | "ja") => createOutput({ stdout: sink, stderr: sink, env: {}, json: false, lang, colorFlag: false, verbose: false });
const arn = "arn:aws:sts::123456789012:assumed-role/MailOps/operator";
const name = "gooid-21-pro-20250917-3._domainkey.goo.ne.jp";

const gates: GateResult[] = [
  { id: "identity", status: "pass", detail: msg("gate.identity.pass", { account: "123456789012", arn, region: "ap-northeast-1" }) },
  {
    id: "selector",
    status: "fail",
    detail: msg("gate.selector.noneFound", { prefix: "gooid-21-pro", location: "s3://aws-ses-migration-prod-dkim/dkim/goo.ne.jp/" }),
    lines: [msg("gate.selector.noneFound.hint")],
  },
  {
    id: "dns",
    status: "warn",
    detail: msg("gate.dns.noMatch", { name, total: 2 }),
    lines: [msg("handoff.zoneTwice", { found: `${name}.goo.ne.jp`, name, relative: "gooid-21-pro-20250917-3._domainkey" })],
  },
];

describe("precheck's gate rows at the terminal's width", () => {
  it.each([
    ["en", 160],
    ["en", 80],
    ["en", 40],
    ["ja", 160],
    ["ja", 80],
    ["ja", 40],
  ] as const)("%s at %i columns: no line wider than the terminal, and every word of the detail kept", (lang, width) => {
    const lines = renderGateRows(output(lang), gates, width);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    const piped = renderGateRows(output(lang), gates, undefined);
    const words = (text: string) => text.replace(/\s+/g, "");
    expect(words(lines.join(""))).toBe(words(piped.join("")));
    expect(lines.filter((line) => /^[✔✘!] /.test(line))).toHaveLength(gates.length);
  });

  it("leaves piped output one line a gate, as before", () => {
    const piped = renderGateRows(output("en"), gates, undefined);
    expect(piped[0]).toBe(`✔ AWS account and region  account 123456789012 as ${arn}, region ap-northeast-1`);
    expect(piped).toHaveLength(gates.length + 2);
  });
});

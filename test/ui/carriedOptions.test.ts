import { describe, expect, it } from "vitest";
import { type CarriedOption, carryingOptions, carryOptions } from "../../src/ui/carriedOptions.js";

const CONFIG: CarriedOption = { flag: "--config", value: "/etc/byodkim/prod.yaml" };
const REGION: CarriedOption = { flag: "--region", value: "ap-northeast-3" };

describe("the options a printed command carries from the run that printed it", () => {
  it.each([
    ["a next step", "Next: byodkim verify goo.ne.jp\n", "Next: byodkim verify goo.ne.jp --config /etc/byodkim/prod.yaml --region ap-northeast-3\n"],
    [
      "a sentence's closing period stays outside",
      "finish it: byodkim enable goo.ne.jp --selector s-1.",
      "finish it: byodkim enable goo.ne.jp --selector s-1 --config /etc/byodkim/prod.yaml --region ap-northeast-3.",
    ],
    [
      "a colon closing a heading",
      "byodkim rollback goo.ne.jp --to disable:",
      "byodkim rollback goo.ne.jp --to disable --config /etc/byodkim/prod.yaml --region ap-northeast-3:",
    ],
    [
      "a JSON string",
      '"rollbackCommand": "byodkim rollback goo.ne.jp",',
      '"rollbackCommand": "byodkim rollback goo.ne.jp --config /etc/byodkim/prod.yaml --region ap-northeast-3",',
    ],
    ["in a sentence that goes on", "(run byodkim precheck first)", "(run byodkim precheck --config /etc/byodkim/prod.yaml --region ap-northeast-3 first)"],
    ["in backticks", "`byodkim rollback goo.ne.jp`", "`byodkim rollback goo.ne.jp --config /etc/byodkim/prod.yaml --region ap-northeast-3`"],
    [
      "two in one line",
      "byodkim rollback d.jp --to disable or byodkim rollback d.jp --to easy-dkim",
      "byodkim rollback d.jp --to disable --config /etc/byodkim/prod.yaml --region ap-northeast-3 or byodkim rollback d.jp --to easy-dkim --config /etc/byodkim/prod.yaml --region ap-northeast-3",
    ],
    [
      "in colour",
      "\u001b[1mbyodkim verify goo.ne.jp\u001b[22m",
      "\u001b[1mbyodkim verify goo.ne.jp --config /etc/byodkim/prod.yaml --region ap-northeast-3\u001b[22m",
    ],
    ["a sentence about byodkim, not a command", "byodkim never switched goo.ne.jp", "byodkim never switched goo.ne.jp"],
    [
      "the sentence's words after a command",
      "byodkim retire s-1 goo.ne.jp from 2026-12-10 (7-day grace)",
      "byodkim retire s-1 goo.ne.jp --config /etc/byodkim/prod.yaml --region ap-northeast-3 from 2026-12-10 (7-day grace)",
    ],
    [
      "a walk's resume",
      "To continue: byodkim run rotate goo.ne.jp --resume --selector s-2",
      "To continue: byodkim run rotate goo.ne.jp --resume --selector s-2 --config /etc/byodkim/prod.yaml --region ap-northeast-3",
    ],
    [
      "a command with no domain, then prose",
      "For the next free selector, run again: byodkim keygen",
      "For the next free selector, run again: byodkim keygen --config /etc/byodkim/prod.yaml --region ap-northeast-3",
    ],
    [
      "a placeholder argument, before a bracket",
      "byodkim retire <selector> [domain]",
      "byodkim retire <selector> --config /etc/byodkim/prod.yaml --region ap-northeast-3 [domain]",
    ],
    [
      "in Japanese, before a full-width bracket and after a full-width colon",
      "公開されたら：byodkim enable d.jp --region ap-northeast-1（ローテーション後なら byodkim rotate d.jp --to s-2）",
      "公開されたら：byodkim enable d.jp --region ap-northeast-1 --config /etc/byodkim/prod.yaml（ローテーション後なら byodkim rotate d.jp --to s-2 --config /etc/byodkim/prod.yaml --region ap-northeast-3）",
    ],
    [
      "in Japanese, before a full-width comma or period",
      "byodkim verify d.jp、または byodkim rollback d.jp。",
      "byodkim verify d.jp --config /etc/byodkim/prod.yaml --region ap-northeast-3、または byodkim rollback d.jp --config /etc/byodkim/prod.yaml --region ap-northeast-3。",
    ],
    [
      "an option the command already names is not repeated",
      "byodkim status d.jp --region ap-northeast-1",
      "byodkim status d.jp --region ap-northeast-1 --config /etc/byodkim/prod.yaml",
    ],
  ])("%s", (_what, text, carried) => {
    expect(carryOptions(text, [CONFIG, REGION])).toBe(carried);
  });

  it("quotes a value the shell would split, so the command still works when pasted", () => {
    expect(carryOptions("byodkim verify d.jp", [{ flag: "--config", value: "/srv/mail ops/it's.yaml" }])).toBe(
      `byodkim verify d.jp --config '/srv/mail ops/it'\\''s.yaml'`,
    );
  });

  it("leaves text alone when nothing is carried", () => {
    expect(carryOptions("Next: byodkim verify goo.ne.jp", [])).toBe("Next: byodkim verify goo.ne.jp");
  });

  it("carries every --dns-server the run was given", () => {
    const servers: CarriedOption[] = [
      { flag: "--dns-server", value: "127.0.0.1:5353" },
      { flag: "--dns-server", value: "127.0.0.1:5354" },
    ];
    expect(carryOptions("byodkim precheck d.jp", servers)).toBe("byodkim precheck d.jp --dns-server 127.0.0.1:5353 --dns-server 127.0.0.1:5354");
  });

  it("survives a spinner hooking the stream's write and restoring it (as ora does on a terminal)", () => {
    const written: string[] = [];
    const terminal = { write: (text: string) => void written.push(text) };
    const stream = carryingOptions(terminal, [CONFIG]);
    // ora keeps the write it finds, puts its own in its place, calls the kept one, and puts it back when it stops.
    const kept = stream.write;
    stream.write = (text: string) => kept.call(stream, `[spinner cleared] ${text}`);
    stream.write("Next: byodkim verify goo.ne.jp\n");
    stream.write = kept;
    stream.write("byodkim rollback goo.ne.jp\n");
    expect(written).toEqual([
      "[spinner cleared] Next: byodkim verify goo.ne.jp --config /etc/byodkim/prod.yaml\n",
      "byodkim rollback goo.ne.jp --config /etc/byodkim/prod.yaml\n",
    ]);
    expect(terminal.write).not.toBe(stream.write);
  });
});

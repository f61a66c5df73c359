import { describe, expect, it } from "vitest";
import { msg } from "../../src/messages/msg.js";
import { createOutput } from "../../src/ui/output.js";
import { renderAbandonedText } from "../../src/ui/renderInterrupt.js";

const sink = { write: () => true };
const output = createOutput({ stdout: sink, stderr: sink, env: {}, json: false, lang: "en", colorFlag: false, verbose: false });

describe("a change stopped by force", () => {
  const abandoned = (rollbackCommand: string) => ({
    summary: msg("change.abandoned.call", { call: "PutEmailIdentityDkimAttributes", domain: "goo.ne.jp" }),
    journalPath: "/tmp/j.jsonl",
    rollbackCommand,
  });

  it("gives enable's rollback as the undo", () => {
    expect(renderAbandonedText(output, abandoned("byodkim rollback goo.ne.jp"), "enable")).toContain("To undo: byodkim rollback goo.ne.jp");
  });

  it("gives a rollback's own command as what finishes it, not as an undo", () => {
    const text = renderAbandonedText(output, abandoned("byodkim rollback goo.ne.jp --to previous"), "rollback");
    expect(text).toContain("The rollback is not finished: once the cause is fixed, finish it: byodkim rollback goo.ne.jp --to previous");
    expect(text).not.toContain("To undo");
  });
});

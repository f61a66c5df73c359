import { describe, expect, it } from "vitest";
import { findRunbook } from "../../src/runbook/runbook.js";
import { walkAftermath } from "../../src/runbook/walkStop.js";

const phase7 = findRunbook("phase-7");
const rotate = findRunbook("rotate");
const through = (book: typeof phase7, last: string) =>
  new Set(book.steps.slice(0, book.steps.findIndex((step) => step.id === last) + 1).map((step) => step.id));

describe("what a stopped walk leaves behind", () => {
  it.each([
    ["phase-7 stopped before enable: nothing to undo", phase7, "payload-reviewed", undefined, [], null, "byodkim run phase-7 goo.ne.jp --resume"],
    [
      "phase-7 stopped after enable: roll it back",
      phase7,
      "enable",
      undefined,
      ["enable"],
      "byodkim rollback goo.ne.jp",
      "byodkim run phase-7 goo.ne.jp --resume",
    ],
    [
      "rotate after keygen only: a key in S3, nothing in SES to undo",
      rotate,
      "dns-team-published",
      undefined,
      ["keygen"],
      null,
      "byodkim run rotate goo.ne.jp --resume",
    ],
    [
      "rotate after the rotation: back to the previous selector",
      rotate,
      "test-mail",
      undefined,
      ["keygen", "rotate"],
      "byodkim rollback goo.ne.jp --to previous",
      "byodkim run rotate goo.ne.jp --resume",
    ],
    [
      "a walk given --selector resumes with it",
      phase7,
      "enable",
      "gooid-21-pro-20251104-1",
      ["enable"],
      "byodkim rollback goo.ne.jp",
      "byodkim run phase-7 goo.ne.jp --resume --selector gooid-21-pro-20251104-1",
    ],
  ] as const)("%s", (_name, book, last, selector, changed, undo, resume) => {
    expect(walkAftermath(book, through(book, last), "goo.ne.jp", selector)).toEqual({ changed, undoCommand: undo, resumeCommand: resume });
  });

  it("a rollback walk's rollback is not undone by byodkim", () => {
    const book = findRunbook("rollback");
    expect(walkAftermath(book, through(book, "rollback"), "goo.ne.jp", undefined)).toMatchObject({ changed: ["rollback"], undoCommand: null });
  });
});

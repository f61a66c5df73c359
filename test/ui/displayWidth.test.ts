import { describe, expect, it } from "vitest";
import { displayWidth, padToWidth } from "../../src/ui/displayWidth.js";

describe("terminal column width", () => {
  it.each([
    ["DKIM selector", 13],
    ["S3 の秘密鍵", 11],
    ["移行ステータス", 14],
    ["（全角）", 8],
    ["", 0],
  ])("%j takes %i columns", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it("pads Japanese and English titles to the same column", () => {
    expect(displayWidth(padToWidth("S3 の秘密鍵", 16))).toBe(16);
    expect(displayWidth(padToWidth("DKIM selector", 16))).toBe(16);
  });
});

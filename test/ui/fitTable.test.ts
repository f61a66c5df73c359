import { describe, expect, it } from "vitest";
import { displayWidth } from "../../src/ui/displayWidth.js";
import { cutToWidth, type FitColumn, fitTable, foldKeepingCommands, wrapToWidth } from "../../src/ui/fitTable.js";

const columns: FitColumn[] = [
  { title: "DOMAIN", minWidth: 6 },
  { title: "REGION", dropRank: 3 },
  { title: "KEY AGE", dropRank: 1 },
  { title: "SELECTOR", dropRank: 2 },
  { title: "REASON", minWidth: 8, comfortableShare: 0.4 },
];
const rows = [
  ["m13.goo.ne.jp", "ap-northeast-1", "45 d (created_at)", "m13-pro-20261201-1", "key is 45 days old, rotation was due 15 days ago"],
  ["m22.goo.ne.jp", "ap-northeast-3", "10 日（セレクタの日付）", "m22-pro-20261124-1", "TXT レコードが 2 台中 1 台のネームサーバーで鍵と一致しません"],
];

describe("a table fitted to the terminal's width", () => {
  it("leaves everything whole when there is no width (output piped)", () => {
    const table = fitTable(columns, rows, undefined);
    expect(table.hidden).toEqual([]);
    expect(table.rows[1]).toContain("TXT レコードが 2 台中 1 台のネームサーバーで鍵と一致しません");
    expect(table.rows[0]).not.toContain("…");
  });

  it.each([
    [200, [], false],
    [120, ["KEY AGE"], false],
    [100, ["KEY AGE"], true],
    [80, ["KEY AGE", "SELECTOR"], true],
    [60, ["KEY AGE", "SELECTOR"], true],
    [30, ["REGION", "KEY AGE", "SELECTOR"], true],
    [12, ["REGION", "KEY AGE", "SELECTOR"], true],
  ] as const)("at %i columns drops %j (cutting reasons: %s), and no line is wider", (width, hidden, cut) => {
    const table = fitTable(columns, rows, width);
    expect(table.hidden).toEqual(hidden);
    for (const line of [table.header, ...table.rows]) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    expect(table.rows.some((row) => row.includes("…"))).toBe(cut);
    // A row always starts with what it is about, its domain, even when that too had to be cut.
    expect(table.rows.map((row, i) => row.startsWith(rows[i]![0]!.slice(0, 4)))).toEqual([true, true]);
  });

  it("drops a column before it cuts a reason below its share of the width", () => {
    const table = fitTable(columns, rows, 120);
    expect(table.rows[1]).toContain("TXT レコードが 2 台中 1 台のネームサーバーで鍵と一致しません");
    expect(table.header.split(/\s+/)).toEqual(["DOMAIN", "REGION", "SELECTOR", "REASON"]);
  });

  it("keeps the columns lined up by display width, Japanese included", () => {
    const table = fitTable(columns, rows, 100);
    const reasonAt = table.rows.map((row, i) => displayWidth(row.slice(0, row.indexOf(rows[i]![4]!.slice(0, 3)))));
    expect(new Set(reasonAt).size).toBe(1);
  });
});

describe("cutting and folding text by display width", () => {
  it.each([
    ["short", 10, "short"],
    ["exactly10!", 10, "exactly10!"],
    ["one word too long", 10, "one word …"],
    ["鍵の経過日数", 7, "鍵の経…"],
    ["鍵の経過日数", 8, "鍵の経…"],
    ["鍵の経過日数", 9, "鍵の経過…"],
    ["anything", 0, ""],
  ])("cuts %j to %i columns as %j", (text, width, cut) => {
    expect(cutToWidth(text, width)).toBe(cut);
    expect(displayWidth(cutToWidth(text, width))).toBeLessThanOrEqual(width);
  });

  it("folds English at spaces and Japanese between characters, every line indented and within the width", () => {
    const english = wrapToWidth("the TXT record does not carry the key on 1 of 2 nameservers", 24, "    ");
    expect(english).toEqual(["    the TXT record does", "    not carry the key on", "    1 of 2 nameservers"]);
    const japanese = wrapToWidth("TXT レコードが 2 台中 1 台のネームサーバーで鍵と一致しません", 24, "    ");
    for (const line of japanese) expect(displayWidth(line)).toBeLessThanOrEqual(24);
    expect(
      japanese
        .map((line) => line.slice(4))
        .join("")
        .replace(/ /g, ""),
    ).toBe("TXTレコードが2台中1台のネームサーバーで鍵と一致しません");
    expect(wrapToWidth("unchanged when piped", undefined, "  ")).toEqual(["  unchanged when piped"]);
  });

  it("breaks Japanese between wide characters, but never inside an ARN or a number that fits on a line", () => {
    const folded = wrapToWidth("アカウント 123456789012（arn:aws:sts::123456789012:assumed-role/MailOps/operator）、リージョン ap-northeast-1", 60, "");
    expect(folded.some((line) => line.includes("arn:aws:sts::123456789012:assumed-role/MailOps/operator"))).toBe(true);
    for (const line of folded) expect(displayWidth(line)).toBeLessThanOrEqual(60);
  });

  it("keeps a printed command whole on a line of its own, and folds only the sentence before it", () => {
    const text =
      "waiting will not help: once the record is on every nameserver: byodkim enable m24.goo.ne.jp --selector m24-pro-20261124-1 --region ap-northeast-1";
    const folded = foldKeepingCommands(text, 40, "    ");
    expect(folded.at(-1)).toBe("    byodkim enable m24.goo.ne.jp --selector m24-pro-20261124-1 --region ap-northeast-1");
    for (const line of folded.slice(0, -1)) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(foldKeepingCommands(text, undefined, "  ")).toEqual([`  ${text}`]);
  });

  it("takes the word byodkim in a sentence for a word, and keeps the command after it whole", () => {
    const text =
      "byodkim がロールバックしたドメインなら、次を実行してください：byodkim rollback goo.ne.jp --region ap-northeast-1（新しい CNAME を表示します）";
    const folded = foldKeepingCommands(text, 60, "    ");
    expect(folded.at(-1)).toBe("    byodkim rollback goo.ne.jp --region ap-northeast-1（新しい CNAME を表示します）");
    expect(folded[0]!.startsWith("    byodkim がロールバック")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { languageOfCommandLine } from "../../src/messages/language.js";
import { spawnCli } from "../support/spawnCli.js";

// The built CLI, as an operator runs it (npm run build first).
describe("--help speaks the operator's language", () => {
  it("is Japanese with --lang ja: commander's headings, the commands and the options", async () => {
    const result = await spawnCli(["--help", "--lang", "ja"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^使い方：byodkim \[options\] \[command\]/);
    for (const words of ["オプション：", "コマンド：", "コマンドのヘルプを表示します", "メッセージの言語：en または ja", "終了コード："]) {
      expect(result.stdout).toContain(words);
    }
    expect(result.stdout).toMatch(/rollback \[options\] \[domain\] +障害時に BYODKIM を元に戻します/);
    expect(result.stdout).not.toMatch(/Usage:|Options:|Commands:|display help|\(default:/);
  });

  it("is Japanese under a Japanese locale, for a command's own help too (LANG=ja_JP.UTF-8 byodkim enable --help)", async () => {
    const result = await spawnCli(["enable", "--help"], { env: { LANG: "ja_JP.UTF-8" } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("<domain> を BYODKIM に切り替えます");
    expect(result.stdout).toContain("引数：");
    expect(result.stdout).toContain("共通オプション：");
    // commander's "(default: …)" in full-width brackets (the line may wrap inside them)
    expect(result.stdout.replace(/\n +/g, "")).toContain('（既定："1800"）');
    expect(result.stdout).not.toContain("stop after the plan");
  });

  it("stays English by default and with --lang=en under a Japanese locale", async () => {
    const plain = await spawnCli(["enable", "--help"]);
    expect(plain.stdout).toMatch(/^Usage: byodkim enable/);
    expect(plain.stdout).toContain("stop after the plan; change nothing");
    expect(plain.stdout).toContain('(default: "1800")');
    const chosen = await spawnCli(["--lang=en", "--help"], { env: { LANG: "ja_JP.UTF-8" } });
    expect(chosen.stdout).toMatch(/^Usage: byodkim/);
    expect(chosen.stdout).toContain("display help for command");
  });

  it.each([[["--help"]], [["rollback", "--help"]]])("keeps each line of Japanese help (%j) within the terminal's 80 columns", async (args) => {
    const result = await spawnCli([...args, "--lang", "ja"]);
    const columns = (line: string) => [...line].reduce((width, char) => width + (/[^\x20-\x7e]/.test(char) && char !== "✔" && char !== "✘" ? 2 : 1), 0);
    expect(result.stdout.split("\n").filter((line) => columns(line) > 80)).toEqual([]);
  });

  it("refuses a mistyped command line in Japanese, with commander's suggestion, and exits 2", async () => {
    const result = await spawnCli(["precheck", "--selecter", "x", "--lang", "ja"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("エラー：--selecter というオプションはありません");
    expect(result.stderr).toContain("（--selector のことですか？）");
    expect(result.stderr).toContain("（使い方は byodkim --help で確認してください）");
    const missing = await spawnCli(["retire"], { env: { LANG: "ja_JP.UTF-8" } });
    expect(missing.stderr).toContain("エラー：引数 selector を指定してください");
    const english = await spawnCli(["precheck", "--selecter", "x"]);
    expect(english.stderr).toContain("error: unknown option '--selecter'\n(Did you mean --selector?)");
  });
});

describe("the language of --help is read from the command line before commander parses it", () => {
  it.each([
    [["--help", "--lang", "ja"], {}, "ja"],
    [["--lang=ja", "enable", "--help"], {}, "ja"],
    [["enable", "--help"], { LANG: "ja_JP.UTF-8" }, "ja"],
    [["enable", "--help"], { LC_MESSAGES: "ja_JP.UTF-8", LANG: "C" }, "ja"],
    [["enable", "--help"], { LC_ALL: "C", LANG: "ja_JP.UTF-8" }, "en"],
    [["--lang", "en", "--help"], { LANG: "ja_JP.UTF-8" }, "en"],
    [["--lang", "fr", "--help"], { LANG: "ja_JP.UTF-8" }, "ja"],
    [["run", "phase-7", "--", "--lang", "ja"], {}, "en"],
  ] as const)("%j with %j → %s", (argv, env, lang) => {
    expect(languageOfCommandLine(argv, env)).toBe(lang);
  });
});

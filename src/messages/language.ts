export type Lang = "en" | "ja";
export const LANGS: readonly Lang[] = ["en", "ja"];

/** --lang wins; otherwise a Japanese locale (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them) selects Japanese. */
export function chooseLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): Lang | undefined {
  if (flag !== undefined) return LANGS.includes(flag as Lang) ? (flag as Lang) : undefined;
  const locale = env["LC_ALL"] || env["LC_MESSAGES"] || env["LANG"] || "";
  return locale.toLowerCase().startsWith("ja") ? "ja" : "en";
}

/**
 * The language of `--help`, which commander prints while it parses, before any option is read:
 * so the command line is looked at first (`--lang ja`, `--lang=ja`). A --lang that is not a
 * language falls back to the locale here; the command itself then refuses it.
 */
export function languageOfCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  let flag: string | undefined;
  for (const [index, word] of argv.entries()) {
    if (word === "--") break;
    if (word === "--lang") flag = argv[index + 1];
    else if (word.startsWith("--lang=")) flag = word.slice("--lang=".length);
  }
  return chooseLanguage(flag, env) ?? chooseLanguage(undefined, env) ?? "en";
}

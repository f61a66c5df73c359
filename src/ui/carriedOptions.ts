/**
 * The commands byodkim prints for the operator to run next (undo, finish, next, a way out) must
 * act on the same config, region, profile and nameservers as the run that printed them: an undo
 * run against the config's default region after a change made with --region ap-northeast-3 would
 * roll back the wrong identity. These are the options that decide that.
 */
export interface CarriedOption {
  readonly flag: "--config" | "--region" | "--profile" | "--dns-server" | "--change-id" | "--plan";
  readonly value: string;
  /** The commands that take this option (the change ticket goes only to the commands that change something); absent: every one. */
  readonly onlyFor?: readonly string[];
}

// What each command takes before its options: "domain" slots hold a domain or a <placeholder>,
// so the words of the sentence after a command ("or", "from", "then") are not taken for it.
type Slot = "domain" | "domains" | "word";
const POSITIONALS: Readonly<Record<string, readonly Slot[]>> = {
  enable: ["domain"],
  "iam-policy": ["domain"],
  keygen: ["domain"],
  "notify-test": [],
  precheck: ["domain"],
  report: ["word"],
  retire: ["word", "domain"],
  rollback: ["domain"],
  rotate: ["domain"],
  run: ["word", "domain"],
  status: ["domains"],
  verify: ["domain"],
};
const WITHOUT_VALUE = new Set([
  "--resume",
  "--delete-key",
  "--force-unlock",
  "--yes",
  "--json",
  "--dry-run",
  "--all",
  "--list",
  "--publish-metrics",
  "--verbose",
  "--no-color",
]);

// A word of a command: what ends one inside a sentence (quotes, brackets, commas, colour codes) is not part of it;
// in Japanese, full-width brackets and punctuation end one with no space before them.
const ESCAPE = String.fromCharCode(27);
// After a word's start or a colour code ("\e[1mbyodkim …" is a command too).
const COMMAND = new RegExp(`(?<=^|[^\\w-]|${ESCAPE}\\[[\\d;]*m)byodkim (${Object.keys(POSITIONALS).join("|")})\\b`, "g");
/** Where the first byodkim command in `text` starts (not the word "byodkim" in a sentence); -1: none. */
export function firstCommandAt(text: string): number {
  const found = new RegExp(COMMAND.source).exec(text);
  return found ? found.index : -1;
}
const WORD = new RegExp(`^ ([^\\s()\`,;"'[\\]（）「」、。：${ESCAPE}]+)`);
const fits = (slot: Slot, word: string) => (slot === "word" ? /^[\w<][\w.<>-]*$/.test(word) : /^(<[^>]+>|[\w-]+(\.[\w-]+)+)$/.test(word));

const shellWord = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`);

/** Where the command starting at `at` (just after its name) ends, and the options it names. */
function commandExtent(text: string, at: number, slots: readonly Slot[]): { end: number; flags: string[] } {
  let end = at;
  let slot = 0;
  const flags: string[] = [];
  let wantsValue = false;
  for (;;) {
    const found = WORD.exec(text.slice(end));
    if (!found) break;
    const raw = found[1]!;
    // A sentence's closing period or colon is not part of the command's last word.
    const word = /[.:]$/.test(raw) ? raw.slice(0, -1) : raw;
    const closes = word !== raw;
    let taken = false;
    if (wantsValue) {
      taken = word !== "" && !word.startsWith("--");
      wantsValue = false;
    }
    if (!taken && word.startsWith("--")) {
      flags.push(word);
      wantsValue = !WITHOUT_VALUE.has(word);
      taken = true;
    } else if (!taken && flags.length === 0 && slot < slots.length && fits(slots[slot]!, word)) {
      if (slots[slot] !== "domains") slot++;
      taken = true;
    }
    if (!taken) break;
    end += 1 + word.length;
    if (closes) break;
  }
  return { end, flags };
}

/**
 * `text` with the carried options appended to every byodkim command in it, after its last
 * argument (a sentence's closing period or colon stays outside). An option the command already
 * names is not added again.
 */
export function carryOptions(text: string, carried: readonly CarriedOption[]): string {
  if (carried.length === 0 || !text.includes("byodkim ")) return text;
  let result = "";
  let from = 0;
  for (const match of text.matchAll(COMMAND)) {
    if (match.index < from) continue;
    const { end, flags } = commandExtent(text, match.index + match[0].length, POSITIONALS[match[1]!]!);
    const added = carried
      .filter(({ flag, onlyFor }) => !flags.includes(flag) && (onlyFor === undefined || onlyFor.includes(match[1]!)))
      .map(({ flag, value }) => ` ${flag} ${shellWord(value)}`);
    result += text.slice(from, end) + added.join("");
    from = end;
  }
  return result + text.slice(from);
}

/** The stream as it was, except that every text written to it carries the options (a spinner's stream stays a stream). */
export function carryingOptions<S extends { write(text: string): unknown }>(stream: S, carried: readonly CarriedOption[]): S {
  if (carried.length === 0) return stream;
  const carryingWrite = (chunk: unknown, ...rest: unknown[]) =>
    (stream.write as (...args: unknown[]) => unknown).call(stream, typeof chunk === "string" ? carryOptions(chunk, carried) : chunk, ...rest);
  // ora hooks the write of the stream it is given, keeping the one it found to call on. Set on the
  // stream itself, that hook would be what this write calls, and call this write again, for ever:
  // a hook set here stays on this view of the stream, and ora's restore brings back this write.
  let hooked: unknown;
  return new Proxy(stream, {
    get(target, property) {
      if (property === "write") return hooked ?? carryingWrite;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
    set(target, property, value) {
      if (property !== "write") return Reflect.set(target, property, value, target);
      hooked = value === carryingWrite ? undefined : value;
      return true;
    },
  });
}

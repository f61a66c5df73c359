/** Reads a config document by key path, collecting every problem with the key it is about. */
export type Problem = { key: string; expected: string };

export class ConfigReader {
  readonly problems: Problem[] = [];

  constructor(private readonly root: Record<string, unknown>) {}

  value(path: string): unknown {
    let current: unknown = this.root;
    for (const part of path.split(".")) {
      // `identities[2]`: an entry of a list, named the way the problem names it.
      const [, name = part, index] = /^(\w+)\[(\d+)\]$/.exec(part) ?? [];
      for (const step of index === undefined ? [name] : [name, Number(index)]) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<string | number, unknown>)[step];
      }
    }
    return current;
  }

  problem(key: string, expected: string): void {
    this.problems.push({ key, expected });
  }

  string(path: string, expected: string, check: (s: string) => boolean = (s) => s.length > 0): string {
    const value = this.value(path);
    if (typeof value !== "string" || !check(value)) this.problem(path, expected);
    return typeof value === "string" ? value : "";
  }

  optionalString(path: string, expected: string, check: (s: string) => boolean): string | undefined {
    const value = this.value(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string" || !check(value)) this.problem(path, expected);
    return typeof value === "string" ? value : undefined;
  }

  /**
   * A section given as a mapping (`waves:`, `approvals:`): true when present and one, its keys then
   * checked against `keys`; a section that is not a mapping is a problem naming it. Absent: false.
   */
  mapping(path: string, expected: string, keys: readonly string[]): boolean {
    const value = this.value(path);
    if (value === undefined || value === null) return false;
    if (typeof value !== "object" || Array.isArray(value)) {
      this.problem(path, expected);
      return false;
    }
    this.onlyKeys(path, keys);
    return true;
  }

  /** A whole number in [min, max], `fallback` when absent; a problem naming the key (and `fallback`) otherwise. */
  wholeNumber(path: string, min: number, max: number, fallback: number, expected: string): number {
    const value = this.value(path);
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      this.problem(path, expected);
      return fallback;
    }
    return value;
  }

  /**
   * A list of mappings (`contacts:`, `alarms:`, …): the path of each entry that is a mapping, its
   * keys checked against `keys`; a value that is not a list, or an entry that is not a mapping, is
   * a problem naming it. Absent: no entries.
   */
  mappings(path: string, listExpected: string, entryExpected: string, keys: readonly string[]): string[] {
    const value = this.value(path);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.problem(path, listExpected);
      return [];
    }
    return value.flatMap((entry: unknown, index) => {
      const at = `${path}[${index}]`;
      if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
        this.problem(at, entryExpected);
        return [];
      }
      this.onlyKeys(at, keys);
      return [at];
    });
  }

  onlyKeys(path: string, allowed: readonly string[]): void {
    const value = path === "" ? this.root : this.value(path);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.problem(path ? `${path}.${key}` : key, `one of: ${allowed.join(", ")}`);
    }
  }
}

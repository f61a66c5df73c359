import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A path inside byodkim's own package: the nearest folder above this module with a package.json.
 * The same answer from src/ (the tests), from the bundle in dist/ and from an installed copy.
 */
export function packagePath(...parts: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("byodkim's package.json was not found above its own modules");
    dir = parent;
  }
  return join(dir, ...parts);
}

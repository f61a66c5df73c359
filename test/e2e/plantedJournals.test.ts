import { execFileSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";

// Before readOwnFile, a FIFO in the journal folder held rollback for good: the timeout makes that a failure.
const PROMPTLY = 30_000;

describe("an incident rollback with things planted in the journal folder (spawned, sandbox)", () => {
  it(
    "completes with exit 0 past a FIFO and a link under journal names, and says it skipped each",
    async () => {
      const r = await rehearsal();
      const enabled = await r.byodkim(["enable", "--yes"]);
      expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
      const fifo = join(r.journalDir, "2099-goo.ne.jp-enable-zzzz.jsonl");
      const link = join(r.journalDir, "2099-goo.ne.jp-enable-yyyy.jsonl");
      execFileSync("mkfifo", [fifo]);
      symlinkSync(r.journalFiles()[0]!, link);

      const result = await r.byodkim(["rollback", "--yes"]);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const said = result.stdout + result.stderr;
      // Each said once, though rollback lists the journals for its snapshot and again for an unfinished run.
      expect(said.split(`journal ${fifo} is not a regular file (fifo) and was skipped`)).toHaveLength(2);
      expect(said.split(`journal ${link} is not a regular file (symlink) and was skipped`)).toHaveLength(2);
      expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES" });
      expect(r.state()).toMatchObject({ rollback_target: "previous" });
    },
    PROMPTLY,
  );
});

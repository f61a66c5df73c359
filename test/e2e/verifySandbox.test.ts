import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gatesOf, rehearsal } from "../support/rehearsal.js";
import { signedBySandboxKey } from "../support/receivedMail.js";

// The gates' branches (alarms, --wait, a changed record, --eml) are in test/commands/verify.test.ts.
describe("byodkim verify against the sandbox", () => {
  it("says a test message was sent and its signature not checked, and the --eml command it prints checks the received message", async () => {
    const r = await rehearsal();
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    const sent = await r.byodkim(["verify", "--send-test", "ops@example.org"]);
    expect(sent.code, sent.stdout + sent.stderr).toBe(0);
    // A MessageId proves SES took the message, not that its signature verifies.
    expect(sent.stdout).not.toContain("BYODKIM is working");
    expect(sent.stdout).toContain("its DKIM signature was not checked");
    const printed = sent.stdout
      .split("\n")
      .find((line) => line.includes("--eml"))
      ?.match(/byodkim verify \S+ --eml <[^>]+>/)?.[0];
    expect(printed).toBe("byodkim verify goo.ne.jp --eml <received message file>");
    // The other way it names, run exactly as printed: the sandbox's config has the probe's mailboxes.
    const probe = sent.stdout.match(/byodkim verify \S+ --probe\b/)?.[0];
    expect(probe).toBe("byodkim verify goo.ne.jp --probe");
    const probed = await r.byodkim(probe!.split(" ").slice(1));
    expect(probed.code, probed.stdout + probed.stderr).toBe(0);
    expect(probed.stdout).toContain("got the probe signed by d=goo.ne.jp");
    const json = await r.byodkim(["verify", "--json", "--send-test", "ops@example.org"]);
    expect(gatesOf(json.stdout).find((gate) => gate.id === "sendTest")).toMatchObject({ status: "pass", code: "verify.sendTest.sentUnchecked" });

    // The received message, saved as the operator would, checked with the command as printed.
    const file = join(mkdtempSync(join(tmpdir(), "byodkim-eml-")), "received.eml");
    writeFileSync(file, await signedBySandboxKey(r));
    const checked = await r.byodkim([...printed!.replace("<received message file>", file).split(" ").slice(1)]);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    expect(checked.stdout).toContain("BYODKIM is working");
    expect(checked.stdout).toContain("signed by d=goo.ne.jp");
  });
});

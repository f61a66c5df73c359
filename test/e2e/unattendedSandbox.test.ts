import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { printedCommand } from "../support/printedCommand.js";
import { rehearsal } from "../support/rehearsal.js";

const { domain } = SANDBOX_DEFAULTS;

/**
 * What a new user tries first (the "done when"), spawned as an operator runs it: the
 * unattended sandbox, whose Route 53 byodkim publishes to and whose journals go to S3.
 */
describe("the unattended sandbox, spawned: Route 53 publishing, tick, and the journal read back from S3", () => {
  it("tick publishes the overdue identity's new record; the rotate it names runs as printed; after the grace period tick retires and publishes the revocation; report finds every step in the journal bucket", async () => {
    const r = await rehearsal({ scenario: "unattended" });
    const txtAt = (selector: string) =>
      r.box.world.nameservers.map((records) =>
        records
          .filter((record) => record.type === "TXT" && record.name === `${selector}._domainkey.${domain}`)
          .map((record) => (Array.isArray(record.data) ? record.data.join("") : String(record.data))),
      );
    const history = () => r.state()["byodkim_keys"] as Record<string, { status: string }>;
    const withStatus = (status: string) => Object.keys(history()).filter((selector) => history()[selector]?.status === status);
    const [oldSelector] = withStatus("active");
    expect(oldSelector).toBeDefined();

    const made = await r.byodkim(["tick", "--all"]);
    expect(made.code, made.stderr).toBe(0);
    const [newSelector] = withStatus("created");
    expect(newSelector).toBeDefined();
    expect(made.stdout).toContain(`published: every authoritative nameserver answers it`);
    expect(made.stdout).not.toContain("DNS team");
    // byodkim's own Route 53 change, on every nameserver the DNS gate asks.
    expect(r.box.world.log.some((entry) => entry.operation === "ChangeResourceRecordSets" && entry.status === 200)).toBe(true);
    for (const values of txtAt(newSelector!)) expect(values).toEqual([expect.stringMatching(/^v=DKIM1; k=rsa; p=MII/)]);

    // The next step it names, run exactly as printed (the domain typed at the question).
    const rotate = printedCommand(made.stdout, "Next:");
    expect(rotate).toEqual(["rotate", domain]);
    const rotated = await r.byodkim(rotate, { stdin: `${domain}\n` });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(r.identity().dkim.tokens).toEqual([newSelector]);

    // Rotated by a person: tick finds nothing to do, and the old record stays through the grace period.
    const idle = await r.byodkim(["tick", "--all", "--json"]);
    expect(idle.code, idle.stderr).toBe(0);
    expect(JSON.parse(idle.stdout)).toMatchObject({ outcome: "nothingToDo" });
    for (const values of txtAt(oldSelector!)) expect(values).toEqual([expect.stringMatching(/p=MII/)]);

    r.advanceClock(8);
    const retired = await r.byodkim(["tick", "--all", "--json"]);
    expect(retired.code, retired.stderr).toBe(0);
    expect(JSON.parse(retired.stdout).identities[0]).toMatchObject({ decision: "retire", step: { outcome: "completed" } });
    for (const values of txtAt(oldSelector!)) expect(values).toEqual(["v=DKIM1; k=rsa; p="]);

    // A fresh machine (an empty journal folder): report lists each step, read back from the journal bucket.
    const fresh = mkdtempSync(join(tmpdir(), "byodkim-fresh-journal-"));
    const listed = await r.byodkim(["report", "--list", "--domain", domain, "--json"], { env: { BYODKIM_JOURNAL_DIR: fresh } });
    expect(listed.code, listed.stderr).toBe(0);
    const commands = (JSON.parse(listed.stdout) as { runs: { command: string }[] }).runs.map((run) => run.command);
    expect(commands).toEqual(expect.arrayContaining(["keygen", "rotate", "retire"]));
  }, 180_000);

  it("a keygen whose publish Route 53 refuses says so, leaves the key made and unused, and the tick it names, run as printed, publishes the record", async () => {
    const r = await rehearsal({ scenario: "unattended" });
    await r.injectFault("ChangeResourceRecordSets", "access-denied,times=1");
    const made = await r.byodkim(["keygen", "--yes"]);
    expect(made.code).toBe(4);
    const history = r.state()["byodkim_keys"] as Record<string, { status: string }>;
    const [created] = Object.keys(history).filter((selector) => history[selector]?.status === "created");
    expect(created).toBeDefined();
    const name = `${created}._domainkey.${domain}`;
    expect(r.box.world.nameservers.every((records) => !records.some((record) => record.name === name))).toBe(true);

    const retry = printedCommand(`${made.stdout}\n${made.stderr}`, "Publish it with:");
    expect(retry).toEqual(["tick", domain]);
    const published = await r.byodkim(retry);
    expect(published.code, published.stderr).toBe(0);
    expect(r.box.world.nameservers.every((records) => records.some((record) => record.name === name && record.type === "TXT"))).toBe(true);
    expect(r.identity().dkim.tokens).not.toContain(created);
  }, 120_000);
});

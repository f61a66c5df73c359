import { describe, expect, it } from "vitest";
import { parseBindTxtLine } from "../../src/dkim/handoff.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { receivedTestMail } from "../support/receivedMail.js";
import { rehearsal } from "../support/rehearsal.js";

const SES_MUTATIONS = ["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimAttributes"];

describe("byodkim run rotate: the monthly walk spans days and resumes from its journal", () => {
  it("stops for the DNS team, rotates on --resume, refuses to retire inside the grace period, and retires on a later --resume", async () => {
    const r = await rehearsal({ scenario: "already-enabled" });
    const mutations = () =>
      r.box.world.log.filter((entry) => SES_MUTATIONS.includes(entry.operation) || entry.operation === "PutObjectTagging").map((entry) => entry.operation);

    // Day 1: keygen (y/N), then the DNS team has not published yet: the walk stops there.
    const day1 = await r.byodkim(["run", "rotate", "--wait", "60"], { stdin: "y\nn\n" });
    expect(day1.code, day1.stdout + day1.stderr).toBe(3);
    const line = day1.stdout.split("\n").find((text) => text.includes("._domainkey.goo.ne.jp. 3600 IN TXT"));
    const record = parseBindTxtLine(line!.trim());
    expect(record?.name).toMatch(/^gooid-21-pro-\d{8}-1\._domainkey\.goo\.ne\.jp$/);
    expect(mutations()).toEqual([]);

    // The DNS team publishes the line as printed.
    const published = await fetch(`${r.box.endpoint}/_sandbox/dns`, {
      method: "POST",
      body: JSON.stringify({ name: record!.name, type: "TXT", data: record!.strings }),
    });
    expect(published.status).toBe(200);

    // Day 2, a new process: published (y), the gates, stakeholders (y), the typed domain, verify, the test mail the walk sends
    // (an address, then the message as received, signed with the new key), grace over (y): retire is refused.
    const received = await receivedTestMail(r, record!.name.split(".")[0]);
    const day2 = await r.byodkim(["run", "rotate", "--resume", "--wait", "60"], { stdin: `y\ny\ngoo.ne.jp\nops@example.org\n${received}\ny\n` });
    expect(day2.code, day2.stdout + day2.stderr).toBe(1);
    expect(day2.stdout).toContain("stopped at step retire-old-selector");
    expect(r.identity().dkim.tokens).toEqual([record!.name.split(".")[0]]);
    expect(mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
    expect(r.state()).toMatchObject({ previous_selector: SANDBOX_DEFAULTS.selector });

    // Eight days later (the state as it will read then): the walk resumes at the retire step and finishes.
    r.ageState(8);
    const later = await r.byodkim(["run", "rotate", "--resume"], { stdin: "y\ny\ny\n" });
    expect(later.code, later.stdout + later.stderr).toBe(0);
    expect(later.stdout).toContain(`${SANDBOX_DEFAULTS.selector}._domainkey.goo.ne.jp. 3600 IN TXT ( "v=DKIM1; k=rsa; p=" )`);
    expect(mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes", "PutObjectTagging"]);
    expect(r.state()["byodkim_keys"]).toMatchObject({ [SANDBOX_DEFAULTS.selector]: { status: "retired" } });
    const show = await r.byodkim(["runbook", "show", "rotate", "goo.ne.jp", "--json"]);
    expect(JSON.parse(show.stdout).steps.every((step: { status: string }) => step.status === "done")).toBe(true);
  });
});

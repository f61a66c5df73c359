import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { rehearsal } from "../support/rehearsal.js";

interface ProbeGateJson {
  status: string;
  data: { targets: { outcome: string; signatures: { domain: string; selector: string; result: string }[] }[] };
}
const probeGateOf = (stdout: string) => (JSON.parse(stdout) as { gates: ({ id: string } & ProbeGateJson)[] }).gates.find((gate) => gate.id === "probe")!;

// The probe's verdicts branch by branch are in test/commands/verifyProbe.test.ts; here the sandbox's SES sends a real,
// signed message to its S3 inbound bucket (another region) and its IMAP mailbox, and byodkim reads both back.
describe("byodkim verify --probe against the sandbox", () => {
  it("passes once enable has switched to BYODKIM, naming d= and s= for both mailboxes; before, SES's Easy DKIM key signs and it fails", async () => {
    const r = await rehearsal();
    const before = await r.byodkim(["verify", "--probe", "--probe-timeout", "20", "--json"]);
    expect(before.code, before.stdout + before.stderr).toBe(1);
    const beforeGate = probeGateOf(before.stdout);
    expect(beforeGate.status).toBe("fail");
    // Easy DKIM signs with SES's own key for the domain, not a selector byodkim recorded.
    expect(beforeGate.data.targets.map((target) => target.outcome)).toEqual(["otherSelector", "otherSelector"]);

    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    const selector = (r.state()["selector"] as string | undefined) ?? SANDBOX_DEFAULTS.selector;
    const text = await r.byodkim(["verify", "--probe", "--probe-timeout", "20"]);
    expect(text.code, text.stdout + text.stderr).toBe(0);
    expect(text.stdout).toContain(`every mailbox (2) got the probe signed by d=${SANDBOX_DEFAULTS.domain} s=${selector}`);
    expect(text.stdout).toMatch(/ses-inbound → \S+, read back from S3 /);
    expect(text.stdout).toMatch(/imap → \S+, read back over IMAP as probe at 127\.0\.0\.1:\d+:/);

    const json = await r.byodkim(["verify", "--probe", "--probe-timeout", "20", "--json", "--lang", "ja"]);
    expect(json.code).toBe(0);
    const targets = probeGateOf(json.stdout).data.targets;
    expect(targets.map((target) => target.outcome)).toEqual(["pass", "pass"]);
    for (const target of targets)
      expect(target.signatures).toEqual(expect.arrayContaining([expect.objectContaining({ domain: SANDBOX_DEFAULTS.domain, selector, result: "pass" })]));
  });
});

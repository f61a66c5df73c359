import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { gatesOf, rehearsal } from "../support/rehearsal.js";

// Before rotate: the newer key is in S3 and BYODKIM still signs with the older selector. precheck
// for the newer selector must see the key and, only once the DNS team has published it, its TXT.
describe("precheck for the newer selector while BYODKIM signs with the older one (spawned, against the sandbox)", () => {
  it.each([
    ["byodkim-active", "pass", "gate.dns.pass", 0],
    ["rotation-unpublished", "fail", "gate.dns.noMatch", 1],
  ] as const)("%s: the key gate passes and the dns gate says %s", async (scenario, dnsStatus, dnsCode, exitCode) => {
    const r = await rehearsal({ scenario });
    const result = await r.byodkim(["precheck", "--selector", SANDBOX_DEFAULTS.rotationSelector, "--json"]);
    const gates = gatesOf(result.stdout);
    const gate = (id: string) => gates.find((candidate) => candidate.id === id) as { data?: unknown } | undefined;
    expect(gate("key")).toMatchObject({ status: "pass", code: "gate.key.pass" });
    expect(gate("dns")).toMatchObject({ status: dnsStatus, code: dnsCode });
    expect(result.code).toBe(exitCode);
    // It was the newer key that was read and checked (the canaries guard it too), not the one SES signs with.
    expect(JSON.parse(result.stdout).selector).toBe(SANDBOX_DEFAULTS.rotationSelector);
    expect(JSON.stringify(gate("key"))).toContain(`s3://${SANDBOX_DEFAULTS.bucket}/${r.box.seed.rotation!.objectKey}`);
  });
});

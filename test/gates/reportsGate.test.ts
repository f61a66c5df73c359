import { describe, expect, it } from "vitest";
import { msg } from "../../src/messages/msg.js";
import { checkReportsForRetire, type ReportsEvidence } from "../../src/gates/reportsGate.js";

const read = (over: Partial<Extract<ReportsEvidence, { kind: "read" }>>): ReportsEvidence => ({
  kind: "read",
  source: "./dmarc",
  since: "2026-11-04T00:00:00.000Z",
  reports: 30,
  reportsAfter: 12,
  messagesAfter: 0,
  passingAfter: 0,
  lastPassingAt: null,
  passingOrgs: [],
  ...over,
});

describe("retire's look at the DMARC reports", () => {
  it.each([
    {
      name: "no reports configured: could not check",
      evidence: { kind: "notConfigured" } as const,
      typed: false,
      status: "warn",
      key: "gate.reports.notConfigured",
    },
    {
      name: "reports unreadable: could not check",
      evidence: { kind: "unreadable", source: "s3://r/p", reason: msg("dmarc.s3Unavailable", { source: "s3://r/p" }) } as const,
      typed: false,
      status: "warn",
      key: "gate.reports.unreadable",
    },
    { name: "no rotation recorded", evidence: read({ since: null }), typed: false, status: "warn", key: "gate.reports.noRotation" },
    { name: "no report after the rotation", evidence: read({ reportsAfter: 0 }), typed: false, status: "warn", key: "gate.reports.noneAfter" },
    { name: "reports after the rotation, none passing", evidence: read({ messagesAfter: 40 }), typed: false, status: "pass", key: "gate.reports.quiet" },
    {
      name: "a report after the rotation still shows it passing: refused",
      evidence: read({ messagesAfter: 40, passingAfter: 3, lastPassingAt: "2026-11-20T00:00:00.000Z", passingOrgs: ["google.com"] }),
      typed: false,
      status: "fail",
      key: "gate.reports.stillSigning",
    },
    {
      name: "still passing, and the operator will type the selector: a warning",
      evidence: read({ messagesAfter: 40, passingAfter: 3, lastPassingAt: "2026-11-20T00:00:00.000Z", passingOrgs: ["google.com"] }),
      typed: true,
      status: "warn",
      key: "gate.reports.stillSigning",
    },
  ])("$name", ({ evidence, typed, status, key }) => {
    const gate = checkReportsForRetire("byod202611", evidence, typed);
    expect(gate.id).toBe("reports");
    expect(gate.status).toBe(status);
    expect(gate.detail.key).toBe(key);
  });

  it("names how much mail still passed, until when and where", () => {
    const gate = checkReportsForRetire(
      "byod202611",
      read({ messagesAfter: 40, passingAfter: 3, lastPassingAt: "2026-11-20T00:00:00.000Z", passingOrgs: ["google.com", "Yahoo"] }),
      false,
    );
    expect(gate.detail.params).toMatchObject({ messages: 3, last: "2026-11-20T00:00:00.000Z", orgs: "google.com, Yahoo" });
    expect(gate.lines?.[0]?.key).toBe("gate.reports.stillSigning.hint");
  });
});

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
  passingLatest: 0,
  latestEnd: "2026-12-01T00:00:00.000Z",
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
      name: "passes after the rotation that faded before the latest reports: mail queued before it",
      evidence: read({ messagesAfter: 40, passingAfter: 3, lastPassingAt: "2026-11-06T00:00:00.000Z", passingOrgs: ["google.com"] }),
      typed: false,
      status: "pass",
      key: "gate.reports.faded",
    },
    {
      name: "the latest reports still show it passing: refused",
      evidence: read({ messagesAfter: 40, passingAfter: 3, passingLatest: 1, lastPassingAt: "2026-11-20T00:00:00.000Z", passingOrgs: ["google.com"] }),
      typed: false,
      status: "fail",
      key: "gate.reports.stillSigning",
    },
    {
      name: "still passing, and the operator will type the selector: a warning",
      evidence: read({ messagesAfter: 40, passingAfter: 3, passingLatest: 1, lastPassingAt: "2026-11-20T00:00:00.000Z", passingOrgs: ["google.com"] }),
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
      read({ messagesAfter: 40, passingAfter: 3, passingLatest: 2, lastPassingAt: "2026-11-30T00:00:00.000Z", passingOrgs: ["google.com", "Yahoo"] }),
      false,
    );
    expect(gate.detail.params).toMatchObject({ messages: 2, total: 3, latest: "2026-12-01T00:00:00.000Z", orgs: "google.com, Yahoo" });
    expect(gate.lines?.[0]?.key).toBe("gate.reports.stillSigning.hint");
  });
});

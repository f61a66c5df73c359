import { describe, expect, it } from "vitest";
import { buildEnablePlan, snapshotDkim, stillTheSameChange } from "../../src/commands/enablePlan.js";
import type { GateRun } from "../../src/commands/gateRun.js";
import { waitForDkimSuccess } from "../../src/commands/waitForDkim.js";
import type { SesIdentityFacts, SesPort } from "../../src/aws/types.js";
import { PrivateKeyMaterial } from "../../src/dkim/privateKeyMaterial.js";
import { sesIdentity } from "../gates/facts.js";

const now = new Date("2025-09-17T02:00:00Z");

function passingRun(overrides: Partial<GateRun> = {}): GateRun {
  return {
    gates: [],
    ok: true,
    selector: "gooid-21-pro-20250917-3",
    caller: { account: "123456789012", arn: "arn:aws:sts::123456789012:assumed-role/ops/alice" },
    key: { bits: 2048, format: "pkcs8", material: new PrivateKeyMaterial("AAAA"), publicKeySpkiDer: Buffer.from("spki"), publicKeyFingerprint: "SHA256:abc" },
    sesIdentity: sesIdentity(),
    alreadyActive: false,
    ...overrides,
  };
}

describe("enable plan", () => {
  it("says what is there now and what will be, without the key", () => {
    const plan = buildEnablePlan(passingRun(), "goo.ne.jp", "ap-northeast-1", now);
    expect(plan.current).toMatchObject({ origin: "AWS_SES", tokens: ["tok1", "tok2", "tok3"], signingEnabled: true, status: "SUCCESS", takenAt: now.toISOString() });
    expect(plan.intended).toEqual({ origin: "EXTERNAL", selector: "gooid-21-pro-20250917-3", keyBits: 2048, publicKeyFingerprint: "SHA256:abc", signingEnabled: true });
    expect(JSON.stringify(plan)).not.toContain("AAAA");
  });

  it.each([
    ["the same passing gates", passingRun(), true],
    ["a gate that now fails", passingRun({ ok: false }), false],
    ["another selector", passingRun({ selector: "gooid-21-pro-20250918-1" }), false],
    ["another key in S3", passingRun({ key: { ...passingRun().key!, publicKeyFingerprint: "SHA256:other" } }), false],
  ])("re-check with %s: still the confirmed change = %s", (_what, recheck, same) => {
    const plan = buildEnablePlan(passingRun(), "goo.ne.jp", "ap-northeast-1", now);
    expect(stillTheSameChange(plan, recheck)).toBe(same);
  });

  it("snapshots an identity without DKIM attributes", () => {
    expect(snapshotDkim({ ...sesIdentity(), dkim: undefined }, now)).toMatchObject({ origin: null, tokens: [], signingEnabled: false });
  });
});

describe("waiting for SES to verify", () => {
  const statuses = (list: string[]): SesPort => {
    let i = 0;
    return {
      getEmailIdentity: async (): Promise<SesIdentityFacts> => sesIdentity({ dkim: { status: list[Math.min(i++, list.length - 1)] } }),
      putExternalSigning: async () => ({ requestId: undefined, status: undefined }),
      putEasyDkimSigning: async () => ({ requestId: undefined, status: undefined, tokens: [] }),
      putSigningEnabled: async () => ({ requestId: undefined }),
      sendTestEmail: async () => ({ requestId: undefined, messageId: undefined }),
    };
  };
  const fakeClock = () => {
    let t = 0;
    const sleeps: number[] = [];
    return { sleeps, clock: { now: () => new Date(t), sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)) } };
  };

  it("polls with a growing pause until SUCCESS", async () => {
    const { clock, sleeps } = fakeClock();
    const outcome = await waitForDkimSuccess(statuses(["PENDING", "PENDING", "PENDING", "SUCCESS"]), "goo.ne.jp", clock, { timeoutMs: 60_000, interrupted: () => false, onStatus: () => {} });
    expect(outcome.kind).toBe("success");
    expect(sleeps).toEqual([1000, 1500, 2250]);
  });

  it("stops at FAILED", async () => {
    const { clock } = fakeClock();
    expect((await waitForDkimSuccess(statuses(["PENDING", "FAILED"]), "goo.ne.jp", clock, { timeoutMs: 60_000, interrupted: () => false, onStatus: () => {} })).kind).toBe("failed");
  });

  it("gives up when the wait runs out, never sleeping past it", async () => {
    const { clock, sleeps } = fakeClock();
    const outcome = await waitForDkimSuccess(statuses(["PENDING"]), "goo.ne.jp", clock, { timeoutMs: 3000, interrupted: () => false, onStatus: () => {} });
    expect(outcome.kind).toBe("timeout");
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(3000);
  });

  it("stops when the operator pressed Ctrl-C", async () => {
    const { clock } = fakeClock();
    expect((await waitForDkimSuccess(statuses(["PENDING"]), "goo.ne.jp", clock, { timeoutMs: 60_000, interrupted: () => true, onStatus: () => {} })).kind).toBe("interrupted");
  });
});

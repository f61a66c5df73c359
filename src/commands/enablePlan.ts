import type { SesIdentityFacts } from "../aws/types.js";
import type { GateRun } from "./gateRun.js";

/** SES's DKIM settings before a change: what `rollback --to previous` restores. */
export interface DkimSnapshot {
  readonly origin: string | null;
  readonly tokens: readonly string[];
  readonly signingEnabled: boolean;
  readonly status: string | null;
  readonly signingHostedZone: string | null;
  readonly keyLength: string | null;
  readonly takenAt: string;
}

export function snapshotDkim(identity: SesIdentityFacts, now: Date): DkimSnapshot {
  const dkim = identity.dkim;
  return {
    origin: dkim?.origin ?? null,
    tokens: dkim?.tokens ?? [],
    signingEnabled: dkim?.signingEnabled ?? false,
    status: dkim?.status ?? null,
    signingHostedZone: dkim?.signingHostedZone ?? null,
    keyLength: dkim?.currentSigningKeyLength ?? null,
    takenAt: now.toISOString(),
  };
}

/** What enable is about to do, shown before the operator confirms (aws-cdk's diff before deploy). */
export interface EnablePlan {
  readonly account: string;
  readonly callerArn: string;
  readonly region: string;
  readonly domain: string;
  readonly selector: string;
  readonly current: DkimSnapshot;
  readonly intended: {
    readonly origin: "EXTERNAL";
    readonly selector: string;
    readonly keyBits: number;
    readonly publicKeyFingerprint: string;
    readonly signingEnabled: true;
  };
  readonly calls: readonly ["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimAttributes"];
}

/** Only called once every gate passed, so the facts it needs are there. */
export function buildEnablePlan(run: GateRun, domain: string, region: string, now: Date): EnablePlan {
  if (!run.caller || !run.key || !run.sesIdentity || !run.selector) throw new Error("enable plan needs a passing gate run");
  return {
    account: run.caller.account,
    callerArn: run.caller.arn,
    region,
    domain,
    selector: run.selector,
    current: snapshotDkim(run.sesIdentity, now),
    intended: {
      origin: "EXTERNAL",
      selector: run.selector,
      keyBits: run.key.bits,
      publicKeyFingerprint: run.key.publicKeyFingerprint,
      signingEnabled: true,
    },
    calls: ["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimAttributes"],
  };
}

/** The gates passed again after the wait at the prompt, and still describe the change that was confirmed. */
export function stillTheSameChange(plan: EnablePlan, recheck: GateRun): boolean {
  return recheck.ok && recheck.selector === plan.selector && recheck.key?.publicKeyFingerprint === plan.intended.publicKeyFingerprint;
}

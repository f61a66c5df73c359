import type { SesIdentityFacts } from "../aws/types.js";
import { msg, type Msg } from "../messages/msg.js";
import type { Fetched } from "./fetched.js";
import { failFromError } from "./verdicts.js";
import type { GateResult } from "./types.js";

export interface SesFacts {
  readonly domain: string;
  readonly region: string;
  readonly selector: string | undefined;
  readonly identity: Fetched<SesIdentityFacts | null>;
  /** When the gate judges: how long a TEMPORARY_FAILURE has lasted. */
  readonly now: Date;
}

/**
 * SES looks for the DKIM records only while the status is PENDING: after FAILED (or a temporary
 * failure SES has stopped retrying) it looks again only when the signing attributes are put
 * again. Within this long of the key being put, SES still retries a TEMPORARY_FAILURE itself.
 */
export const TEMPORARY_FAILURE_RETRIED_BY_SES_MS = 3_600_000;

/** A verification that waiting cannot fix: FAILED, or a TEMPORARY_FAILURE that has lasted. */
export function isVerificationStuck(dkim: SesIdentityFacts["dkim"], now: Date): boolean {
  if (dkim?.status === "FAILED") return true;
  if (dkim?.status !== "TEMPORARY_FAILURE") return false;
  const putAt = Date.parse(dkim.lastKeyGenerationTimestamp ?? "");
  return Number.isNaN(putAt) || now.getTime() - putAt >= TEMPORARY_FAILURE_RETRIED_BY_SES_MS;
}

/**
 * SES holds this very selector as BYODKIM and its verification is stuck: putting the key again
 * restarts it. The DNS gate, beside this one, says whether the record is now on every nameserver.
 */
export function isRestartableSelector(identity: SesIdentityFacts, selector: string | undefined, now: Date): boolean {
  const dkim = identity.dkim;
  return selector !== undefined && dkim?.origin === "EXTERNAL" && dkim.tokens.length === 1 && dkim.tokens[0] === selector && isVerificationStuck(dkim, now);
}

/** True when SES already signs with this selector as BYODKIM: enabling again would change nothing. */
export function isSelectorActive(identity: SesIdentityFacts, selector: string | undefined): boolean {
  const dkim = identity.dkim;
  return (
    selector !== undefined && dkim !== undefined && dkim.origin === "EXTERNAL" && dkim.signingEnabled && dkim.tokens.length === 1 && dkim.tokens[0] === selector
  );
}

/** SES's DKIM settings as one checklist line. */
const dkimShape = (dkim: SesIdentityFacts["dkim"]): Msg =>
  msg("gate.ses.dkimShape", {
    origin: dkim?.origin ?? "-",
    signing: dkim?.signingEnabled ?? false,
    tokens: dkim?.tokens.join(", ") || "-",
    keyLength: dkim?.currentSigningKeyLength ?? "-",
  });

/** The identity, or the failed verdict when it could not be read or does not exist. */
function existingIdentity(facts: Omit<SesFacts, "selector" | "now">): { value: SesIdentityFacts } | { verdict: GateResult } {
  if (!facts.identity.ok) return { verdict: failFromError("ses", facts.identity.error) };
  const value = facts.identity.value;
  if (value !== null) return { value };
  return {
    verdict: {
      id: "ses",
      status: "fail",
      detail: msg("gate.ses.notFound", { domain: facts.domain, region: facts.region }),
      lines: [msg("gate.ses.notFound.hint")],
    },
  };
}

export function checkSesIdentity(facts: SesFacts): GateResult {
  const found = existingIdentity(facts);
  if ("verdict" in found) return found.verdict;
  const identity = found.value;
  const { dkim, verificationInfo: info } = identity;
  const lines: Msg[] = [dkimShape(dkim)];
  if (info?.errorType) {
    lines.push(msg("gate.ses.verificationError", { errorType: info.errorType, checkedAt: info.lastCheckedTimestamp ?? "-" }));
  }
  const restart = isRestartableSelector(identity, facts.selector, facts.now);
  const alreadyActive = !restart && isSelectorActive(identity, facts.selector);
  const data = {
    identityType: identity.identityType ?? null,
    verifiedForSending: identity.verifiedForSendingStatus,
    dkimStatus: dkim?.status ?? null,
    origin: dkim?.origin ?? null,
    signingEnabled: dkim?.signingEnabled ?? false,
    tokens: dkim?.tokens ?? [],
    currentSigningKeyLength: dkim?.currentSigningKeyLength ?? null,
    verificationErrorType: info?.errorType ?? null,
    lastCheckedTimestamp: info?.lastCheckedTimestamp ?? null,
    alreadyActive,
    restartsVerification: restart,
  };

  if (!identity.verifiedForSendingStatus) {
    return {
      id: "ses",
      status: "fail",
      detail: msg("gate.ses.notVerified", { domain: facts.domain, status: identity.verificationStatus ?? "-" }),
      lines,
      data,
    };
  }
  if (restart) {
    const detail = msg("gate.ses.restartVerification", { selector: facts.selector ?? "", status: dkim?.status ?? "-" });
    return { id: "ses", status: "pass", detail, lines, data };
  }
  if (dkim?.status !== "SUCCESS") {
    return {
      id: "ses",
      status: "fail",
      detail: msg("gate.ses.dkimNotSuccess", { status: dkim?.status ?? "NOT_STARTED" }),
      lines: [...lines, stuckHint(dkim, facts.domain, facts.now)],
      data,
    };
  }
  if (alreadyActive) {
    return { id: "ses", status: "pass", detail: msg("gate.ses.alreadyActive", { selector: facts.selector ?? "" }), lines, data };
  }
  return { id: "ses", status: "pass", detail: msg("gate.ses.pass", { domain: facts.domain }), lines, data };
}

/** Waiting helps a PENDING setup; a stuck one needs its signing attributes put again, by the command that put them. */
function stuckHint(dkim: SesIdentityFacts["dkim"], domain: string, now: Date): Msg {
  if (!isVerificationStuck(dkim, now)) return msg("gate.ses.dkimNotSuccess.hint");
  if (dkim?.origin === "EXTERNAL") return msg("gate.ses.stuckExternal.hint", { domain, selector: dkim.tokens[0] ?? "-" });
  return msg("gate.ses.stuckEasy.hint", { domain });
}

/**
 * Rollback's SES gate: the identity must exist; its DKIM status may be anything, since a failing
 * verification is often the reason for the rollback.
 */
export function checkSesIdentityExists(facts: Omit<SesFacts, "selector" | "now">): GateResult {
  const identity = existingIdentity(facts);
  if ("verdict" in identity) return identity.verdict;
  const dkim = identity.value.dkim;
  return {
    id: "ses",
    status: "pass",
    detail: msg("gate.ses.exists", { domain: facts.domain, status: dkim?.status ?? "NOT_STARTED" }),
    lines: [dkimShape(dkim)],
    // What the rollback started from, for the report's evidence.
    data: { dkimStatus: dkim?.status ?? null, origin: dkim?.origin ?? null, signingEnabled: dkim?.signingEnabled ?? false, tokens: dkim?.tokens ?? [] },
  };
}

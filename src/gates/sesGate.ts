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
    signing: String(dkim?.signingEnabled ?? false),
    tokens: dkim?.tokens.join(", ") || "-",
    keyLength: dkim?.currentSigningKeyLength ?? "-",
  });

/** The identity, or the failed verdict when it could not be read or does not exist. */
function existingIdentity(facts: Omit<SesFacts, "selector">): { value: SesIdentityFacts } | { verdict: GateResult } {
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
  const alreadyActive = isSelectorActive(identity, facts.selector);
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
  if (dkim?.status !== "SUCCESS") {
    return {
      id: "ses",
      status: "fail",
      detail: msg("gate.ses.dkimNotSuccess", { status: dkim?.status ?? "NOT_STARTED" }),
      lines: [...lines, msg("gate.ses.dkimNotSuccess.hint")],
      data,
    };
  }
  if (alreadyActive) {
    return { id: "ses", status: "pass", detail: msg("gate.ses.alreadyActive", { selector: facts.selector ?? "" }), lines, data };
  }
  return { id: "ses", status: "pass", detail: msg("gate.ses.pass", { domain: facts.domain }), lines, data };
}

/**
 * Rollback's SES gate: the identity must exist; its DKIM status may be anything, since a failing
 * verification is often the reason for the rollback.
 */
export function checkSesIdentityExists(facts: Omit<SesFacts, "selector">): GateResult {
  const identity = existingIdentity(facts);
  if ("verdict" in identity) return identity.verdict;
  const dkim = identity.value.dkim;
  return {
    id: "ses",
    status: "pass",
    detail: msg("gate.ses.exists", { domain: facts.domain, status: dkim?.status ?? "NOT_STARTED" }),
    lines: [dkimShape(dkim)],
  };
}

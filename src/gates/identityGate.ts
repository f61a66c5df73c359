import type { CallerIdentity } from "../aws/types.js";
import { msg } from "../messages/msg.js";
import type { Fetched } from "./fetched.js";
import { failFromError } from "./verdicts.js";
import type { GateResult } from "./types.js";

export interface IdentityFacts {
  readonly caller: Fetched<CallerIdentity>;
  readonly expectedAccountId: string;
  readonly region: string;
}

export function checkIdentity(facts: IdentityFacts): GateResult {
  if (!facts.caller.ok) return failFromError("identity", facts.caller.error);
  const { account, arn } = facts.caller.value;
  const data = { account, arn, region: facts.region };
  if (account !== facts.expectedAccountId) {
    return {
      id: "identity",
      status: "fail",
      detail: msg("gate.identity.wrongAccount", { account, expected: facts.expectedAccountId }),
      lines: [msg("gate.identity.wrongAccount.hint")],
      data,
    };
  }
  return { id: "identity", status: "pass", detail: msg("gate.identity.pass", { account, arn, region: facts.region }), data };
}

import type { ParsedPrivateKey } from "../dkim/privateKey.js";
import { msg } from "../messages/msg.js";
import type { Fetched } from "./fetched.js";
import { failFromError } from "./verdicts.js";
import type { GateResult } from "./types.js";

export interface KeyFacts {
  readonly location: string;
  /** `null`: no object at the location. Parse errors arrive as the error of a failed fetch. */
  readonly key: Fetched<ParsedPrivateKey | null>;
}

export function checkPrivateKey(facts: KeyFacts): GateResult {
  if (!facts.key.ok) {
    const failed = failFromError("key", facts.key.error);
    return { ...failed, lines: [msg("gate.key.location", { location: facts.location }), ...(failed.lines ?? [])] };
  }
  if (facts.key.value === null) {
    return {
      id: "key",
      status: "fail",
      detail: msg("gate.key.missing", { location: facts.location }),
      lines: [msg("gate.key.missing.hint")],
    };
  }
  const { bits, format, publicKeyFingerprint } = facts.key.value;
  return {
    id: "key",
    status: "pass",
    detail: msg("gate.key.pass", { bits, format: format === "pkcs1" ? "PKCS#1" : "PKCS#8", fingerprint: publicKeyFingerprint }),
    lines: [msg("gate.key.location", { location: facts.location })],
    data: { location: facts.location, bits, format, publicKeyFingerprint },
  };
}

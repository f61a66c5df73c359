import { type Msg, msg } from "../messages/msg.js";
import type { ProbeTargetResult } from "./probeVerdict.js";
import type { GateResult } from "./types.js";

/**
 * verify --probe's verdict: pass only when every mailbox got the probe signed by d=<domain> and
 * s=<the expected selector>. Each target's lines say whether it arrived, who signed it, and what the
 * receiver's own Authentication-Results said.
 */
export function checkProbes(results: readonly ProbeTargetResult[], domain: string, selector: string | undefined): GateResult {
  const failed = results.filter((result) => result.outcome !== "pass").length;
  const params = { count: results.length, domain, selector: selector ?? "-" };
  return {
    id: "probe",
    status: failed === 0 && results.length > 0 ? "pass" : "fail",
    detail: failed === 0 ? msg("probe.pass", params) : msg("probe.fail", { ...params, failed }),
    lines: results.flatMap((result) => targetLines(result, domain, selector)),
    data: { targets: results },
  };
}

function targetLines(result: ProbeTargetResult, domain: string, expected: string | undefined): Msg[] {
  const seconds =
    result.sentAt !== null && result.deliveredAt !== null ? Math.max(0, Math.round((Date.parse(result.deliveredAt) - Date.parse(result.sentAt)) / 1000)) : 0;
  const signature = result.verdict?.signature;
  const outcome = ((): Msg[] => {
    switch (result.outcome) {
      case "pass":
        return [msg("probe.outcome.pass", { seconds, domain: signature?.domain ?? domain, selector: signature?.selector ?? "-" })];
      case "otherSelector":
        return [
          msg("probe.outcome.otherSelector", { seconds, domain: signature?.domain ?? domain, selector: signature?.selector ?? "-", expected: expected ?? "-" }),
        ];
      case "amazonsesOnly":
        return [msg("probe.outcome.amazonsesOnly", { seconds, domain })];
      case "unsigned":
        return [msg("probe.outcome.unsigned", { seconds, domain })];
      case "failed":
        return [
          msg("probe.outcome.failed", {
            seconds,
            domain: signature?.domain ?? domain,
            selector: signature?.selector ?? "-",
            reason: result.verdict?.reason ?? "-",
          }),
        ];
      case "notDelivered":
        return [
          msg("probe.outcome.notDelivered", {
            seconds: result.waitedSeconds ?? 0,
            sentAt: result.sentAt ?? "-",
            messageId: result.messageId ?? "-",
          }),
        ];
      case "notSent":
      case "unreadable":
        return [
          msg(result.outcome === "notSent" ? "probe.outcome.notSent" : "probe.outcome.unreadable"),
          ...[result.problem, result.problemHint].flatMap((line) => (line ? [line] : [])),
        ];
    }
  })();
  const delivered = result.deliveredAt !== null;
  return [
    "bucket" in result.mailbox
      ? msg("probe.target.s3", { target: result.target, to: result.to, bucket: result.mailbox.bucket, prefix: result.mailbox.prefix })
      : msg("probe.target.imap", { target: result.target, to: result.to, user: result.mailbox.user, host: result.mailbox.host, port: result.mailbox.port }),
    ...outcome,
    ...result.signatures.map((found) =>
      msg(found.aligned ? "probe.signature.aligned" : "probe.signature.notAligned", { domain: found.domain, selector: found.selector, result: found.result }),
    ),
    ...(delivered && result.receiverResults.length === 0 ? [msg("probe.receiverResult.none")] : []),
    ...result.receiverResults.map((found) =>
      msg("probe.receiverResult", { authservId: found.authservId, result: found.result, domain: found.domain ?? "-", selector: found.selector ?? "-" }),
    ),
  ];
}

import { type Msg, msg } from "../messages/msg.js";
import type { GateResult } from "./types.js";

/**
 * What receivers' DMARC aggregate reports say of a selector after SES stopped signing with it.
 * A pass there means some sender still signs with the key: another region, another system.
 */
export type ReportsEvidence =
  /** No `dmarc.reports` in the config. */
  | { readonly kind: "notConfigured" }
  | { readonly kind: "unreadable"; readonly source: string; readonly reason: Msg }
  | {
      readonly kind: "read";
      readonly source: string;
      /** When SES stopped signing with the selector (the rotation), as byodkim recorded it; null: not known. */
      readonly since: string | null;
      /** Reports read at all, and how many of them cover time after `since`. */
      readonly reports: number;
      readonly reportsAfter: number;
      /** Messages the reports after `since` show with a DKIM result by this selector, and how many of them passed. */
      readonly messagesAfter: number;
      readonly passingAfter: number;
      /** Of those, the messages in the latest reports (within a day of the newest report's end). */
      readonly passingLatest: number;
      readonly latestEnd: string | null;
      /** The end of the latest report period that still shows a pass. */
      readonly lastPassingAt: string | null;
      readonly passingOrgs: readonly string[];
    };

/**
 * Retire refuses while a report after the rotation still shows the selector passing; a typed
 * selector at the question (`typedOverride`) lets the operator go on, knowingly, with a warning.
 */
export function checkReportsForRetire(selector: string, evidence: ReportsEvidence, typedOverride: boolean): GateResult {
  if (evidence.kind === "notConfigured")
    return { id: "reports", status: "warn", detail: msg("gate.reports.notConfigured", { selector }), lines: [msg("gate.reports.notConfigured.hint")] };
  if (evidence.kind === "unreadable")
    return {
      id: "reports",
      status: "warn",
      detail: msg("gate.reports.unreadable", { selector, source: evidence.source }),
      lines: [evidence.reason],
      data: { source: evidence.source },
    };
  const data = {
    source: evidence.source,
    since: evidence.since,
    reports: evidence.reports,
    reportsAfter: evidence.reportsAfter,
    messagesAfter: evidence.messagesAfter,
    passingAfter: evidence.passingAfter,
    passingLatest: evidence.passingLatest,
    latestEnd: evidence.latestEnd,
    lastPassingAt: evidence.lastPassingAt,
    passingOrgs: evidence.passingOrgs,
  };
  if (evidence.since === null) return { id: "reports", status: "warn", detail: msg("gate.reports.noRotation", { selector }), data };
  if (evidence.passingLatest > 0) {
    const detail = msg("gate.reports.stillSigning", {
      selector,
      messages: evidence.passingLatest,
      latest: evidence.latestEnd ?? "-",
      total: evidence.passingAfter,
      since: evidence.since,
      orgs: evidence.passingOrgs.join(", ") || "-",
    });
    return typedOverride
      ? { id: "reports", status: "warn", detail, lines: [msg("gate.reports.typedOverride", { selector })], data }
      : { id: "reports", status: "fail", detail, lines: [msg("gate.reports.stillSigning.hint", { selector })], data };
  }
  if (evidence.passingAfter > 0)
    return {
      id: "reports",
      status: "pass",
      detail: msg("gate.reports.faded", {
        selector,
        total: evidence.passingAfter,
        since: evidence.since,
        last: evidence.lastPassingAt ?? "-",
        latest: evidence.latestEnd ?? "-",
      }),
      data,
    };
  if (evidence.reportsAfter === 0)
    return { id: "reports", status: "warn", detail: msg("gate.reports.noneAfter", { selector, since: evidence.since, reports: evidence.reports }), data };
  return {
    id: "reports",
    status: "pass",
    detail: msg("gate.reports.quiet", { selector, since: evidence.since, reports: evidence.reportsAfter, messages: evidence.messagesAfter }),
    data,
  };
}

import type { MetricDatum } from "../aws/types.js";
import { type DmarcSummary, ownSignatureShares } from "./summary.js";

/** The selector dimension of a signature whose selector the receivers did not name: CloudWatch refuses an empty dimension value. */
export const UNNAMED_SELECTOR = "(unnamed)";

/**
 * What `report dmarc --publish-metrics` sends: per domain and each of its own selectors, the
 * percentage of the domain's reported mail that passed DKIM with that signature (an alarm on the
 * new selector's share is the continuous watch of the signing rate), and the messages reported.
 * A domain without reported mail sends nothing: no mail is not 0 % signed.
 */
export function dmarcMetrics(summary: DmarcSummary, at: Date): MetricDatum[] {
  const shares = ownSignatureShares(summary).flatMap((share): MetricDatum[] =>
    share.share === null
      ? []
      : [
          {
            name: "DmarcDkimPassPercent",
            value: Math.round(share.share * 10_000) / 100,
            unit: "Percent",
            dimensions: { Domain: share.domain, Selector: share.selector ?? UNNAMED_SELECTOR },
            timestamp: at,
          },
        ],
  );
  const messages = summary.domains
    .filter((domain) => domain.messages > 0)
    .map(
      (domain): MetricDatum => ({ name: "DmarcReportedMessages", value: domain.messages, unit: "Count", dimensions: { Domain: domain.domain }, timestamp: at }),
    );
  return [...shares, ...messages];
}

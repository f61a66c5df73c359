import type { DmarcRecord, DmarcReport } from "./aggregateReport.js";

/** Messages a selector signed, by the receivers' verdict (the sum of `<count>` of the records that carry it). */
export interface SelectorCounts {
  /** The signature's `d=`: the domain's own, or another (amazonses.com, a mailing service). */
  readonly domain: string;
  /** null: the receiver did not say (RFC 7489 makes it optional). */
  readonly selector: string | null;
  readonly pass: number;
  /** fail, permerror, neutral, policy, none: every verdict that is neither a pass nor a temporary error. */
  readonly fail: number;
  readonly temperror: number;
}

/** One policy domain: its messages and DMARC's own aligned verdicts (`policy_evaluated`). */
export interface DomainCounts {
  readonly domain: string;
  readonly messages: number;
  readonly dkimAligned: number;
  readonly spfAligned: number;
}

export interface OrgCounts {
  readonly org: string;
  readonly reports: number;
  readonly messages: number;
}

export interface DmarcSummary {
  readonly reports: number;
  /** Reports read twice (the same org's report id in a message and as a file beside it): counted once. */
  readonly duplicates: number;
  readonly period: { readonly begin: string | null; readonly end: string | null };
  readonly messages: number;
  readonly domains: readonly DomainCounts[];
  readonly selectors: readonly SelectorCounts[];
  readonly orgs: readonly OrgCounts[];
}

export interface ReportFilter {
  /** Only reports about this policy domain. */
  readonly domain?: string | undefined;
  /** Only reports whose period ends after this moment (`--since <days>` before the injected now). */
  readonly endsAfter?: Date | undefined;
}

const DAY_MS = 86_400_000;

/** The moment `--since <days>` counts from. */
export const sinceDays = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);

/** Each report once: receivers resend, and the same report may sit in a folder as a message and as its attachment. */
export function uniqueReports(reports: readonly DmarcReport[]): DmarcReport[] {
  const seen = new Set<string>();
  return reports.filter((report) => {
    const key = JSON.stringify([report.org, report.reportId, report.domain]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function filterReports(reports: readonly DmarcReport[], filter: ReportFilter): DmarcReport[] {
  const domain = filter.domain?.toLowerCase();
  return uniqueReports(reports).filter(
    (report) => (domain === undefined || report.domain === domain) && (filter.endsAfter === undefined || Date.parse(report.end) > filter.endsAfter.getTime()),
  );
}

type Verdict = "pass" | "fail" | "temperror";
const verdictOf = (result: string): Verdict => (result === "pass" ? "pass" : result === "temperror" ? "temperror" : "fail");

/**
 * A record's signatures, each (d=, s=) once with its best verdict: a receiver that lists the same
 * signature twice (two DKIM-Signature headers, one of them broken by a forwarder) still saw the
 * messages signed by that selector, and they are counted once.
 */
function signaturesOf(record: DmarcRecord): Map<string, { domain: string; selector: string | null; verdict: Verdict }> {
  const rank: Record<Verdict, number> = { pass: 2, temperror: 1, fail: 0 };
  const signatures = new Map<string, { domain: string; selector: string | null; verdict: Verdict }>();
  for (const result of record.dkim) {
    const key = JSON.stringify([result.domain, result.selector]);
    const verdict = verdictOf(result.result);
    const known = signatures.get(key);
    if (!known || rank[verdict] > rank[known.verdict]) signatures.set(key, { domain: result.domain, selector: result.selector, verdict });
  }
  return signatures;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What the reports add up to, per domain, per selector and per reporting organisation. */
export function summarize(all: readonly DmarcReport[], filter: ReportFilter = {}): DmarcSummary {
  const unique = uniqueReports(all);
  const reports = filterReports(unique, filter);
  const domains = new Map<string, { messages: number; dkimAligned: number; spfAligned: number }>();
  const selectors = new Map<string, { domain: string; selector: string | null; pass: number; fail: number; temperror: number }>();
  const orgs = new Map<string, { reports: number; messages: number }>();
  let begin: string | null = null;
  let end: string | null = null;
  let messages = 0;
  for (const report of reports) {
    if (begin === null || report.begin < begin) begin = report.begin;
    if (end === null || report.end > end) end = report.end;
    const domain = domains.get(report.domain) ?? { messages: 0, dkimAligned: 0, spfAligned: 0 };
    domains.set(report.domain, domain);
    const org = orgs.get(report.org) ?? { reports: 0, messages: 0 };
    orgs.set(report.org, org);
    org.reports += 1;
    for (const record of report.records) {
      messages += record.count;
      org.messages += record.count;
      domain.messages += record.count;
      if (record.policyDkim === "pass") domain.dkimAligned += record.count;
      if (record.policySpf === "pass") domain.spfAligned += record.count;
      for (const [key, signature] of signaturesOf(record)) {
        const counts = selectors.get(key) ?? { domain: signature.domain, selector: signature.selector, pass: 0, fail: 0, temperror: 0 };
        selectors.set(key, counts);
        counts[signature.verdict] += record.count;
      }
    }
  }
  return {
    reports: reports.length,
    duplicates: all.length - unique.length,
    period: { begin, end },
    messages,
    domains: [...domains].map(([domain, counts]) => ({ domain, ...counts })).sort((a, b) => byName(a.domain, b.domain)),
    selectors: [...selectors.values()].sort((a, b) => byName(a.domain, b.domain) || b.pass - a.pass || byName(a.selector ?? "", b.selector ?? "")),
    orgs: [...orgs].map(([org, counts]) => ({ org, ...counts })).sort((a, b) => b.messages - a.messages || byName(a.org, b.org)),
  };
}

/** A domain's own selector and the share of the domain's reported mail that passed DKIM with it. */
export interface OwnSignatureShare {
  readonly domain: string;
  readonly selector: string | null;
  readonly passed: number;
  readonly messages: number;
  /** passed / messages, 0…1; null when the reports hold no message of the domain. */
  readonly share: number | null;
}

/**
 * Per policy domain and each of its own selectors (a signature with `d=` the domain itself): how
 * much of the domain's reported mail passed DKIM with it. `amazonses.com` and other signers'
 * passes are not the domain's signature and do not count.
 */
export function ownSignatureShares(summary: DmarcSummary): OwnSignatureShare[] {
  return summary.domains.flatMap((domain) =>
    summary.selectors
      .filter((selector) => selector.domain === domain.domain)
      .map((selector) => ({
        domain: domain.domain,
        selector: selector.selector,
        passed: selector.pass,
        messages: domain.messages,
        share: domain.messages === 0 ? null : selector.pass / domain.messages,
      })),
  );
}

/** The shares of one side of a change: reports wholly before it, or wholly after. */
export interface SideOfChange {
  readonly reports: number;
  readonly messages: number;
  readonly shares: readonly OwnSignatureShare[];
}

export interface AroundChange {
  readonly changeAt: string;
  readonly before: SideOfChange;
  readonly after: SideOfChange;
  /** Reports whose period holds the change: their messages cannot be told before from after, and are in neither side. */
  readonly straddling: number;
}

const sideOf = (reports: readonly DmarcReport[]): SideOfChange => {
  const summary = summarize(reports);
  return { reports: summary.reports, messages: summary.messages, shares: ownSignatureShares(summary) };
};

/** The domain's own selectors' shares in the reports before and after a change (the ticket's before/after table). */
export function aroundChange(all: readonly DmarcReport[], domain: string | undefined, changeAt: Date): AroundChange {
  const reports = filterReports(all, { domain });
  const at = changeAt.getTime();
  return {
    changeAt: changeAt.toISOString(),
    before: sideOf(reports.filter((report) => Date.parse(report.end) <= at)),
    after: sideOf(reports.filter((report) => Date.parse(report.begin) >= at)),
    straddling: reports.filter((report) => Date.parse(report.begin) < at && Date.parse(report.end) > at).length,
  };
}

/** A report that shows a selector still passing, for the operator to find it again. */
export interface SelectorSighting {
  readonly org: string;
  readonly reportId: string;
  readonly source: string;
  readonly begin: string;
  readonly end: string;
  readonly messages: number;
}

export interface SelectorStillSigning {
  /** Messages that passed DKIM with `d=<domain> s=<selector>` in reports whose period begins at or after the date. */
  readonly messages: number;
  /** Messages those reports show with any DKIM result by the selector (pass, fail, temperror). */
  readonly seen: number;
  /** Reports whose period begins at or after the date (whatever they show). */
  readonly reportsAfter: number;
  /**
   * Messages passing with the selector in the latest reports: those whose period ends within a day
   * of the newest report's end. Mail queued before the rotation and delivered after it shows in the
   * first days; a pass in the latest reports means someone signs with the key still.
   */
  readonly latestMessages: number;
  /** The newest report period's end among the reports after the date; null when there are none. */
  readonly latestEnd: string | null;
  readonly orgs: readonly string[];
  readonly reports: readonly SelectorSighting[];
}

/**
 * How much mail receivers saw passing with this domain's selector in reports whose period begins
 * at or after `after` (retire's question: is anyone still signing with the key about to be revoked?).
 * A report whose period holds the date mixes mail from before it and is left out, as aroundChange does.
 * Every report counts whatever its policy domain: a subdomain's report can carry the parent's signature.
 */
export function selectorPassingAfter(all: readonly DmarcReport[], domain: string, selector: string, after: Date): SelectorStillSigning {
  const d = domain.toLowerCase();
  // Selectors are DNS labels: receivers may write them in another case than the signer did.
  const s = selector.toLowerCase();
  const later = uniqueReports(all).filter((report) => Date.parse(report.begin) >= after.getTime());
  const bySelector = (record: DmarcRecord) => [...signaturesOf(record).values()].filter((sig) => sig.domain === d && sig.selector?.toLowerCase() === s);
  const reports = later
    .flatMap((report): SelectorSighting[] => {
      const messages = report.records
        .filter((record) => bySelector(record).some((sig) => sig.verdict === "pass"))
        .reduce((sum, record) => sum + record.count, 0);
      return messages === 0 ? [] : [{ org: report.org, reportId: report.reportId, source: report.source, begin: report.begin, end: report.end, messages }];
    })
    .sort((a, b) => byName(a.end, b.end) || byName(a.org, b.org));
  const newestEnd = later.reduce((newest, report) => Math.max(newest, Date.parse(report.end)), Number.NEGATIVE_INFINITY);
  return {
    messages: reports.reduce((sum, report) => sum + report.messages, 0),
    latestMessages: reports.filter((report) => Date.parse(report.end) > newestEnd - DAY_MS).reduce((sum, report) => sum + report.messages, 0),
    latestEnd: Number.isFinite(newestEnd) ? new Date(newestEnd).toISOString() : null,
    seen: later.flatMap((report) => report.records.filter((record) => bySelector(record).length > 0)).reduce((sum, record) => sum + record.count, 0),
    reportsAfter: later.length,
    orgs: [...new Set(reports.map((report) => report.org))].sort(byName),
    reports,
  };
}

/** Who answered: the zone's own nameservers, the system's recursive resolver, or `--dns-server`. */
export type NameserverRole = "authoritative" | "recursive" | "configured";

export interface Nameserver {
  /** What the operator recognises: `ns1.example.net (192.0.2.1)`, `127.0.0.1:5353`, `system resolver`. */
  readonly label: string;
  readonly role: NameserverRole;
  /** `host:port` queried, absent for the system resolver. */
  readonly address?: string;
}

/** What one nameserver said about a TXT name; the DNS gate judges these. */
export type TxtAnswer =
  /** Each record is the list of its character-strings as sent (RFC 1035 §3.3.14); not yet joined. */
  | { readonly kind: "records"; readonly records: readonly (readonly string[])[] }
  | { readonly kind: "cname"; readonly target: string; readonly records: readonly (readonly string[])[] }
  | { readonly kind: "nxdomain" }
  | { readonly kind: "nodata" }
  | { readonly kind: "servfail" }
  | { readonly kind: "refused" }
  | { readonly kind: "timeout" }
  /** A server given by name whose own address could not be looked up: nothing was asked. */
  | { readonly kind: "unresolvable"; readonly code: string }
  | { readonly kind: "error"; readonly code: string };

export interface NameserverAnswer {
  readonly server: Nameserver;
  readonly answer: TxtAnswer;
}

/** Where the operator chose the servers: a failing one is fixed there. */
export type ServerSetting = { readonly kind: "flag" } | { readonly kind: "config"; readonly path: string };

export interface TxtLookupResult {
  readonly name: string;
  /** How the set of servers was chosen, for the operator ("zone goo.ne.jp: 4 NS + system resolver"). */
  readonly source:
    | { readonly kind: "configured"; readonly setting: ServerSetting }
    | { readonly kind: "discovered"; readonly zone: string }
    /** No NS found for any enclosing name: only the recursive resolver could be asked. */
    | { readonly kind: "discoveryFailed"; readonly reason: string };
  readonly answers: readonly NameserverAnswer[];
}

/** The DNS port the commands see; injected at the composition root. */
export interface DkimDns {
  /** Ask every server in the set for TXT at `name`; never throws for a DNS failure, reports it. */
  lookupTxtEverywhere(name: string): Promise<TxtLookupResult>;
  /** The CNAME target at each name (lower case), or undefined where there is none or the lookup failed. */
  lookupCnames(names: readonly string[]): Promise<(string | undefined)[]>;
  /** A `(name, type) → records` resolver in node:dns's shape, for mailauth's signature checks. */
  txtResolver(): (name: string, type: string) => Promise<string[][]>;
}

/** One record set byodkim publishes, in place of every record of that name and type. */
export type PublishedRecord =
  /** One TXT record: its character-strings, each at most 255 bytes (dkimHandoff splits them). */
  | { readonly name: string; readonly type: "TXT"; readonly strings: readonly string[] }
  | { readonly name: string; readonly type: "CNAME"; readonly target: string };

/** What a publisher did, for the journal and the operator. */
export interface DnsPublication {
  /** The provider's id of the change (Route 53's change id; for RFC 2136 the update's message id and time). */
  readonly changeId: string;
  /** The zone changed, without a trailing dot. */
  readonly zone: string;
  /** Where it went, as the operator recognises it: `Route 53 Z0123… (goo.ne.jp)`, `192.0.2.53:53 (goo.ne.jp, TSIG byodkim-key)`. */
  readonly target: string;
}

/**
 * `dns.publish` other than handoff: byodkim changes the identity's selector records itself. Only
 * the engine calls it, and only with names under `_domainkey.<domain>` it has checked.
 */
export interface DnsPublisher {
  readonly provider: "route53" | "rfc2136";
  /** One atomic change: each record replaces every record of its name and type (Route 53 UPSERT; RFC 2136 delete RRset + add). Throws a ByodkimError with nothing changed when refused. */
  publish(domain: string, records: readonly PublishedRecord[]): Promise<DnsPublication>;
  /**
   * Where `publish` would send the domain's records (`target`, as in DnsPublication), changing
   * nothing; throws the ByodkimError publish would (no zone, access denied). Asked before a change,
   * so a publisher that cannot publish stops the change before its first call. Optional: absent, the
   * first publish finds out.
   */
  locate?(domain: string): Promise<string>;
  /** Resolves once the provider serves the change from all its servers (Route 53 GetChange INSYNC; an RFC 2136 primary at once); `onWait` hears each poll. */
  waitInSync(publication: DnsPublication, onWait?: (polls: number) => void): Promise<void>;
}

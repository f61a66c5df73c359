import { readDnsServer } from "../dns/dnsServerAddress.js";
import type { DnsPublishConfig } from "./config.js";
import type { ConfigReader } from "./configReader.js";
import { isSecretId, normaliseDomain } from "./names.js";

export const DNS_PUBLISH_PROVIDERS = ["handoff", "route53", "rfc2136"] as const;
/** RFC 8945 §6 names these; hmac-sha256 is what BIND's `tsig-keygen` makes unless told otherwise. */
export const TSIG_ALGORITHMS = ["hmac-sha256", "hmac-sha384", "hmac-sha512", "hmac-sha224", "hmac-sha1", "hmac-md5"] as const;
export const TSIG_ALGORITHM_DEFAULT = "hmac-sha256";

const PUBLISH_KEYS = ["provider", "hostedZoneId", "server", "zone", "tsig"] as const;
const KEYS_OF: Record<(typeof DNS_PUBLISH_PROVIDERS)[number], readonly string[]> = {
  handoff: ["provider"],
  route53: ["provider", "hostedZoneId"],
  rfc2136: ["provider", "server", "zone", "tsig"],
};
// Route 53 hosted zone ids are upper-case letters and digits; the console and the CLI also show them as /hostedzone/ID.
const HOSTED_ZONE_ID = /^(?:\/hostedzone\/)?([A-Z0-9]{1,32})$/;
// A TSIG key's name is a domain name (RFC 8945 §4.2), and BIND's keys are often a single label.
const TSIG_KEY_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/** `dns.publish`: who publishes the selectors' records; undefined when absent (handoff, as before). */
export function readDnsPublish(read: ConfigReader): DnsPublishConfig | undefined {
  if (!read.mapping("dns.publish", "a mapping with provider: handoff, route53 or rfc2136", PUBLISH_KEYS)) return undefined;
  const provider = read.value("dns.publish.provider");
  if (!DNS_PUBLISH_PROVIDERS.includes(provider as DnsPublishConfig["provider"])) {
    read.problem("dns.publish.provider", "handoff (files for your DNS team, the default), route53 or rfc2136");
    return undefined;
  }
  const chosen = provider as DnsPublishConfig["provider"];
  const given = Object.keys(read.value("dns.publish") as Record<string, unknown>);
  for (const key of given.filter((key) => PUBLISH_KEYS.includes(key as never) && !KEYS_OF[chosen].includes(key))) {
    read.problem(`dns.publish.${key}`, `no ${key} with provider ${chosen} (it takes: ${KEYS_OF[chosen].join(", ")})`);
  }
  if (chosen === "handoff") return { provider: "handoff" };
  if (chosen === "route53") return readRoute53(read);
  return readRfc2136(read);
}

function readRoute53(read: ConfigReader): DnsPublishConfig {
  const text = read.optionalString(
    "dns.publish.hostedZoneId",
    "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (absent: found by the domain's name)",
    (s) => HOSTED_ZONE_ID.test(s),
  );
  const hostedZoneId = text === undefined ? undefined : HOSTED_ZONE_ID.exec(text)?.[1];
  return hostedZoneId === undefined ? { provider: "route53" } : { provider: "route53", hostedZoneId };
}

function readRfc2136(read: ConfigReader): DnsPublishConfig {
  const server = read.string(
    "dns.publish.server",
    'the zone\'s primary nameserver that accepts dynamic updates, as "host" or "host:port", e.g. "192.0.2.53:53"',
    (s) => readDnsServer(s) !== undefined,
  );
  const zoneText = read.optionalString(
    "dns.publish.zone",
    "the zone updated, a domain name such as goo.ne.jp (absent: the identity's domain)",
    (s) => normaliseDomain(s) !== undefined,
  );
  const zone = zoneText === undefined ? undefined : normaliseDomain(zoneText);
  const tsigExpected = "a mapping with keyName, algorithm and secretId (the TSIG key byodkim signs its updates with)";
  if (!read.mapping("dns.publish.tsig", tsigExpected, ["keyName", "algorithm", "secretId"])) {
    if (read.value("dns.publish.tsig") == null) read.problem("dns.publish.tsig", tsigExpected);
  }
  const keyName = read.string("dns.publish.tsig.keyName", "the TSIG key's name as the server knows it, e.g. byodkim-key", (s) => TSIG_KEY_NAME.test(s));
  const algorithm =
    read.optionalString("dns.publish.tsig.algorithm", `one of ${TSIG_ALGORITHMS.join(", ")} (default ${TSIG_ALGORITHM_DEFAULT})`, (s) =>
      TSIG_ALGORITHMS.includes(s.toLowerCase() as never),
    ) ?? TSIG_ALGORITHM_DEFAULT;
  const secretId = read.string(
    "dns.publish.tsig.secretId",
    "the Secrets Manager secret holding the TSIG key's base64 secret (its name or ARN); the secret itself never goes in the config",
    (s) => isSecretId(s),
  );
  return {
    provider: "rfc2136",
    server,
    ...(zone === undefined ? {} : { zone }),
    tsig: { keyName: keyName.replace(/\.$/, ""), algorithm: algorithm.toLowerCase(), secretId },
  };
}

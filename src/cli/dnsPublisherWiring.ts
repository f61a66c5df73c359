import { clientConfig, lazy } from "../aws/clients.js";
import { createRoute53Publisher } from "../aws/route53.js";
import type { ByodkimConfig } from "../config/config.js";
import type { DnsPublisher } from "../dns/types.js";
import type { Clock } from "../engine/context.js";

/** Route 53 is one service for the world, signed for us-east-1 whatever region SES is in. */
const ROUTE53_SIGNING_REGION = "us-east-1";

/**
 * `dns.publish` → the publisher commands are handed; undefined for handoff (files for the DNS team).
 * The SDK client is built, and its module loaded, on the first publish only. AWS_ENDPOINT_URL (the
 * sandbox, moto) reaches it through the SDK's own configuration, as for every other client.
 */
export function createDnsPublisher(
  config: ByodkimConfig,
  settings: {
    readonly profile: string | undefined;
    readonly clock: Clock;
    /** The TSIG key's secret text (rfc2136), read through the Secrets Manager port; null: no such secret. */
    readonly readSecret: (secretId: string) => Promise<string | null>;
  },
): DnsPublisher | undefined {
  const publish = config.dns.publish;
  if (!publish || publish.provider === "handoff") return undefined;
  if (publish.provider === "route53") {
    const client = lazy(
      async () => new (await import("@aws-sdk/client-route-53")).Route53Client(clientConfig({ region: ROUTE53_SIGNING_REGION, profile: settings.profile })),
    );
    return createRoute53Publisher({ client, hostedZoneId: publish.hostedZoneId, sleep: (ms) => settings.clock.sleep(ms) });
  }
  // The module (and its check of the server's address) is loaded at the first publish, not at every command's start.
  const rfc2136 = publish;
  const publisher = lazy(async () => (await import("../dns/rfc2136.js")).createRfc2136Publisher(rfc2136, settings.readSecret));
  return {
    provider: "rfc2136",
    publish: async (domain, records) => (await publisher()).publish(domain, records),
    waitInSync: async (publication, onWait) => (await publisher()).waitInSync(publication, onWait),
  };
}

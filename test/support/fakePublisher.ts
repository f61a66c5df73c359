import type { ByodkimConfig } from "../../src/config/config.js";
import type { DnsPublisher, PublishedRecord } from "../../src/dns/types.js";
import type { CommandContext } from "../../src/engine/context.js";
import type { ByodkimError } from "../../src/errors.js";
import type { fakeWorld } from "./fakeWorld.js";

type World = ReturnType<typeof fakeWorld>;

/**
 * A Route 53 that publishes into the fake world's DNS: what it takes, every nameserver serves at
 * once (unless told `serves: false`); `afterPublish` runs once a change is taken (a stop signal, say). `failNext` makes the next change fail with that error, as
 * Route 53 refuses a change: nothing published.
 */
export function fakePublisher(world: World, options: { serves?: boolean; afterPublish?: () => void } = {}) {
  const changes: { domain: string; records: readonly PublishedRecord[] }[] = [];
  let failure: ByodkimError | undefined;
  let noZone: ByodkimError | undefined;
  const publisher: DnsPublisher = {
    provider: "route53",
    async locate() {
      world.calls.push("ListHostedZonesByName");
      if (noZone) throw noZone;
      return "Route 53 ZTEST (goo.ne.jp)";
    },
    async publish(domain, records) {
      world.calls.push("ChangeResourceRecordSets");
      if (failure) {
        const error = failure;
        failure = undefined;
        throw error;
      }
      changes.push({ domain, records });
      if (options.serves !== false) {
        for (const record of records) {
          if (record.type === "TXT") world.publishAt(record);
          else world.answerAt(record.name, [{ server: { label: "ns1", role: "configured" }, answer: { kind: "cname", target: record.target, records: [] } }]);
        }
      }
      options.afterPublish?.();
      return { changeId: `C${changes.length}`, zone: "goo.ne.jp", target: "Route 53 ZTEST (goo.ne.jp)" };
    },
    async waitInSync(_publication, onWait) {
      world.calls.push("GetChange");
      onWait?.(1);
      await world.ctx.clock.sleep(5_000);
      world.calls.push("GetChange");
    },
  };
  const config: ByodkimConfig = { ...world.ctx.config, dns: { servers: [], publish: { provider: "route53", hostedZoneId: "ZTEST" } } };
  const ctx: CommandContext = { ...world.ctx, config, dnsPublisher: publisher };
  return {
    ctx,
    changes,
    failNext: (error: ByodkimError) => {
      failure = error;
    },
    /** From now on no zone is found for the domain: the publish gate fails with this error. */
    noZone: (error: ByodkimError) => {
      noZone = error;
    },
  };
}

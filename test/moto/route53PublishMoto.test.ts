import { CreateHostedZoneCommand, ListResourceRecordSetsCommand, Route53Client } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoute53Publisher } from "../../src/aws/route53.js";
import { dkimHandoff } from "../../src/dkim/handoff.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

// The publisher against moto's Route 53, an implementation nobody here wrote: the zone found by
// name among others, a TXT longer than one character-string, GetChange polled, the record read back.
const haveMoto = motoAvailable("the Route 53 publisher against moto's Route 53");

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let client: Route53Client;

const VALUE = `v=DKIM1; k=rsa; p=${"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(9)}`;

describe.skipIf(!haveMoto)("Route 53 publisher against moto", () => {
  beforeAll(async () => {
    moto = await startMoto();
    client = new Route53Client({
      endpoint: moto.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
      maxAttempts: 1,
    });
    for (const name of ["ne.jp", "goo.ne.jp", "other.jp"]) {
      await client.send(new CreateHostedZoneCommand({ Name: name, CallerReference: `byodkim-test-${name}` }));
    }
  }, 60_000);
  afterAll(() => moto?.stop());

  it("publishes a long TXT into the zone it finds by name, waits for INSYNC, and Route 53 serves it as published", async () => {
    const sleeps: number[] = [];
    const publisher = createRoute53Publisher({ client: async () => client, sleep: async (ms) => void sleeps.push(ms) });
    const handoff = dkimHandoff("gooid-21-pro-20261204-1._domainkey.mail.goo.ne.jp", VALUE);
    expect(handoff.strings.length).toBeGreaterThan(1);
    const publication = await publisher.publish("mail.goo.ne.jp", [{ name: handoff.name, type: "TXT", strings: handoff.strings }]);
    expect(publication.zone).toBe("goo.ne.jp");
    const polls: number[] = [];
    await publisher.waitInSync(publication, (poll) => polls.push(poll));
    expect(polls.length).toBe(sleeps.length);

    const zoneId = /Route 53 (\S+) /.exec(publication.target)![1]!;
    const sets = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    const txt = sets.ResourceRecordSets?.find((set) => set.Type === "TXT" && set.Name === `${handoff.name}.`);
    expect(txt?.ResourceRecords?.map((record) => record.Value)).toEqual([handoff.strings.map((text) => `"${text}"`).join(" ")]);

    // UPSERT: publishing again replaces the record, never adds a second one beside it.
    await publisher.publish("mail.goo.ne.jp", [{ name: handoff.name, type: "TXT", strings: ["v=DKIM1; k=rsa; p="] }]);
    const again = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    expect(again.ResourceRecordSets?.filter((set) => set.Name === `${handoff.name}.`).map((set) => set.ResourceRecords)).toEqual([
      [{ Value: '"v=DKIM1; k=rsa; p="' }],
    ]);
  });

  it("publishes Easy DKIM's CNAMEs", async () => {
    const publisher = createRoute53Publisher({ client: async () => client, sleep: async () => {} });
    const publication = await publisher.publish("goo.ne.jp", [{ name: "tok1._domainkey.goo.ne.jp", type: "CNAME", target: "tok1.dkim.amazonses.com" }]);
    await publisher.waitInSync(publication);
    const zoneId = /Route 53 (\S+) /.exec(publication.target)![1]!;
    const sets = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    expect(sets.ResourceRecordSets?.find((set) => set.Type === "CNAME")).toMatchObject({
      Name: "tok1._domainkey.goo.ne.jp.",
      ResourceRecords: [{ Value: "tok1.dkim.amazonses.com." }],
    });
  });

  it("says no zone encloses a domain Route 53 does not host", async () => {
    const publisher = createRoute53Publisher({ client: async () => client, sleep: async () => {} });
    await expect(publisher.publish("example.org", [{ name: "s._domainkey.example.org", type: "TXT", strings: ["x"] }])).rejects.toMatchObject({
      what: { key: "dnsPublish.route53.noZone" },
    });
  });
});

import { ChangeResourceRecordSetsCommand, GetChangeCommand, ListHostedZonesByNameCommand, Route53Client } from "@aws-sdk/client-route-53";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { createRoute53Publisher, recordSet } from "../../src/aws/route53.js";
import { ByodkimError } from "../../src/errors.js";

const route53 = mockClient(Route53Client);
afterEach(() => route53.reset());

const LONG_VALUE = `v=DKIM1; k=rsa; p=${"A".repeat(392)}`;
const KEY_RECORD = { name: "gooid-21-pro-20261204-1._domainkey.goo.ne.jp", type: "TXT" as const, strings: [LONG_VALUE.slice(0, 255), LONG_VALUE.slice(255)] };

function publisher(options: { hostedZoneId?: string; sleeps?: number[] } = {}) {
  const sleeps = options.sleeps ?? [];
  return createRoute53Publisher({
    client: async () => new Route53Client({ region: "us-east-1" }),
    hostedZoneId: options.hostedZoneId,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    pollIntervalMs: 5_000,
    inSyncTimeoutMs: 30_000,
  });
}

const zone = (id: string, name: string, isPrivate = false) => ({
  Id: `/hostedzone/${id}`,
  Name: `${name}.`,
  CallerReference: id,
  Config: { PrivateZone: isPrivate },
});

async function refusal(promise: Promise<unknown>): Promise<ByodkimError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ByodkimError);
  return error as ByodkimError;
}

describe("Route 53 publisher", () => {
  it("publishes into the longest public zone enclosing the domain, with UPSERT and the strings quoted", async () => {
    route53.on(ListHostedZonesByNameCommand, { DNSName: "goo.ne.jp" }).resolves({
      HostedZones: [zone("ZPRIVATE", "goo.ne.jp", true), zone("ZPUBLIC", "goo.ne.jp"), zone("ZOTHER", "goo2.ne.jp")],
    });
    route53.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: "/change/C123", Status: "PENDING", SubmittedAt: new Date() } });
    const publication = await publisher().publish("goo.ne.jp", [KEY_RECORD]);
    expect(publication).toEqual({ changeId: "C123", zone: "goo.ne.jp", target: "Route 53 ZPUBLIC (goo.ne.jp)" });
    const [sent] = route53.commandCalls(ChangeResourceRecordSetsCommand);
    expect(sent!.args[0].input).toEqual({
      HostedZoneId: "ZPUBLIC",
      ChangeBatch: {
        Comment: "byodkim goo.ne.jp",
        Changes: [
          {
            Action: "UPSERT",
            ResourceRecordSet: {
              Name: "gooid-21-pro-20261204-1._domainkey.goo.ne.jp.",
              Type: "TXT",
              TTL: 300,
              ResourceRecords: [{ Value: `"${LONG_VALUE.slice(0, 255)}" "${LONG_VALUE.slice(255)}"` }],
            },
          },
        ],
      },
    });
  });

  it("asks Route 53 for a domain's zone once a run (check, re-check, publish), and asks again after a failed lookup", async () => {
    route53.on(ListHostedZonesByNameCommand, { DNSName: "goo.ne.jp" }).rejectsOnce(Object.assign(new Error("slow down"), { name: "Throttling" }));
    const once = publisher();
    await refusal(once.locate!("goo.ne.jp"));
    route53.on(ListHostedZonesByNameCommand, { DNSName: "goo.ne.jp" }).resolves({ HostedZones: [zone("ZPUBLIC", "goo.ne.jp")] });
    route53.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: "/change/C1", Status: "PENDING", SubmittedAt: new Date() } });
    expect(await once.locate!("goo.ne.jp")).toBe("Route 53 ZPUBLIC (goo.ne.jp)");
    expect(await once.locate!("GOO.NE.JP.")).toBe("Route 53 ZPUBLIC (goo.ne.jp)");
    await once.publish("goo.ne.jp", [KEY_RECORD]);
    expect(route53.commandCalls(ListHostedZonesByNameCommand)).toHaveLength(2);
  });

  it("finds a delegated sub-zone before its parent, walking up only as far as needed", async () => {
    route53.on(ListHostedZonesByNameCommand, { DNSName: "mail.goo.ne.jp" }).resolves({ HostedZones: [zone("ZMAIL", "mail.goo.ne.jp")] });
    route53.on(ListHostedZonesByNameCommand, { DNSName: "goo.ne.jp" }).resolves({ HostedZones: [zone("ZPARENT", "goo.ne.jp")] });
    route53.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: "C9", Status: "PENDING", SubmittedAt: new Date() } });
    const publication = await publisher().publish("mail.goo.ne.jp", [{ ...KEY_RECORD, name: "s._domainkey.mail.goo.ne.jp" }]);
    expect(publication.zone).toBe("mail.goo.ne.jp");
    expect(route53.commandCalls(ListHostedZonesByNameCommand)).toHaveLength(1);
    // Where it would publish, asked before a change, changes nothing.
    expect(await publisher().locate!("mail.goo.ne.jp")).toBe("Route 53 ZMAIL (mail.goo.ne.jp)");
    expect(route53.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(1);
  });

  it("walks up to the parent zone when the domain has no zone of its own", async () => {
    route53.on(ListHostedZonesByNameCommand).resolves({ HostedZones: [] });
    route53.on(ListHostedZonesByNameCommand, { DNSName: "goo.ne.jp" }).resolves({ HostedZones: [zone("ZPARENT", "goo.ne.jp")] });
    route53.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: "C9", Status: "PENDING", SubmittedAt: new Date() } });
    const publication = await publisher().publish("mail.goo.ne.jp", [{ ...KEY_RECORD, name: "s._domainkey.mail.goo.ne.jp" }]);
    expect(publication).toMatchObject({ zone: "goo.ne.jp", target: "Route 53 ZPARENT (goo.ne.jp)" });
  });

  it("uses the configured zone only when it encloses the domain", async () => {
    route53.on(ListHostedZonesByNameCommand).resolves({ HostedZones: [] });
    route53.on(ListHostedZonesByNameCommand, { DNSName: "goo.ne.jp" }).resolves({ HostedZones: [zone("ZA", "goo.ne.jp"), zone("ZB", "goo.ne.jp")] });
    route53.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: "C1", Status: "PENDING", SubmittedAt: new Date() } });
    expect((await publisher({ hostedZoneId: "ZB" }).publish("goo.ne.jp", [KEY_RECORD])).target).toBe("Route 53 ZB (goo.ne.jp)");
    const error = await refusal(publisher({ hostedZoneId: "ZELSEWHERE" }).publish("goo.ne.jp", [KEY_RECORD]));
    expect(error.what).toMatchObject({ key: "dnsPublish.route53.zoneNotEnclosing", params: { id: "ZELSEWHERE", domain: "goo.ne.jp" } });
    expect(route53.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(1);
  });

  it("refuses when no public zone encloses the domain, or two of one name do, publishing nothing", async () => {
    route53.on(ListHostedZonesByNameCommand).resolves({ HostedZones: [zone("ZPRIVATE", "goo.ne.jp", true)] });
    expect((await refusal(publisher().publish("goo.ne.jp", [KEY_RECORD]))).what.key).toBe("dnsPublish.route53.noZone");
    route53.on(ListHostedZonesByNameCommand).resolves({ HostedZones: [zone("ZA", "goo.ne.jp"), zone("ZB", "goo.ne.jp")] });
    const twice = await refusal(publisher().publish("goo.ne.jp", [KEY_RECORD]));
    expect(twice.what).toMatchObject({ key: "dnsPublish.route53.severalZones", params: { ids: "ZA, ZB" } });
    expect(route53.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(0);
  });

  it("polls GetChange until INSYNC, pacing each poll with the clock it was given", async () => {
    route53
      .on(GetChangeCommand)
      .resolvesOnce({ ChangeInfo: { Id: "/change/C1", Status: "PENDING", SubmittedAt: new Date() } })
      .resolvesOnce({ ChangeInfo: { Id: "/change/C1", Status: "PENDING", SubmittedAt: new Date() } })
      .resolves({ ChangeInfo: { Id: "/change/C1", Status: "INSYNC", SubmittedAt: new Date() } });
    const sleeps: number[] = [];
    const heard: number[] = [];
    await publisher({ sleeps }).waitInSync({ changeId: "C1", zone: "goo.ne.jp", target: "Route 53" }, (polls) => heard.push(polls));
    expect(sleeps).toEqual([5_000, 5_000]);
    expect(heard).toEqual([1, 2]);
    expect(route53.commandCalls(GetChangeCommand).map((call) => call.args[0].input)).toEqual([{ Id: "C1" }, { Id: "C1" }, { Id: "C1" }]);
  });

  it("stops waiting for INSYNC at its bound and says how to look at the change", async () => {
    route53.on(GetChangeCommand).resolves({ ChangeInfo: { Id: "/change/C1", Status: "PENDING", SubmittedAt: new Date() } });
    const sleeps: number[] = [];
    const error = await refusal(publisher({ sleeps }).waitInSync({ changeId: "C1", zone: "goo.ne.jp", target: "Route 53" }));
    expect(sleeps).toHaveLength(6);
    expect(error.what).toMatchObject({ key: "dnsPublish.route53.notInSync", params: { changeId: "C1", minutes: 1 } });
    expect(error.hint).toMatchObject({ params: { changeId: "C1" } });
  });

  it.each([
    ["AccessDenied", 403, "aws.accessDenied"],
    ["NoSuchHostedZone", 404, "dnsPublish.route53.zoneGone"],
    ["InvalidChangeBatch", 400, "dnsPublish.route53.refused"],
    ["PriorRequestNotComplete", 400, "dnsPublish.route53.busy"],
    ["Throttling", 400, "aws.throttled"],
    ["ExpiredToken", 403, "aws.expiredCredentials"],
  ])("says %s in the operator's words, naming the zone", async (name, status, key) => {
    route53.on(ListHostedZonesByNameCommand).resolves({ HostedZones: [zone("ZPUBLIC", "goo.ne.jp")] });
    route53
      .on(ChangeResourceRecordSetsCommand)
      .rejects(
        Object.assign(new Error(`Tried to create resource record set ${LONG_VALUE}`), { name, $metadata: { httpStatusCode: status, requestId: "r-1" } }),
      );
    const error = await refusal(publisher().publish("goo.ne.jp", [KEY_RECORD]));
    expect(error.what.key).toBe(key);
    expect(JSON.stringify(error.what)).toContain("hostedzone/ZPUBLIC");
    expect(error.detail ?? "").not.toContain("A".repeat(200));
  });

  it("names the CNAME's target with its trailing dot, and splits a string longer than 255 bytes", () => {
    expect(recordSet({ name: "tok1._domainkey.goo.ne.jp", type: "CNAME", target: "tok1.dkim.amazonses.com" })).toEqual({
      Name: "tok1._domainkey.goo.ne.jp.",
      Type: "CNAME",
      TTL: 300,
      ResourceRecords: [{ Value: "tok1.dkim.amazonses.com." }],
    });
    const { ResourceRecords } = recordSet({ name: "s._domainkey.goo.ne.jp", type: "TXT", strings: [LONG_VALUE] });
    const strings = ResourceRecords[0]!.Value.split('" "');
    expect(strings.map((text) => text.replaceAll('"', "").length)).toEqual([255, LONG_VALUE.length - 255]);
    expect(recordSet({ name: "s._domainkey.goo.ne.jp", type: "TXT", strings: ['say "hi" \\'] }).ResourceRecords[0]!.Value).toBe('"say \\"hi\\" \\\\"');
  });
});

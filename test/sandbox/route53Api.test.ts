import { promises as dns } from "node:dns";
import {
  ChangeResourceRecordSetsCommand,
  type ChangeResourceRecordSetsCommandInput,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLEET_DOMAINS, fleetDomainName } from "../../src/sandbox/fleet.js";
import { hostedZoneId } from "../../src/sandbox/route53Zones.js";
import { dkimTxtStrings, SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";

// The real SDK client against a started sandbox: the wire as byodkim's Route 53 adapter will speak it,
// and the records a change publishes asked for over real DNS from the sandbox's nameservers.
let box: Sandbox;
let fleet: Sandbox | undefined;
const clientOf = (sandbox: Sandbox) =>
  new Route53Client({
    endpoint: sandbox.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" },
    maxAttempts: 1,
  });
const route53 = () => clientOf(box);
const domain = SANDBOX_DEFAULTS.domain;
const zoneId = hostedZoneId(domain);
const selector = "gooid-21-pro-20251117-1";
const recordName = `${selector}._domainkey.${domain}`;
const publicKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".padEnd(392, "Q");
const quoted = (strings: readonly string[]) => strings.map((string) => `"${string}"`).join(" ");

beforeAll(async () => {
  box = await startSandbox({ scenario: "good", nameservers: 3 });
});
afterAll(async () => {
  await box.stop();
  await fleet?.stop();
});

async function txtAt(server: number, name = recordName): Promise<string[][] | string> {
  const resolver = new dns.Resolver({ timeout: 10_000, tries: 1 });
  resolver.setServers([box.dnsServers[server]!]);
  return resolver.resolveTxt(name).catch((err: { code: string }) => err.code);
}

const txtChange = (action: "CREATE" | "UPSERT" | "DELETE", name: string, strings: readonly string[]): ChangeResourceRecordSetsCommandInput => ({
  HostedZoneId: zoneId,
  ChangeBatch: {
    Comment: "byodkim keygen",
    Changes: [{ Action: action, ResourceRecordSet: { Name: name, Type: "TXT", TTL: 300, ResourceRecords: [{ Value: quoted(strings) }] } }],
  },
});

describe("the sandbox's Route 53 finds the hosted zones", () => {
  it("lists the home domain's public zone by name, with an id that is the same in every run", async () => {
    const listed = await route53().send(new ListHostedZonesByNameCommand({ DNSName: domain, MaxItems: 1 }));
    expect(listed.HostedZones).toEqual([
      expect.objectContaining({ Id: `/hostedzone/${zoneId}`, Name: `${domain}.`, Config: expect.objectContaining({ PrivateZone: false }) }),
    ]);
    expect(zoneId).toMatch(/^Z[0-9A-Z]{20}$/);
    const again = await startSandbox({ scenario: "good" });
    try {
      const second = await clientOf(again).send(new ListHostedZonesByNameCommand({ DNSName: domain, MaxItems: 1 }));
      expect(second.HostedZones?.[0]?.Id).toBe(`/hostedzone/${zoneId}`);
    } finally {
      await again.stop();
    }
  });

  it("has a zone for each of the fleet's domains too, in Route 53's order", async () => {
    fleet = await startSandbox({ scenario: "fleet" });
    const listed = await clientOf(fleet).send(new ListHostedZonesByNameCommand({}));
    const names = listed.HostedZones!.map((zone) => zone.Name);
    expect(names[0]).toBe(`${domain}.`);
    expect(names.length).toBeGreaterThan(30);
    for (const spec of FLEET_DOMAINS) expect(names).toContain(`${fleetDomainName(spec)}.`);
    const one = await clientOf(fleet).send(new ListHostedZonesByNameCommand({ DNSName: names[5]!, MaxItems: 1 }));
    expect(one.HostedZones?.[0]?.Name).toBe(names[5]);
    expect(one.IsTruncated).toBe(true);
  });

  it("gets a zone by its id (with or without /hostedzone/), and says NoSuchHostedZone for another", async () => {
    const zone = await route53().send(new GetHostedZoneCommand({ Id: `/hostedzone/${zoneId}` }));
    expect(zone.HostedZone?.Name).toBe(`${domain}.`);
    expect(zone.DelegationSet?.NameServers?.length).toBeGreaterThan(0);
    await expect(route53().send(new GetHostedZoneCommand({ Id: "Z0000000000000000000X" }))).rejects.toMatchObject({ name: "NoSuchHostedZone" });
  });
});

describe("a change is PENDING, then INSYNC, and only then served by the nameservers", () => {
  it("publishes a split TXT record with UPSERT: listed at once, answered over DNS once GetChange says INSYNC", async () => {
    const strings = dkimTxtStrings(publicKey);
    expect(strings.length).toBeGreaterThan(1);
    const submitted = await route53().send(new ChangeResourceRecordSetsCommand(txtChange("UPSERT", recordName, strings)));
    expect(submitted.ChangeInfo).toMatchObject({ Status: "PENDING", Comment: "byodkim keygen" });
    expect(submitted.ChangeInfo?.Id).toMatch(/^\/change\/C[0-9A-Z]+$/);
    expect(Math.abs(submitted.ChangeInfo!.SubmittedAt!.getTime() - Date.now())).toBeLessThan(60_000);

    const listed = await route53().send(
      new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: recordName, StartRecordType: "TXT", MaxItems: 1 }),
    );
    expect(listed.ResourceRecordSets?.[0]).toMatchObject({ Name: `${recordName}.`, Type: "TXT", ResourceRecords: [{ Value: quoted(strings) }] });
    expect(await txtAt(0)).toBe("ENOTFOUND");

    const first = await route53().send(new GetChangeCommand({ Id: submitted.ChangeInfo!.Id }));
    expect(first.ChangeInfo?.Status).toBe("PENDING");
    const second = await route53().send(new GetChangeCommand({ Id: submitted.ChangeInfo!.Id }));
    expect(second.ChangeInfo?.Status).toBe("INSYNC");
    for (const server of [0, 1, 2]) expect(await txtAt(server)).toEqual([strings]);
  });

  it("replaces the record with UPSERT and removes it with DELETE of its exact values", async () => {
    const revoked = ["v=DKIM1; k=rsa; p="];
    const upsert = await route53().send(new ChangeResourceRecordSetsCommand(txtChange("UPSERT", `${recordName.toUpperCase()}.`, revoked)));
    await route53().send(new GetChangeCommand({ Id: upsert.ChangeInfo!.Id }));
    await route53().send(new GetChangeCommand({ Id: upsert.ChangeInfo!.Id }));
    for (const server of [0, 1, 2]) expect(await txtAt(server)).toEqual([revoked]);
    const deleted = await route53().send(new ChangeResourceRecordSetsCommand(txtChange("DELETE", recordName, revoked)));
    await route53().send(new GetChangeCommand({ Id: deleted.ChangeInfo!.Id }));
    expect((await route53().send(new GetChangeCommand({ Id: deleted.ChangeInfo!.Id }))).ChangeInfo?.Status).toBe("INSYNC");
    for (const server of [0, 1, 2]) expect(await txtAt(server)).toBe("ENOTFOUND");
    expect(await txtAt(0, box.seed.txtName)).toEqual([dkimTxtStrings(box.seed.publicKeyBase64)]);
  });

  it("publishes CNAMEs (a rollback to Easy DKIM) and a pending change arrives when the sandbox's clock moves on", async () => {
    const submitted = await route53().send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: ["tok1", "tok2"].map((token) => ({
            Action: "UPSERT" as const,
            ResourceRecordSet: {
              Name: `${token}._domainkey.${domain}`,
              Type: "CNAME" as const,
              TTL: 300,
              ResourceRecords: [{ Value: `${token}.dkim.amazonses.com` }],
            },
          })),
        },
      }),
    );
    const response = await fetch(`${box.endpoint}/_sandbox/clock`, { method: "POST", body: JSON.stringify({ advanceDays: 1 }) });
    expect(response.status).toBe(200);
    expect((await route53().send(new GetChangeCommand({ Id: submitted.ChangeInfo!.Id }))).ChangeInfo?.Status).toBe("INSYNC");
    const resolver = new dns.Resolver({ timeout: 10_000, tries: 1 });
    resolver.setServers([box.dnsServers[1]!]);
    expect(await resolver.resolveCname(`tok2._domainkey.${domain}`)).toEqual(["tok2.dkim.amazonses.com"]);
    const state = (await (await fetch(`${box.endpoint}/_sandbox/state`)).json()) as {
      clock: { offsetDays: number };
      route53: { changes: { id: string; status: string; changes: { name: string; type: string }[] }[] };
    };
    expect(state.clock.offsetDays).toBe(1);
    expect(state.route53.changes.at(-1)).toMatchObject({ id: submitted.ChangeInfo!.Id!.replace("/change/", ""), status: "INSYNC" });
    expect(state.route53.changes.at(-1)!.changes.map((change) => change.name)).toEqual([`tok1._domainkey.${domain}`, `tok2._domainkey.${domain}`]);
  });
});

describe("Route 53's refusals", () => {
  const send = (input: ChangeResourceRecordSetsCommandInput) => route53().send(new ChangeResourceRecordSetsCommand(input));

  it("InvalidChangeBatch: a CREATE over an existing record, a DELETE of none or of other values, a name outside the zone, a string over 255 bytes", async () => {
    const existing = dkimTxtStrings(box.seed.publicKeyBase64);
    await expect(send(txtChange("CREATE", box.seed.txtName, existing))).rejects.toMatchObject({
      name: "InvalidChangeBatch",
      message: expect.stringContaining("already exists"),
    });
    await expect(send(txtChange("DELETE", `nothing._domainkey.${domain}`, ["x"]))).rejects.toMatchObject({
      name: "InvalidChangeBatch",
      message: expect.stringContaining("not found"),
    });
    await expect(send(txtChange("DELETE", box.seed.txtName, ["other"]))).rejects.toMatchObject({
      name: "InvalidChangeBatch",
      message: expect.stringContaining("do not match"),
    });
    await expect(send(txtChange("UPSERT", "sel._domainkey.example.com", ["x"]))).rejects.toMatchObject({
      name: "InvalidChangeBatch",
      message: expect.stringContaining("not permitted in zone"),
    });
    await expect(send(txtChange("UPSERT", recordName, ["x".repeat(256)]))).rejects.toMatchObject({
      name: "InvalidChangeBatch",
      message: expect.stringContaining("TXTRDATATooLong"),
    });
    expect(box.world.route53.changes.size).toBeGreaterThan(0);
    expect(await txtAt(0, box.seed.txtName)).toEqual([existing]);
  });

  it("NoSuchHostedZone for an unknown zone, InvalidInput for a record set without TTL, NoSuchChange for an unknown change", async () => {
    await expect(send({ ...txtChange("UPSERT", recordName, ["x"]), HostedZoneId: "Z0000000000000000000X" })).rejects.toMatchObject({
      name: "NoSuchHostedZone",
    });
    await expect(
      send({
        HostedZoneId: zoneId,
        ChangeBatch: { Changes: [{ Action: "UPSERT", ResourceRecordSet: { Name: recordName, Type: "TXT", ResourceRecords: [{ Value: '"x"' }] } }] },
      }),
    ).rejects.toMatchObject({ name: "InvalidInput" });
    await expect(route53().send(new GetChangeCommand({ Id: "CNOSUCHCHANGE" }))).rejects.toMatchObject({ name: "NoSuchChange" });
  });

  it("a fault makes a publish fail as Route 53 would (AccessDenied, then throttling), and nothing is changed", async () => {
    const before = box.world.route53.changes.size;
    const fault = (spec: string) =>
      fetch(`${box.endpoint}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ operation: "ChangeResourceRecordSets", fault: spec }) });
    expect((await fault("access-denied,times=1")).status).toBe(200);
    await expect(send(txtChange("UPSERT", recordName, ["x"]))).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect((await fault("throttle,times=1")).status).toBe(200);
    await expect(send(txtChange("UPSERT", recordName, ["x"]))).rejects.toMatchObject({ name: "Throttling" });
    expect(box.world.route53.changes.size).toBe(before);
    expect(box.world.log.filter((entry) => entry.service === "route53" && entry.operation === "ChangeResourceRecordSets").slice(-2)).toEqual([
      expect.objectContaining({ status: 403, error: "AccessDenied" }),
      expect.objectContaining({ status: 400, error: "Throttling" }),
    ]);
  });
});

describe("the sandbox's IAM judges Route 53 calls", () => {
  it("allows changes to the identity's own _domainkey names only, as the policy's record-name condition says", async () => {
    const narrow = await startSandbox({
      scenario: "good",
      policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "route53:ChangeResourceRecordSets",
            Resource: `arn:aws:route53:::hostedzone/${zoneId}`,
            Condition: { "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": [`*._domainkey.${domain}`] } },
          },
          { Effect: "Allow", Action: ["route53:GetChange"], Resource: "arn:aws:route53:::change/*" },
          { Effect: "Allow", Action: ["route53:ListHostedZonesByName"], Resource: "*" },
        ],
      },
    });
    try {
      const client = clientOf(narrow);
      expect((await client.send(new ListHostedZonesByNameCommand({ DNSName: domain, MaxItems: 1 }))).HostedZones).toHaveLength(1);
      const allowed = await client.send(new ChangeResourceRecordSetsCommand(txtChange("UPSERT", `${recordName.toUpperCase()}.`, ["v=DKIM1; k=rsa; p="])));
      expect((await client.send(new GetChangeCommand({ Id: allowed.ChangeInfo!.Id }))).ChangeInfo?.Status).toBe("PENDING");
      const refusal = client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: {
            Changes: [
              { Action: "UPSERT", ResourceRecordSet: { Name: recordName, Type: "TXT", TTL: 300, ResourceRecords: [{ Value: '"v=DKIM1; k=rsa; p="' }] } },
              { Action: "UPSERT", ResourceRecordSet: { Name: domain, Type: "TXT", TTL: 300, ResourceRecords: [{ Value: '"v=spf1 -all"' }] } },
            ],
          },
        }),
      );
      await expect(refusal).rejects.toMatchObject({ name: "AccessDenied", message: expect.stringContaining("route53:ChangeResourceRecordSets") });
      await expect(client.send(new GetHostedZoneCommand({ Id: zoneId }))).rejects.toMatchObject({ name: "AccessDenied" });
      expect(narrow.world.route53.changes.size).toBe(1);
    } finally {
      await narrow.stop();
    }
  });
});

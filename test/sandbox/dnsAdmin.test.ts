import { promises as dns } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dkimTxtStrings, SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";

// A drill in another process publishes the DNS team's change through /_sandbox/dns, then asks the
// sandbox's nameservers over real DNS, as byodkim's precheck and the sandbox's SES do.
let box: Sandbox;
beforeAll(async () => {
  box = await startSandbox({ scenario: "good", nameservers: 3 });
});
afterAll(() => box.stop());

const name = `gooid-21-pro-20251017-1._domainkey.${SANDBOX_DEFAULTS.domain}`;
const publicKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".padEnd(392, "Q");

async function txtAt(server: number, at = name): Promise<string[][] | string> {
  const resolver = new dns.Resolver({ timeout: 10_000, tries: 1 });
  resolver.setServers([box.dnsServers[server]!]);
  return resolver.resolveTxt(at).catch((err: { code: string }) => err.code);
}

const admin = (method: string, query = "", body?: unknown) =>
  fetch(`${box.endpoint}/_sandbox/dns${query}`, { method, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) });

describe("/_sandbox/dns publishes and removes records on the sandbox's nameservers", () => {
  it("publishes a split TXT record on the nameservers named, and only there", async () => {
    const strings = dkimTxtStrings(publicKey);
    expect(strings.length).toBeGreaterThan(1);
    const response = await admin("POST", "", { name, type: "TXT", data: strings, servers: [0, 2] });
    expect(response.status).toBe(200);
    expect(await txtAt(0)).toEqual([strings]);
    expect(await txtAt(1)).toBe("ENOTFOUND");
    expect(await txtAt(2)).toEqual([strings]);
  });

  it("replaces every record of that name and type, on every nameserver when no servers are given", async () => {
    await admin("POST", "", { name, type: "TXT", data: ["first"], servers: [1] });
    const response = await admin("POST", "", { name: `${name.toUpperCase()}.`, type: "TXT", data: "v=DKIM1; k=rsa; p=" });
    expect(response.status).toBe(200);
    for (const server of [0, 1, 2]) expect(await txtAt(server)).toEqual([["v=DKIM1; k=rsa; p="]]);
  });

  it("removes the records from one nameserver, then from all, and leaves the other names alone", async () => {
    expect((await admin("DELETE", `?name=${name}&type=TXT&server=1`)).status).toBe(200);
    expect(await txtAt(1)).toBe("ENOTFOUND");
    expect(await txtAt(0)).toEqual([["v=DKIM1; k=rsa; p="]]);
    expect((await admin("DELETE", `?name=${name}&type=TXT`)).status).toBe(200);
    for (const server of [0, 1, 2]) expect(await txtAt(server)).toBe("ENOTFOUND");
    expect((await txtAt(0, box.seed.txtName)) as string[][]).toEqual([dkimTxtStrings(box.seed.publicKeyBase64)]);
  });

  it("lists each nameserver's records", async () => {
    await admin("POST", "", { name, type: "TXT", data: ["only-on-2"], servers: [2] });
    const listed = (await (await admin("GET")).json()) as { server: number; records: { name: string; type: string; data: unknown }[] }[];
    expect(listed.map((entry) => entry.server)).toEqual([0, 1, 2]);
    expect(listed[2]!.records).toContainEqual({ name, type: "TXT", data: ["only-on-2"] });
    expect(listed[0]!.records.some((record) => record.name === name)).toBe(false);
    expect(listed[0]!.records).toContainEqual({ name: box.seed.txtName, type: "TXT", data: dkimTxtStrings(box.seed.publicKeyBase64) });
  });

  it.each([
    ["not JSON", "{"],
    ["a bad name", { name: "no spaces allowed.goo.ne.jp", type: "TXT", data: ["x"] }],
    ["an unknown type", { name, type: "MX", data: "10 mx" }],
    ["a character-string over 255 bytes", { name, type: "TXT", data: ["x".repeat(256)] }],
    ["empty TXT data", { name, type: "TXT", data: [] }],
    ["a nameserver that does not exist", { name, type: "TXT", data: ["x"], servers: [3] }],
  ])("answers 400 with a message for %s, and changes nothing", async (_what, body) => {
    const before = JSON.stringify(box.world.nameservers);
    const response = await admin("POST", "", body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/\w/);
    expect(JSON.stringify(box.world.nameservers)).toBe(before);
  });

  it("answers 400 for a DELETE without a name or type", async () => {
    expect((await admin("DELETE", "?type=TXT")).status).toBe(400);
    expect((await admin("DELETE", `?name=${name}`)).status).toBe(400);
    expect((await admin("DELETE", `?name=${name}&type=TXT&server=9`)).status).toBe(400);
  });
});

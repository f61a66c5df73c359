import { describe, expect, it } from "vitest";
import { checkKeyAndDns } from "../../src/engine/gateRunner.js";
import type { DkimDns, TxtAnswer } from "../../src/dns/types.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { DOMAIN, fakeWorld, SELECTOR } from "../support/fakeWorld.js";
import { dkimRecordStrings, generateTestKey } from "../support/keys.js";

const key = generateTestKey(2048);
const expectedName = `${SELECTOR}._domainkey.${DOMAIN}`;
const zoneTwice = `${expectedName}.${DOMAIN}`;
const good: TxtAnswer = { kind: "records", records: [dkimRecordStrings(key.publicKeyBase64)] };

/** Two configured servers answering from a name → answer table (NXDOMAIN elsewhere), remembering every name asked. */
function dnsServing(zone: Record<string, TxtAnswer>) {
  const asked: string[] = [];
  const dns: DkimDns = {
    lookupTxtEverywhere: async (name) => {
      asked.push(name);
      const answer = zone[name] ?? { kind: "nxdomain" };
      return {
        name,
        source: { kind: "configured", setting: { kind: "flag" } },
        answers: ["ns1", "ns2"].map((label) => ({ server: { label, role: "configured" as const }, answer })),
      };
    },
    lookupCnames: async (names) => names.map(() => undefined),
    txtResolver: () => async () => [],
  };
  return { dns, asked };
}

async function check(zone: Record<string, TxtAnswer>) {
  const world = fakeWorld({ key });
  const { dns, asked } = dnsServing(zone);
  const result = await checkKeyAndDns({ ...world.ctx, dns }, DOMAIN, SELECTOR);
  return { ...result, asked };
}

describe("the DNS check names a hand-off mistake", () => {
  it("asks only the selector's name when the record is right", async () => {
    const { dns, asked } = await check({ [expectedName]: good });
    expect(dns.status).toBe("pass");
    expect(asked).toEqual([expectedName]);
  });

  it("finds the record where the console added the zone twice, and says so first, keeping the verdict", async () => {
    const { dns, asked } = await check({ [zoneTwice]: good });
    expect(asked.sort()).toEqual([expectedName, `${SELECTOR}.${DOMAIN}`, zoneTwice].sort());
    expect(dns).toMatchObject({ status: "fail", detail: { key: "gate.dns.noMatch" }, data: { diagnosis: "zoneTwice", diagnosisFoundAt: zoneTwice } });
    expect(createTranslator("en")(dns.lines![0]!)).toContain(`the record is at ${zoneTwice}: the DNS console added the zone a second time`);
    expect(dns.lines?.map((line) => line.key)).toContain("gate.dns.publish");
  });

  it("names the quotes pasted into the value at the right name", async () => {
    const { dns } = await check({ [expectedName]: { kind: "records", records: [[`"v=DKIM1; k=rsa; p=${key.publicKeyBase64}"`]] } });
    expect(dns.data?.["diagnosis"]).toBe("quoted");
    expect(dns.lines?.[0]?.key).toBe("handoff.quoted");
  });

  it("adds nothing when the record is simply missing everywhere", async () => {
    const { dns } = await check({});
    expect(dns.status).toBe("fail");
    expect(dns.data?.["diagnosis"]).toBeUndefined();
    expect(dns.lines?.[0]?.key).toBe("gate.dns.server.nxdomain");
  });

  it("does not look elsewhere when the servers could not be asked: that is their problem, and two more lookups two more timeouts", async () => {
    const { dns, asked } = await check({ [expectedName]: { kind: "timeout" } });
    expect(dns.status).toBe("fail");
    expect(asked).toEqual([expectedName]);
  });
});

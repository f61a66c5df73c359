import { CreateEmailIdentityCommand, GetEmailIdentityCommand, ListEmailIdentitiesCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { afterEach, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/start.js";

const HOME = SANDBOX_DEFAULTS.region;
const OSAKA = "ap-northeast-3";

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.stop();
  box = undefined;
});

async function started() {
  box = await startSandbox({ verifyIntervalMs: 50 });
  return box;
}

const sesIn = (sandbox: Sandbox, region: string) =>
  new SESv2Client({ endpoint: sandbox.endpoint, region, credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" }, maxAttempts: 1 });

async function listAll(client: SESv2Client, pageSize: number) {
  const pages: string[][] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListEmailIdentitiesCommand({ PageSize: pageSize, NextToken }));
    pages.push((page.EmailIdentities ?? []).map((identity) => `${identity.IdentityType}:${identity.IdentityName}`));
    NextToken = page.NextToken;
  } while (NextToken);
  return pages;
}

describe("sandbox SES is regional: the signed region picks the identities", () => {
  it("knows an identity only in the region it was created in", async () => {
    const sandbox = await started();
    const tokyo = sesIn(sandbox, HOME);
    const osaka = sesIn(sandbox, OSAKA);
    await osaka.send(new CreateEmailIdentityCommand({ EmailIdentity: "osaka.goo.ne.jp" }));

    expect((await osaka.send(new GetEmailIdentityCommand({ EmailIdentity: "osaka.goo.ne.jp" }))).IdentityType).toBe("DOMAIN");
    await expect(tokyo.send(new GetEmailIdentityCommand({ EmailIdentity: "osaka.goo.ne.jp" }))).rejects.toMatchObject({ name: "NotFoundException" });
    await expect(osaka.send(new GetEmailIdentityCommand({ EmailIdentity: SANDBOX_DEFAULTS.domain }))).rejects.toMatchObject({ name: "NotFoundException" });
    expect((await tokyo.send(new GetEmailIdentityCommand({ EmailIdentity: SANDBOX_DEFAULTS.domain }))).DkimAttributes?.Status).toBe("SUCCESS");
    // The same name may exist in both regions, as two identities.
    await tokyo.send(new CreateEmailIdentityCommand({ EmailIdentity: "osaka.goo.ne.jp" }));
    await expect(tokyo.send(new CreateEmailIdentityCommand({ EmailIdentity: "osaka.goo.ne.jp" }))).rejects.toMatchObject({ name: "AlreadyExistsException" });
    expect(sandbox.world.identities.get("osaka.goo.ne.jp")).not.toBe(sandbox.world.regionIdentities.get(OSAKA)?.get("osaka.goo.ne.jp"));
  });

  it("lists each region's own identities, paged with PageSize, an address as EMAIL_ADDRESS", async () => {
    const sandbox = await started();
    const tokyo = sesIn(sandbox, HOME);
    const osaka = sesIn(sandbox, OSAKA);
    expect(await listAll(osaka, 2)).toEqual([[]]);
    for (const name of ["c.goo.ne.jp", "a.goo.ne.jp", "ops@goo.ne.jp"]) await osaka.send(new CreateEmailIdentityCommand({ EmailIdentity: name }));
    await tokyo.send(new CreateEmailIdentityCommand({ EmailIdentity: "b.goo.ne.jp" }));

    expect(await listAll(osaka, 2)).toEqual([["DOMAIN:a.goo.ne.jp", "DOMAIN:c.goo.ne.jp"], ["EMAIL_ADDRESS:ops@goo.ne.jp"]]);
    expect(await listAll(tokyo, 1)).toEqual([["DOMAIN:b.goo.ne.jp"], [`DOMAIN:${SANDBOX_DEFAULTS.domain}`]]);
    expect((await osaka.send(new GetEmailIdentityCommand({ EmailIdentity: "ops@goo.ne.jp" }))).IdentityType).toBe("EMAIL_ADDRESS");
  });

  it("verifies PENDING identities of every region in the background, and shows each region at /_sandbox/state", async () => {
    const sandbox = await started();
    const osaka = sesIn(sandbox, OSAKA);
    const created = await osaka.send(new CreateEmailIdentityCommand({ EmailIdentity: "kansai.goo.ne.jp" }));
    expect(created.DkimAttributes?.Status).toBe("PENDING");
    for (const records of sandbox.world.nameservers) {
      for (const token of created.DkimAttributes?.Tokens ?? []) {
        records.push({ name: `${token}._domainkey.kansai.goo.ne.jp`, type: "CNAME", data: `${token}.dkim.amazonses.com` });
      }
    }
    const deadline = Date.now() + 20_000;
    let status: string | undefined;
    while (Date.now() < deadline) {
      status = (await osaka.send(new GetEmailIdentityCommand({ EmailIdentity: "kansai.goo.ne.jp" }))).DkimAttributes?.Status;
      if (status === "SUCCESS") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe("SUCCESS");

    const state = (await (await fetch(`${sandbox.endpoint}/_sandbox/state`)).json()) as {
      identities: { name: string; region: string }[];
      regionIdentities: Record<string, { name: string; region: string; dkim: { status: string } }[]>;
    };
    expect(state.identities.map(({ name, region }) => `${region}:${name}`)).toEqual([`${HOME}:${SANDBOX_DEFAULTS.domain}`]);
    expect(state.regionIdentities[OSAKA]).toEqual([
      expect.objectContaining({ name: "kansai.goo.ne.jp", region: OSAKA, dkim: expect.objectContaining({ status: "SUCCESS" }) }),
    ]);
  });
});

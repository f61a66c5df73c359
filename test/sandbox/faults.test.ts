import { GetEmailIdentityCommand, PutEmailIdentityDkimAttributesCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { afterEach, describe, expect, it } from "vitest";
import { parseFault, takeFault } from "../../src/sandbox/faults.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/start.js";
import type { Fault } from "../../src/sandbox/world.js";

const domain = "goo.ne.jp";

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.stop();
  box = undefined;
});

async function ses(options: SandboxOptions = {}, maxAttempts = 1) {
  box = await startSandbox(options);
  const client = new SESv2Client({
    endpoint: box.endpoint,
    region: box.world.region,
    credentials: { accessKeyId: box.env["AWS_ACCESS_KEY_ID"]!, secretAccessKey: box.env["AWS_SECRET_ACCESS_KEY"]! },
    maxAttempts,
  });
  return { box, client };
}

const getIdentity = (client: SESv2Client) => client.send(new GetEmailIdentityCommand({ EmailIdentity: domain }));
const setSigning = (client: SESv2Client, enabled: boolean) =>
  client.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: domain, SigningEnabled: enabled }));
const statusesOf = (sandbox: Sandbox, operation: string) => sandbox.world.log.filter((entry) => entry.operation === operation).map((entry) => entry.status);

describe("parseFault: --fault Operation=kind[,times=N]", () => {
  it.each<[string, [string, Fault]]>([
    ["GetEmailIdentity=throttle", ["GetEmailIdentity", { kind: "throttle" }]],
    ["GetSecretValue=server-error", ["GetSecretValue", { kind: "server-error" }]],
    ["PutEmailIdentityDkimAttributes=access-denied,times=1", ["PutEmailIdentityDkimAttributes", { kind: "access-denied", remaining: 1 }]],
    ["PutEmailIdentityDkimSigningAttributes=lost-response", ["PutEmailIdentityDkimSigningAttributes", { kind: "lost-response" }]],
    ["PutEmailIdentityDkimSigningAttributes=lost-response,times=4", ["PutEmailIdentityDkimSigningAttributes", { kind: "lost-response", remaining: 4 }]],
    ["PutSecretValue=latency:2000", ["PutSecretValue", { kind: "latency", ms: 2000 }]],
    ["PutSecretValue=latency:2000,times=2", ["PutSecretValue", { kind: "latency", ms: 2000, remaining: 2 }]],
    ["  GetEmailIdentity=throttle,times=12  ", ["GetEmailIdentity", { kind: "throttle", remaining: 12 }]],
  ])("reads %j", (text, expected) => {
    expect(parseFault(text)).toEqual(expected);
  });

  it.each([
    "GetEmailIdentity=explode",
    "GetEmailIdentity",
    "throttle",
    "=throttle",
    "Get Email=throttle",
    "GetEmailIdentity=",
    "GetEmailIdentity=latency",
    "GetEmailIdentity=latency:soon",
    "GetEmailIdentity=throttle,times=0",
    "GetEmailIdentity=throttle,times=",
    "GetEmailIdentity=throttle,times=-1",
    "GetEmailIdentity=throttle,times=1.5",
    "GetEmailIdentity=throttle,count=1",
    "GetEmailIdentity=throttle,times=1,times=2",
    "GetEmailIdentity=throttle, times=1",
    "GetEmailIdentity=times=1",
  ])("refuses %j as a usage error with the syntax hint", (text) => {
    expect(() => parseFault(text)).toThrow(
      expect.objectContaining({
        kind: "usage",
        what: { key: "sandbox.badFault", params: { value: text } },
        hint: expect.objectContaining({ key: "sandbox.badFault.hint" }),
      }),
    );
  });
});

describe("takeFault", () => {
  it("counts a counted fault down and removes it after its last firing; an uncounted one stays", () => {
    const faults = new Map<string, Fault>([
      ["PutSecretValue", { kind: "latency", ms: 10, remaining: 2 }],
      ["GetEmailIdentity", { kind: "throttle" }],
    ]);
    expect(takeFault(faults, "PutSecretValue")).toEqual({ kind: "latency", ms: 10, remaining: 2 });
    expect(faults.get("PutSecretValue")).toEqual({ kind: "latency", ms: 10, remaining: 1 });
    expect(takeFault(faults, "PutSecretValue")).toEqual({ kind: "latency", ms: 10, remaining: 1 });
    expect(faults.has("PutSecretValue")).toBe(false);
    expect(takeFault(faults, "PutSecretValue")).toBeUndefined();
    for (let i = 0; i < 3; i++) expect(takeFault(faults, "GetEmailIdentity")).toEqual({ kind: "throttle" });
    expect(faults.get("GetEmailIdentity")).toEqual({ kind: "throttle" });
  });
});

describe("sandbox faults through the AWS SDK", () => {
  it("fails only the first call with access-denied,times=1; the second call succeeds", async () => {
    const { box: sandbox, client } = await ses({ faults: [parseFault("PutEmailIdentityDkimAttributes=access-denied,times=1")] });
    await expect(setSigning(client, false)).rejects.toMatchObject({ name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } });
    expect((await getIdentity(client)).DkimAttributes?.SigningEnabled).toBe(true);
    await setSigning(client, false);
    expect((await getIdentity(client)).DkimAttributes?.SigningEnabled).toBe(false);
    expect(sandbox.world.faults.size).toBe(0);
  });

  it("counts each SDK retry as a request: server-error,times=2 is used up by retries and the call succeeds on its third attempt", async () => {
    const { box: sandbox, client } = await ses({ faults: [parseFault("GetEmailIdentity=server-error,times=2")] }, 4);
    expect((await getIdentity(client)).DkimAttributes?.Status).toBe("SUCCESS");
    expect(statusesOf(sandbox, "GetEmailIdentity")).toEqual([500, 500, 200]);
  });

  it("applies the change on lost-response but fails the call with InternalFailure 500", async () => {
    const { box: sandbox, client } = await ses({ faults: [parseFault("PutEmailIdentityDkimAttributes=lost-response")] });
    await expect(setSigning(client, false)).rejects.toMatchObject({ name: "InternalFailure", $metadata: { httpStatusCode: 500 } });
    expect((await getIdentity(client)).DkimAttributes?.SigningEnabled).toBe(false);
    // Without a count it stays: the next call changes SES again and fails again.
    await expect(setSigning(client, true)).rejects.toMatchObject({ name: "InternalFailure" });
    expect((await getIdentity(client)).DkimAttributes?.SigningEnabled).toBe(true);
    expect(statusesOf(sandbox, "PutEmailIdentityDkimAttributes")).toEqual([500, 500]);
  });

  it("delays the call with latency:MS,times=1, then clears the fault", async () => {
    const { box: sandbox, client } = await ses({ faults: [parseFault("GetEmailIdentity=latency:400,times=1")] });
    const started = Date.now();
    await getIdentity(client);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(sandbox.world.faults.has("GetEmailIdentity")).toBe(false);
  });
});

describe("/_sandbox/faults", () => {
  const faultsUrl = (sandbox: Sandbox, query = "") => `${sandbox.endpoint}/_sandbox/faults${query}`;
  const post = (sandbox: Sandbox, body: string) => fetch(faultsUrl(sandbox), { method: "POST", headers: { "content-type": "application/json" }, body });
  const list = async (sandbox: Sandbox) => (await fetch(faultsUrl(sandbox))).json();

  it("adds, lists and clears faults, and the added ones fire", async () => {
    const { box: sandbox, client } = await ses({ faults: [parseFault("PutSecretValue=latency:2000,times=2")] });
    expect(await list(sandbox)).toEqual([{ operation: "PutSecretValue", kind: "latency", ms: 2000, remaining: 2 }]);

    const added = await post(sandbox, JSON.stringify({ operation: "GetEmailIdentity", fault: "access-denied,times=1" }));
    expect(added.status).toBe(200);
    expect(await added.json()).toEqual([
      { operation: "PutSecretValue", kind: "latency", ms: 2000, remaining: 2 },
      { operation: "GetEmailIdentity", kind: "access-denied", remaining: 1 },
    ]);
    await expect(getIdentity(client)).rejects.toMatchObject({ name: "AccessDeniedException" });
    expect(await list(sandbox)).toEqual([{ operation: "PutSecretValue", kind: "latency", ms: 2000, remaining: 2 }]);
    await getIdentity(client);

    // A POST for an operation that already has a fault replaces it.
    await post(sandbox, JSON.stringify({ operation: "PutSecretValue", fault: "throttle" }));
    await post(sandbox, JSON.stringify({ operation: "PutEmailIdentityDkimAttributes", fault: "lost-response,times=3" }));
    expect(await list(sandbox)).toEqual([
      { operation: "PutSecretValue", kind: "throttle", remaining: null },
      { operation: "PutEmailIdentityDkimAttributes", kind: "lost-response", remaining: 3 },
    ]);

    const one = await fetch(faultsUrl(sandbox, "?operation=PutSecretValue"), { method: "DELETE" });
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual([{ operation: "PutEmailIdentityDkimAttributes", kind: "lost-response", remaining: 3 }]);
    const all = await fetch(faultsUrl(sandbox), { method: "DELETE" });
    expect(await all.json()).toEqual([]);
    expect(sandbox.world.faults.size).toBe(0);
  });

  it.each([
    ["not JSON", "access-denied"],
    ["no fault", JSON.stringify({ operation: "GetEmailIdentity" })],
    ["no operation", JSON.stringify({ fault: "throttle" })],
    ["an unknown kind", JSON.stringify({ operation: "GetEmailIdentity", fault: "explode" })],
    ["times=0", JSON.stringify({ operation: "GetEmailIdentity", fault: "throttle,times=0" })],
    ["the whole --fault text", JSON.stringify({ operation: "GetEmailIdentity", fault: "GetEmailIdentity=throttle" })],
    ["an operation with a space", JSON.stringify({ operation: "Get Email", fault: "throttle" })],
  ])("answers 400 with a message for a body with %s, and changes nothing", async (_what, body) => {
    const { box: sandbox } = await ses();
    const response = await post(sandbox, body);
    expect(response.status).toBe(400);
    expect((await response.json()) as { message: string }).toMatchObject({ message: expect.stringContaining("kind[,times=N]") });
    expect(sandbox.world.faults.size).toBe(0);
  });
});

describe("signing-off scenario", () => {
  it("has an Easy DKIM identity at SUCCESS with signing turned off", async () => {
    const { client } = await ses({ scenario: "signing-off" });
    expect((await getIdentity(client)).DkimAttributes).toMatchObject({ SigningEnabled: false, Status: "SUCCESS", SigningAttributesOrigin: "AWS_SES" });
  });
});

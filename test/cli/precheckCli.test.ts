import { GetObjectCommand } from "@aws-sdk/client-s3";
import { GetEmailIdentityCommand } from "@aws-sdk/client-sesv2";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { ACCOUNT_ID, DOMAIN, SELECTOR, awsError, mockHealthyAws } from "../support/awsMocks.js";
import { captureIo } from "../support/captureIo.js";
import { startZoneServer } from "../support/dnsServer.js";
import { dkimRecordStrings, expectNoCanary, generateTestKey } from "../support/keys.js";

const canary = generateTestKey(2048, "pkcs8");
const otherKey = generateTestKey(2048);
const recordName = `${SELECTOR}._domainkey.${DOMAIN}`;

let configPath: string;
let goodDns: Awaited<ReturnType<typeof startZoneServer>>;
let wrongDns: Awaited<ReturnType<typeof startZoneServer>>;
let aws: ReturnType<typeof mockHealthyAws>;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), "byodkim-cli-"));
  configPath = join(dir, "byodkim.config.yaml");
  const example = await readFile(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8");
  await writeFile(configPath, example.replace('accountId: "123456789012"', `accountId: "${ACCOUNT_ID}"`));
  goodDns = await startZoneServer([{ name: recordName, type: "TXT", data: dkimRecordStrings(canary.publicKeyBase64) }]);
  wrongDns = await startZoneServer([{ name: recordName, type: "TXT", data: dkimRecordStrings(otherKey.publicKeyBase64) }]);
});
afterAll(async () => {
  await goodDns.close();
  await wrongDns.close();
});
beforeEach(() => {
  aws = mockHealthyAws(canary.pem);
});
afterEach(() => aws.restore());

async function precheck(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = captureIo(env);
  const code = await run(["precheck", ...args, "--config", configPath], io);
  const everything = io.out() + io.err();
  // Whatever the outcome, the private key never reaches the operator's terminal.
  expect(expectNoCanary(everything, canary)).toEqual([]);
  return { code, out: io.out(), err: io.err() };
}

describe("byodkim precheck (in-process, real UDP DNS, mocked AWS SDK)", () => {
  it("passes every gate for a domain that is ready", async () => {
    const { code, out } = await precheck([DOMAIN, "--dns-server", goodDns.address]);
    expect(out).toContain("✔");
    expect(out).not.toContain("✘");
    expect(out).toContain(SELECTOR);
    expect(out).toContain("Nothing was changed");
    expect(code).toBe(0);
  });

  it("prints one JSON document with every gate in checklist order", async () => {
    const { code, out, err } = await precheck([DOMAIN, "--dns-server", goodDns.address, "--json"]);
    const document = JSON.parse(out);
    expect(code).toBe(0);
    expect(document).toMatchObject({ command: "precheck", domain: DOMAIN, selector: SELECTOR, ok: true });
    expect(document.gates.map((gate: { id: string }) => gate.id)).toEqual(["identity", "permissions", "selector", "key", "dns", "ses", "alarms", "state"]);
    for (const gate of document.gates) {
      expect(Object.keys(gate)).toEqual(expect.arrayContaining(["id", "status", "title", "detail"]));
      expect(gate.status).toBe("pass");
    }
    expect(err).toBe("");
  });

  it("refuses when the TXT record holds another key", async () => {
    const { code, out } = await precheck([DOMAIN, "--dns-server", wrongDns.address, "--json"]);
    const dns = JSON.parse(out).gates.find((gate: { id: string }) => gate.id === "dns");
    expect(code).toBe(1);
    expect(dns.status).toBe("fail");
    expect(dns.data.servers[0].outcome).toBe("mismatch");
  });

  it("fails the identity gate for credentials of another account", async () => {
    aws.sts.on(GetCallerIdentityCommand).resolves({ Account: "999999999999", Arn: "arn:aws:iam::999999999999:user/bob" });
    const { code, out } = await precheck([DOMAIN, "--dns-server", goodDns.address]);
    expect(code).toBe(1);
    expect(out).toMatch(/✘ AWS account and region\s+credentials are for account 999999999999/);
  });

  it("asks nothing else of AWS when the credentials are for another account", async () => {
    aws.sts.on(GetCallerIdentityCommand).resolves({ Account: "999999999999", Arn: "arn:aws:iam::999999999999:user/bob" });
    const { out } = await precheck([DOMAIN, "--dns-server", goodDns.address, "--json"]);
    const gates = JSON.parse(out).gates as { id: string; code: string }[];
    expect(gates.filter((gate) => gate.code === "gate.notChecked.identity").map((gate) => gate.id)).toEqual([
      "permissions",
      "selector",
      "key",
      "dns",
      "ses",
      "alarms",
      "state",
    ]);
    expect([aws.ses, aws.s3, aws.cloudwatch, aws.secrets, aws.iam].map((mock) => mock.calls().length)).toEqual([0, 0, 0, 0, 0]);
  });

  it("names the denied action when S3 refuses the key", async () => {
    aws.s3.on(GetObjectCommand).rejects(awsError("AccessDenied", "client", 403));
    const { code, out } = await precheck([DOMAIN, "--dns-server", goodDns.address]);
    expect(code).toBe(1);
    expect(out).toContain("s3:GetObject");
  });

  it("reports expired credentials as such", async () => {
    aws.ses.on(GetEmailIdentityCommand).rejects(awsError("ExpiredTokenException", "client", 403));
    const { code, out } = await precheck([DOMAIN, "--dns-server", goodDns.address]);
    expect(code).toBe(1);
    expect(out.toLowerCase()).toContain("expired");
  });

  it("speaks Japanese with --lang ja", async () => {
    const { out } = await precheck([DOMAIN, "--dns-server", goodDns.address, "--lang", "ja"]);
    expect(out).toContain("S3 の秘密鍵");
    expect(out).toContain("何も変更していません");
  });

  it("keeps the key out of every output even with --verbose", async () => {
    await precheck([DOMAIN, "--dns-server", goodDns.address, "--verbose"]);
    await precheck([DOMAIN, "--dns-server", wrongDns.address, "--verbose", "--json"]);
  });
});

describe("AWS failures nobody foresaw", () => {
  const bareSdkError = () => new Error('Region not accepted: region="x" is not a valid hostname component.');

  it("never prints the empty name of a bare SDK error, and points at --verbose", async () => {
    aws.sts.on(GetCallerIdentityCommand).rejects(bareSdkError());
    const { code, out } = await precheck([DOMAIN, "--dns-server", goodDns.address]);
    expect(code).toBe(1);
    expect(out).toContain("STS sts:GetCallerIdentity failed before AWS answered, with an error the AWS SDK gave no name");
    expect(out).not.toMatch(/failed: Error/);
    expect(out).toContain("--verbose");
    expect(out).not.toContain("Region not accepted");
  });

  it.each([
    ["a bare SDK error", bareSdkError, "AWS SDK said: Region not accepted"],
    ["a service error with a name nobody mapped", () => awsError("OddFailure"), "AWS SDK said: OddFailure from the test"],
  ])("shows the SDK's own message for %s with --verbose", async (_what, error, said) => {
    aws.sts.on(GetCallerIdentityCommand).rejects(error());
    const plain = await precheck([DOMAIN, "--dns-server", goodDns.address]);
    expect(plain.out).not.toContain("AWS SDK said");
    const verbose = await precheck([DOMAIN, "--dns-server", goodDns.address, "--verbose"]);
    expect(verbose.out).toContain(said);
    const json = await precheck([DOMAIN, "--dns-server", goodDns.address, "--verbose", "--json"]);
    expect(JSON.parse(json.out).gates[0].lines).toEqual(expect.arrayContaining([expect.stringContaining(said)]));
  });

  it("keeps anything key-sized out of the SDK's message, even with --verbose", async () => {
    aws.sts.on(GetCallerIdentityCommand).rejects(Object.assign(awsError("OddFailure"), { message: `key ${canary.publicKeyBase64} refused` }));
    const { out } = await precheck([DOMAIN, "--dns-server", goodDns.address, "--verbose"]);
    expect(out).toContain("[redacted]");
    expect(out).not.toContain(canary.publicKeyBase64.slice(0, 100));
  });
});

describe("bad input gets a clear error and exit 2", () => {
  it("refuses a --region that is not a region name before any AWS call", async () => {
    const { code, err } = await precheck([DOMAIN, "--region", "not a region!", "--dns-server", goodDns.address]);
    expect(code).toBe(2);
    expect(err).toContain('--region is "not a region!", which is not an AWS region name');
    expect(aws.sts.calls()).toHaveLength(0);
  });

  it.each([
    ["a bad domain", ["not_a_domain", "--dns-server", "127.0.0.1:1"], "is not a valid domain name"],
    ["a bad selector", [DOMAIN, "--selector", "bad_selector", "--dns-server", "127.0.0.1:1"], "is not valid for SES"],
    ["a bad --lang", [DOMAIN, "--lang", "fr"], "--lang takes en or ja"],
    ["a bad --dns-server", [DOMAIN, "--dns-server", "not a server"], "not a server"],
  ])("%s", async (_what, args, text) => {
    const { code, err, out } = await precheck(args);
    expect(code).toBe(2);
    expect(err).toContain(text);
    expect(err).not.toMatch(/\n\s+at /);
    expect(out).toBe("");
    expect(aws.ses.calls()).toHaveLength(0);
  });
});

import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dkimTxtStrings } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/start.js";
import { leakedCanaries, sandboxKeyCanaries } from "../support/sandboxKey.js";
import { spawnCli } from "../support/spawnCli.js";

const running: Sandbox[] = [];
afterAll(async () => {
  await Promise.all(running.map((sandbox) => sandbox.stop()));
});

async function sandbox(options: SandboxOptions): Promise<Sandbox> {
  const started = await startSandbox(options);
  running.push(started);
  return started;
}

interface GateJson {
  id: string;
  status: string;
  code: string;
  data: Record<string, unknown>;
}

/** Runs the real binary against the sandbox over real HTTP and UDP, and checks the key never leaks. */
async function precheck(box: Sandbox, extra: string[] = []) {
  const result = await spawnCli(["precheck", "--config", box.configPath, "--json", ...extra], {
    env: { ...box.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  const canaries = sandboxKeyCanaries(box);
  expect(leakedCanaries(result.stdout + result.stderr + JSON.stringify(box.world.log), canaries)).toEqual([]);
  const document = JSON.parse(result.stdout) as { ok: boolean; gates: GateJson[]; alreadyActive: boolean };
  const gate = (id: string) => document.gates.find((candidate) => candidate.id === id)!;
  return { ...result, document, gate };
}

const MUTATING = [
  "PutEmailIdentityDkimSigningAttributes",
  "PutEmailIdentityDkimAttributes",
  "PutObject",
  "PutSecretValue",
  "SetAlarmState",
  "CreateEmailIdentity",
];

describe("byodkim precheck against the rehearsal sandbox (spawned, real HTTP and UDP DNS)", () => {
  it("passes every gate in the good scenario and changes nothing", async () => {
    const box = await sandbox({ scenario: "good" });
    const { code, document, stderr } = await precheck(box);
    expect(code).toBe(0);
    expect(document.ok).toBe(true);
    expect(document.gates.map((gate) => gate.status)).toEqual(["pass", "pass", "pass", "pass", "pass", "pass", "pass", "pass"]);
    expect(stderr).toBe("");
    const operations = box.world.log.map((entry) => entry.operation);
    expect(operations).toEqual(
      expect.arrayContaining([
        "GetCallerIdentity",
        "GetRole",
        "SimulatePrincipalPolicy",
        "ListObjectsV2",
        "GetObject",
        "GetEmailIdentity",
        "DescribeAlarms",
        "GetSecretValue",
      ]),
    );
    expect(operations.filter((operation) => MUTATING.includes(operation))).toEqual([]);
  });

  // The other scenarios' verdicts (a wrong record, a firing alarm, the phases, already enabled) are in test/commands/precheck.test.ts.
  it("scenario missing-txt: the dns gate says fail (gate.dns.noMatch)", async () => {
    const box = await sandbox({ scenario: "missing-txt" });
    const result = await precheck(box);
    expect(result.gate("dns")).toMatchObject({ status: "fail", code: "gate.dns.noMatch" });
    expect(result.document.gates.filter((gate) => gate.id !== "dns" && gate.status === "fail")).toEqual([]);
    expect(result.code).toBe(1);
  });

  it("scenario partial-propagation: the dns gate says fail (gate.dns.disagree), and which nameserver lacks the record", async () => {
    const box = await sandbox({ scenario: "partial-propagation" });
    const result = await precheck(box);
    expect(result.gate("dns")).toMatchObject({ status: "fail", code: "gate.dns.disagree" });
    expect(result.document.gates.filter((gate) => gate.id !== "dns" && gate.status === "fail")).toEqual([]);
    expect(result.code).toBe(1);
    const servers = result.gate("dns").data["servers"] as { server: string; outcome: string }[];
    expect(servers).toEqual([
      expect.objectContaining({ server: box.dnsServers[0], outcome: "match" }),
      expect.objectContaining({ server: box.dnsServers[1], outcome: "nxdomain" }),
    ]);
  });

  it("blames an unreachable --dns-server, or one whose name does not resolve, on the server and not on the record", async () => {
    const box = await sandbox({ scenario: "good" });
    const result = await spawnCli(["precheck", "--config", box.configPath, "--dns-server", "127.0.0.1:9", "--dns-server", "ns.nosuch.invalid"], {
      env: { ...box.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("could not be checked on 2 of 2 servers");
    expect(result.stdout).toContain("127.0.0.1:9: no answer (timeout): the nameserver could not be reached");
    expect(result.stdout).toContain("ns.nosuch.invalid: the nameserver's own name could not be resolved");
    expect(result.stdout).toContain("check --dns-server");
    expect(result.stdout).not.toContain("NXDOMAIN");
    expect(result.stdout).not.toContain("ask the DNS team to publish");
  });

  it("names dns.servers in the config file when a server from there cannot be reached", async () => {
    const box = await sandbox({ scenario: "good" });
    const config = join(dirname(box.configPath), "unreachable.yaml");
    await writeFile(config, (await readFile(box.configPath, "utf8")).replace(/servers:\n(\s+- .*\n)+/, "servers:\n    - 127.0.0.1:9\n"));
    const result = await spawnCli(["precheck", "--config", config], { env: { ...box.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`check dns.servers in ${config}`);
    expect(result.stdout).not.toContain("--dns-server");
  });

  /** Replaces the TXT record at the selector on every sandbox nameserver, as the DNS team's console left it. */
  function publishAs(box: Sandbox, name: string, strings: string[]) {
    box.world.nameservers.forEach((records, i) => {
      box.world.nameservers[i] = [
        ...records.filter((record) => !(record.type === "TXT" && record.name === box.seed.txtName)),
        { name, type: "TXT", data: strings },
      ];
    });
  }

  it("names the doubled zone when the console put the record at <selector>._domainkey.goo.ne.jp.goo.ne.jp", async () => {
    const box = await sandbox({ scenario: "good" });
    const doubled = `${box.seed.txtName}.${box.seed.domain}`;
    publishAs(box, doubled, dkimTxtStrings(box.seed.publicKeyBase64));
    const result = await precheck(box);
    expect(result.code).toBe(1);
    const dns = result.gate("dns") as GateJson & { lines: string[] };
    expect(dns).toMatchObject({ status: "fail", code: "gate.dns.noMatch", data: { diagnosis: "zoneTwice", diagnosisFoundAt: doubled } });
    expect(dns.lines[0]).toBe(
      `the record is at ${doubled}: the DNS console added the zone a second time; publish it at ${box.seed.txtName} (most consoles want only ${box.seed.selector}._domainkey in the name field)`,
    );
    // Found on the sandbox's own servers from dns.servers in its config, where the selector's name is NXDOMAIN.
    expect(dns.data["servers"]).toEqual(box.dnsServers.map((server) => expect.objectContaining({ server, outcome: "nxdomain" })));
  });

  it("names the quotes pasted into the value", async () => {
    const box = await sandbox({ scenario: "good" });
    const [first = "", second = ""] = dkimTxtStrings(box.seed.publicKeyBase64);
    // The zone-file form pasted whole into a console that splits long values at 255 characters itself.
    const pasted = `"${first}" "${second}"`;
    publishAs(box, box.seed.txtName, [pasted.slice(0, 255), pasted.slice(255)]);
    const result = await precheck(box);
    const dns = result.gate("dns") as GateJson & { lines: string[] };
    expect(dns).toMatchObject({ status: "fail", data: { diagnosis: "quoted", diagnosisFoundAt: box.seed.txtName } });
    expect(dns.lines[0]).toContain(`the record at ${box.seed.txtName} was pasted with its quotes inside`);
  });

  it("names the IAM action when SES denies access", async () => {
    const box = await sandbox({ scenario: "good", faults: [["GetEmailIdentity", { kind: "access-denied" }]] });
    const result = await precheck(box);
    expect(result.code).toBe(1);
    expect(result.gate("ses")).toMatchObject({ status: "fail", code: "aws.accessDenied" });
    expect(JSON.stringify(result.gate("ses"))).toContain("ses:GetEmailIdentity");
  });

  it("gives up on a throttled SES after the SDK's retries, with its own sentence", async () => {
    const box = await sandbox({ scenario: "good", faults: [["GetEmailIdentity", { kind: "throttle" }]] });
    const result = await precheck(box);
    expect(result.gate("ses")).toMatchObject({ status: "fail", code: "aws.throttled" });
    expect(box.world.log.filter((entry) => entry.operation === "GetEmailIdentity").length).toBeGreaterThan(1);
  });

  it("reports an SES server error without a stack trace", async () => {
    const box = await sandbox({ scenario: "good", faults: [["GetSecretValue", { kind: "server-error" }]] });
    const result = await precheck(box, ["--verbose"]);
    expect(result.gate("state")).toMatchObject({ status: "fail", code: "aws.serverError" });
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("shows the human checklist in Japanese, with the key kept out", async () => {
    const box = await sandbox({ scenario: "good" });
    const result = await spawnCli(["precheck", "--config", box.configPath, "--lang", "ja"], {
      env: { ...box.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("✔ S3 の秘密鍵");
    expect(leakedCanaries(result.stdout + result.stderr, sandboxKeyCanaries(box))).toEqual([]);
  });
});

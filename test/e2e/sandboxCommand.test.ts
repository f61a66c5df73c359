import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, spawnCli } from "../support/spawnCli.js";

/** The first line a `--json` sandbox prints: what it started. */
function firstJsonLine<T>(stream: NodeJS.ReadableStream): Promise<T> {
  let text = "";
  return new Promise((resolve) => {
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve(JSON.parse(text.split("\n")[0]!));
    });
  });
}

describe("byodkim sandbox and demo as spawned processes", () => {
  it("lists the scenarios", async () => {
    const result = await spawnCli(["sandbox", "--list"]);
    expect(result.code).toBe(0);
    for (const name of [
      "good",
      "wrong-txt",
      "missing-txt",
      "partial-propagation",
      "alarm-firing",
      "phase-5",
      "phase-7",
      "signing-off",
      "already-enabled",
      "byodkim-active",
      "rotation-unpublished",
      "fleet",
    ]) {
      expect(result.stdout).toContain(name);
    }
  });

  it("refuses an unknown scenario and a malformed fault with exit 2", async () => {
    const unknown = await spawnCli(["sandbox", "--scenario", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no scenario named nope");
    const badFault = await spawnCli(["sandbox", "--fault", "GetEmailIdentity=explode"]);
    expect(badFault.code).toBe(2);
    expect(badFault.stderr).toContain("is not Operation=kind");
    const zeroTimes = await spawnCli(["sandbox", "--fault", "GetEmailIdentity=throttle,times=0"]);
    expect(zeroTimes.code).toBe(2);
    expect(zeroTimes.stderr).toContain("PutSecretValue=latency:2000,times=2");
  });

  it.each([
    ["--checks-before-failure", "10000", "0 to 1000"],
    ["--checks-before-failure", "-1", "0 to 1000"],
    ["--ses-rate-limit", "1.5", "0 to 1000"],
    ["--port", "70000", "0 to 65535"],
  ])("refuses %s %s with exit 2, naming the range it takes", async (flag, value, range) => {
    const result = await spawnCli(["sandbox", flag, value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${flag} takes a whole number from ${range}, not ${value}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("starts with a counted fault from --fault and lists it at /_sandbox/faults", async () => {
    const child = spawn(process.execPath, [BIN, "sandbox", "--json", "--fault", "PutEmailIdentityDkimAttributes=access-denied,times=1"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const info = await firstJsonLine<{ endpoint: string }>(child.stdout);
      expect(await (await fetch(`${info.endpoint}/_sandbox/faults`)).json()).toEqual([
        { operation: "PutEmailIdentityDkimAttributes", kind: "access-denied", remaining: 1 },
      ]);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });

  it("serves a precheck from another process until Ctrl-C, then stops cleanly", async () => {
    const child = spawn(process.execPath, [BIN, "sandbox", "--json", "--scenario", "phase-7"], { stdio: ["ignore", "pipe", "pipe"] });
    const started = firstJsonLine<{ env: Record<string, string>; configPath: string; dnsServers: string[] }>(child.stdout);
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const info = await started;
      expect(info.dnsServers).toHaveLength(2);
      const precheck = await spawnCli(["precheck", "--config", info.configPath, "--json"], {
        env: { ...info.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      });
      const state = JSON.parse(precheck.stdout).gates.find((gate: { id: string }) => gate.id === "state");
      expect(state).toMatchObject({ status: "warn", code: "gate.state.alreadyDone" });
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });

  it("paces the fleet's SES to one request a second by default, and not at all with --ses-rate-limit 0", async () => {
    // The sandbox tells services apart by the credential scope alone; it checks no signature.
    const authorization = "AWS4-HMAC-SHA256 Credential=AKIASANDBOX/20250917/ap-northeast-1/ses/aws4_request, SignedHeaders=host, Signature=0";
    const twoQuickGets = async (endpoint: string) => {
      const get = () => fetch(`${endpoint}/v2/email/identities/m01.goo.ne.jp`, { headers: { authorization } }).then((response) => response.status);
      return [await get(), await get()];
    };
    for (const [flags, statuses] of [
      [[], [200, 429]],
      [
        ["--ses-rate-limit", "0"],
        [200, 200],
      ],
    ] as const) {
      const child = spawn(process.execPath, [BIN, "sandbox", "--json", "--scenario", "fleet", ...flags], { stdio: ["ignore", "pipe", "pipe"] });
      const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
      try {
        const info = await firstJsonLine<{ endpoint: string }>(child.stdout);
        expect(await twoQuickGets(info.endpoint)).toEqual(statuses);
      } finally {
        child.kill("SIGINT");
      }
      expect(await exited).toBe(0);
    }
  });

  it("rehearses the runbook with npm run demo's command, exit 0", async () => {
    const result = await spawnCli(["demo"], { timeoutMs: 240_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("$ byodkim precheck");
    expect(result.stdout).toContain("Ready for BYODKIM");
    expect(result.stdout).toContain("$ byodkim enable --yes");
    expect(result.stdout).toContain("BYODKIM is enabled on goo.ne.jp");
    // The demo's verify sends a test message: sent, its signature not checked, and said so.
    expect(result.stdout).toContain("the test message was sent, but its signature was not checked");
    expect(result.stdout).not.toContain("BYODKIM is working");
    expect(result.stdout).toContain("Rolled back goo.ne.jp (previous).");
  });
});

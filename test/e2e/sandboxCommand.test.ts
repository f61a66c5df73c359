import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { firstJsonLine, printedUntil, runInBash, sandboxInOwnHome } from "../support/sandboxProcess.js";
import { BIN, spawnCli } from "../support/spawnCli.js";

/** The tester's environment with a HOME of its own: a sandbox leaves its settings for `--env` in ~/.byodkim. */
const withOwnHome = () => ({ ...process.env, HOME: mkdtempSync(join(tmpdir(), "byodkim-home-")) });

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
      env: withOwnHome(),
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
    const child = spawn(process.execPath, [BIN, "sandbox", "--json", "--scenario", "phase-7"], { env: withOwnHome(), stdio: ["ignore", "pipe", "pipe"] });
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
      const child = spawn(process.execPath, [BIN, "sandbox", "--json", "--scenario", "fleet", ...flags], {
        env: withOwnHome(),
        stdio: ["ignore", "pipe", "pipe"],
      });
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

  it("points a second shell at the running sandbox with the one eval line it prints; precheck then needs no --config", async () => {
    const { home, checkout, env, child, exited } = sandboxInOwnHome();
    let printed: string[];
    try {
      printed = (await printedUntil(child.stdout, "Ctrl-C")).split("\n").map((line) => line.trim());
      // node ran the launcher by its path in the checkout: that is what the hints say, to be run in the same folder.
      const evalLine = printed.find((line) => line.startsWith("eval "));
      expect(evalLine).toBe('eval "$(node bin/byodkim.js sandbox --env)"');
      const next = printed[printed.indexOf(evalLine!) + 1];
      expect(next).toBe("node bin/byodkim.js precheck");
      // A second shell, exactly as printed: the one eval, then precheck.
      const shell = await runInBash(`${evalLine}\n${next}`, { cwd: checkout, env: { ...env, AWS_PROFILE: "someone-elses" } });
      expect(shell.code, shell.stdout + shell.stderr).toBe(0);
      expect(shell.stdout).toContain("Ready for BYODKIM");
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    // The sandbox has stopped: the settings it left point at nothing, and --env says how to start one.
    const stale = await spawnCli(["sandbox", "--env"], { env: { HOME: home } });
    expect(stale.code).toBe(2);
    expect(stale.stdout).toBe("");
    expect(stale.stderr).toContain("no sandbox is running");
    expect(stale.stderr).toMatch(/start one in another terminal with `node \S+byodkim\.js sandbox`/);
  });

  it("runs the README's first rehearsal as written: the one eval, precheck, enable and rollback with the domain typed, verify, report --lang ja", async () => {
    const readme = readFileSync(join(dirname(dirname(BIN)), "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Rehearse your first change"), readme.indexOf("## Install"));
    const [start, walk] = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((block) => block[1]!.trim().split("\n"));
    expect(start).toEqual(["npx byodkim sandbox"]);
    const [evalLine, ...steps] = walk!;
    expect(steps.map((line) => line.split(/\s+/)[2])).toEqual(["precheck", "enable", "verify", "rollback", "report"]);
    // As the sandbox itself would print them had node run the launcher by its path: npx would fetch nothing here, but needs npm.
    const asNode = (line: string) => line.replaceAll("npx byodkim", "node bin/byodkim.js");
    const { checkout, env, child, exited } = sandboxInOwnHome();
    try {
      await printedUntil(child.stdout, "Ctrl-C");
      const typed: Record<string, string> = { enable: "goo.ne.jp\n", rollback: "goo.ne.jp\n" };
      const outputs: string[] = [];
      for (const step of steps) {
        const result = await runInBash(`${asNode(evalLine!)}\n${asNode(step)}`, { cwd: checkout, env, stdin: typed[step.split(/\s+/)[2]!] });
        expect(result.code, `${step}\n${result.stdout}${result.stderr}`).toBe(0);
        outputs.push(result.stdout);
      }
      expect(outputs[1]).toContain("BYODKIM is enabled on goo.ne.jp");
      expect(outputs[3]).toContain("Rolled back goo.ne.jp (previous).");
      expect(outputs[4]).toContain("# 変更報告：rollback goo.ne.jp");
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });

  it("rehearses the whole runbook with npm run demo's command, off a terminal with --yes, exit 0", async () => {
    const result = await spawnCli(["demo"], { timeoutMs: 240_000 });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("Not on a terminal: each change is confirmed with --yes.");
    const headers = result.stdout.split("\n").filter((line) => line.startsWith("sandbox$ byodkim ") || line.startsWith("# "));
    expect(headers.map((line) => line.replace(/\S*gooid-21-pro-\d{8}-\d+\S*/g, "<selector>"))).toEqual([
      "sandbox$ byodkim precheck",
      "sandbox$ byodkim enable --wait 120 --yes",
      "sandbox$ byodkim verify --send-test postmaster@example.org",
      "sandbox$ byodkim keygen --out ./ticket --yes",
      "# The sandbox publishes the record in <selector> on every nameserver, as the DNS team would.",
      "sandbox$ byodkim rotate --wait 120 --yes",
      "# The sandbox moves every date byodkim recorded 8 days back, as if the grace period (7 days) had passed, so that retire is allowed.",
      "sandbox$ byodkim retire <selector> --yes",
      "sandbox$ byodkim rollback --to easy-dkim --reason rehearsal --yes",
      "# The sandbox publishes the three CNAMEs rollback printed, as the DNS team would, and SES verifies them.",
      "sandbox$ byodkim status",
      "sandbox$ byodkim report",
      "# Change report: rollback goo.ne.jp (run <id>)".replace("<id>", /# Change report: rollback goo\.ne\.jp \(run (\w+)\)/.exec(result.stdout)?.[1] ?? "?"),
    ]);
    // What each step ends with, in order: every one ran to its end.
    const outcomes = [
      "Ready for BYODKIM",
      "BYODKIM is enabled on goo.ne.jp",
      // The demo's verify sends a test message: sent, its signature not checked, and said so.
      "the test message was sent, but its signature was not checked",
      "Hand the record below to the DNS team",
      "now signs with selector",
      "Hand the revocation record below to the DNS team",
      "Rolled back goo.ne.jp (easy-dkim).",
      "1 healthy · 0 warnings · 0 need action",
      "## Outcome",
    ];
    const at = outcomes.map((text) => result.stdout.indexOf(text));
    expect(
      at.every((index) => index >= 0),
      JSON.stringify(Object.fromEntries(outcomes.map((text, i) => [text, at[i]]))),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(result.stdout).not.toContain("BYODKIM is working");
    // Its last words name the way to rehearse by hand as it runs where the demo ran (node, by the launcher's path).
    expect(result.stdout).toContain("To rehearse step by step yourself: node bin/byodkim.js sandbox");
  });

  it("says the demo's words in Japanese with --lang ja, and carries --lang ja to every step", async () => {
    const result = await spawnCli(["demo", "--lang", "ja"], { timeoutMs: 240_000 });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("端末ではないため、各変更は --yes で確認します。");
    expect(result.stdout).toContain("猶予期間（7 日）が過ぎた状態にします");
    const steps = result.stdout.split("\n").filter((line) => line.startsWith("sandbox$ byodkim "));
    expect(steps).toHaveLength(9);
    expect(steps.every((line) => line.endsWith("--lang ja"))).toBe(true);
  });
});

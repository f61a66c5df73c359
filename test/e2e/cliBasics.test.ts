import { createServer } from "node:net";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnCli } from "../support/spawnCli.js";

describe("byodkim as a spawned process", () => {
  it("shows help", async () => {
    const result = await spawnCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("precheck");
    expect(result.stdout).toContain("--dns-server");
  });

  it("explains precheck in its own help", async () => {
    const result = await spawnCli(["precheck", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--selector");
    expect(result.stdout).toContain("changes nothing");
  });

  it("exits 2 with a usage error for an unknown command", async () => {
    const result = await spawnCli(["enabel"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command");
  });

  it.each([
    [["enable", "--bogus", "--json"], "enable", "cli.usage", "unknown option '--bogus'"],
    [["runbook", "show", "phase-7", "a", "b", "--json"], "runbook show", "cli.usage", "too many arguments"],
    [["--json"], "byodkim", "cli.noCommand", "no command given"],
    [["runbook", "--json"], "runbook", "cli.noCommand", "no command given"],
  ])("exits 2 with one error document for a command line commander refuses with --json (%j)", async (args, command, code, message) => {
    const result = await spawnCli(args);
    expect(result.code).toBe(2);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ command, ok: false, outcome: "error", error: { code, kind: "usage" } });
    expect(document.error.message).toContain(message);
  });

  it("lists the sandbox's scenarios as one document with --json", async () => {
    const result = await spawnCli(["sandbox", "--list", "--json"]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ command: "sandbox", outcome: "ok" });
    expect(document.scenarios.map((scenario: { name: string }) => scenario.name)).toContain("good");
  });

  it("exits 2, not 0, when no command is given", async () => {
    const result = await spawnCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: byodkim");
  });

  it("exits 2 and says how to start when there is no config file", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "byodkim-noconfig-"));
    const result = await spawnCli(["precheck", "goo.ne.jp"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no config file at ./byodkim.config.yaml");
    expect(result.stderr).toContain("byodkim.config.example.yaml");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 naming the config key that is wrong", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "byodkim-badconfig-"));
    await writeFile(join(cwd, "byodkim.config.yaml"), "accountId: 123\n");
    const result = await spawnCli(["precheck", "goo.ne.jp", "--json"], { cwd });
    expect(result.code).toBe(2);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ command: "precheck", ok: false, outcome: "error", error: { code: "config.invalidAndMore", kind: "config" } });
    expect(document.error.message).toContain("accountId");
  });

  it("exits 2 naming the config key, not --dns-server, for a bad dns.servers entry", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "byodkim-baddns-"));
    await writeFile(
      join(cwd, "byodkim.config.yaml"),
      'accountId: "123456789012"\nregion: ap-northeast-1\nselectorPrefix: p\nkeys: { bucket: bucket-name, key: "k/{selector}.pem" }\nstate: { secretId: s }\ndns: { servers: ["ns1 example"] }\n',
    );
    const result = await spawnCli(["precheck", "goo.ne.jp"], { cwd, env: { AWS_ENDPOINT_URL: "http://127.0.0.1:9" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("dns.servers[0]");
    expect(result.stderr).not.toContain("--dns-server");
  });

  it.each([
    ["--region", ["--region", "not a region!"], {}, '--region is "not a region!", which is not an AWS region name'],
    ["AWS_REGION", [], { AWS_REGION: "tokyo" }, 'AWS_REGION is "tokyo", which is not an AWS region name'],
  ])("exits 2 for a %s that is not a region name, before any AWS call", async (_what, args, env, text) => {
    const cwd = await mkdtemp(join(tmpdir(), "byodkim-badregion-"));
    await writeFile(
      join(cwd, "byodkim.config.yaml"),
      'accountId: "123456789012"\nselectorPrefix: p\nkeys: { bucket: bucket-name, key: "k/{selector}.pem" }\nstate: { secretId: s }\n',
    );
    // An endpoint nobody listens on: reaching AWS at all would show as a network error, not exit 2.
    const result = await spawnCli(["precheck", "goo.ne.jp", ...args], { cwd, env: { AWS_ENDPOINT_URL: "http://127.0.0.1:9", ...env } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(text);
    expect(result.stderr).not.toContain("STS");
  });

  it("exits 2 saying a --profile does not exist, and where it looked (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "byodkim-profile-"));
    await writeFile(
      join(cwd, "byodkim.config.yaml"),
      'accountId: "123456789012"\nregion: ap-northeast-1\nselectorPrefix: p\nkeys: { bucket: bucket-name, key: "k/{selector}.pem" }\nstate: { secretId: s }\n',
    );
    await writeFile(join(cwd, "aws-config"), "[profile prod]\nregion = ap-northeast-1\n");
    const env = { AWS_ENDPOINT_URL: "http://127.0.0.1:9", AWS_CONFIG_FILE: join(cwd, "aws-config"), AWS_SHARED_CREDENTIALS_FILE: join(cwd, "aws-credentials") };
    const result = await spawnCli(["precheck", "goo.ne.jp", "--profile", "nosuchprofile"], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("AWS profile nosuchprofile (--profile) does not exist");
    expect(result.stderr).toContain(join(cwd, "aws-config"));
    expect(result.stderr).toContain(join(cwd, "aws-credentials"));
    expect(result.stderr).toContain("profiles there: prod");
    expect(result.stderr).not.toContain("no AWS credentials found");
  });

  it("exits 2 for a domain that is not a domain, before any AWS call", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "byodkim-baddomain-"));
    await writeFile(
      join(cwd, "byodkim.config.yaml"),
      'accountId: "123456789012"\nregion: ap-northeast-1\nselectorPrefix: p\nkeys: { bucket: bucket-name, key: "k/{selector}.pem" }\nstate: { secretId: s }\n',
    );
    // An endpoint nobody listens on: reaching AWS at all would show as a network error, not exit 2.
    const result = await spawnCli(["precheck", "goo..jp"], { cwd, env: { AWS_ENDPOINT_URL: "http://127.0.0.1:9" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("goo..jp is not a valid domain name");
  });

  it("leaves with 130 and says nothing was changed when interrupted with Ctrl-C", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "byodkim-interrupt-"));
    await writeFile(
      join(cwd, "byodkim.config.yaml"),
      'accountId: "123456789012"\nregion: ap-northeast-1\nselectorPrefix: p\nkeys: { bucket: bucket-name, key: "k/{selector}.pem" }\nstate: { secretId: s }\n',
    );
    // An endpoint that accepts and never answers: precheck is still waiting on AWS when Ctrl-C comes.
    const sockets: import("node:net").Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as import("node:net").AddressInfo).port;
    const connected = new Promise<void>((resolve) => silent.once("connection", () => resolve()));
    try {
      const result = await spawnCli(["precheck", "goo.ne.jp", "--dns-server", "127.0.0.1:9"], {
        cwd,
        env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" },
        onSpawn: (child) => void connected.then(() => child.kill("SIGINT")),
      });
      expect(result.code).toBe(130);
      expect(result.stderr).toContain("interrupted: nothing was changed");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

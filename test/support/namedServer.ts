import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promises as dns } from "node:dns";
import { createSocket } from "node:dgram";
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export const NAMED = "/usr/sbin/named";

const onPath = (program: string) =>
  (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** Why the tests against a real named cannot run here, or undefined when they can. */
export const namedMissing: string | undefined = !existsSync(NAMED)
  ? `named is not installed (${NAMED}; Debian: apt-get install bind9)`
  : !onPath("nsupdate")
    ? "nsupdate is not installed (Debian: apt-get install bind9-dnsutils)"
    : undefined;

export interface NamedServer {
  readonly port: number;
  /** `127.0.0.1:<port>`, as dns.publish.server and --dns-server take it. */
  readonly address: string;
  readonly zone: string;
  readonly keyName: string;
  /** The TSIG secret, base64; a canary: no output may carry it. */
  readonly secret: string;
  /** The zone's SOA serial now: it moves with each update the server applied. */
  serial(): Promise<number>;
  /** named's own log (its -g output), for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

const freeTcpPort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A port free for both TCP and UDP: named listens on both. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freeTcpPort();
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket("udp4");
      socket.once("error", () => resolve(false));
      socket.bind(port, "127.0.0.1", () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error("no free port for named");
}

/**
 * A real BIND named, as the test's own user, from a temporary folder: the zone `zone` as its primary
 * on 127.0.0.1:<free port>, a TSIG key `keyName`, and the update-policy the README gives operators
 * (the key may change TXT and CNAME under _domainkey.<zone> and nothing else).
 */
export async function startNamed(options: { zone?: string; keyName?: string; algorithm?: string } = {}): Promise<NamedServer> {
  const zone = options.zone ?? "example.test";
  const keyName = options.keyName ?? "byodkim-test-key";
  const algorithm = options.algorithm ?? "hmac-sha256";
  const secret = randomBytes(32).toString("base64");
  const dir = mkdtempSync(join(tmpdir(), "byodkim-named-"));
  const port = await freePort();
  writeFileSync(
    join(dir, "zone.db"),
    [`$TTL 300`, `@ IN SOA ns1.${zone}. hostmaster.${zone}. 1 3600 600 86400 300`, `@ IN NS ns1.${zone}.`, `ns1 IN A 127.0.0.1`, ""].join("\n"),
  );
  writeFileSync(
    join(dir, "named.conf"),
    `options {
  directory "${dir}";
  listen-on port ${port} { 127.0.0.1; };
  listen-on-v6 { none; };
  pid-file "${dir}/named.pid";
  session-keyfile "${dir}/session.key";
  recursion no;
  dnssec-validation no;
  notify no;
};
controls { };
key "${keyName}" { algorithm ${algorithm}; secret "${secret}"; };
zone "${zone}" {
  type primary;
  file "${dir}/zone.db";
  update-policy { grant ${keyName} subdomain _domainkey.${zone}. TXT CNAME; };
};
`,
    { mode: 0o600 },
  );
  const child: ChildProcess = spawn(NAMED, ["-g", "-4", "-n", "1", "-c", join(dir, "named.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    log += chunk;
  });
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`named exited with ${code}:\n${log}`))));
  exited.catch(() => {});

  const resolver = new dns.Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  const serial = async () => (await resolver.resolveSoa(zone)).serial;
  // Ready when it answers for the zone: each try is a query, bounded by the attempts, not by a timer race.
  let ready = false;
  for (let attempt = 0; attempt < 100 && !ready; attempt++) {
    ready = await Promise.race([
      serial().then(
        () => true,
        () => false,
      ),
      exited,
    ]);
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!ready) {
    child.kill("SIGKILL");
    throw new Error(`named did not answer on 127.0.0.1:${port}:\n${log}`);
  }
  return {
    port,
    address: `127.0.0.1:${port}`,
    zone,
    keyName,
    secret,
    serial,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const ended = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await ended;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

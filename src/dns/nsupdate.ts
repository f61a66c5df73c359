import { spawn } from "node:child_process";
import type { DnsServerAddress } from "./dnsServerAddress.js";
import type { TsigAlgorithm, TsigSecret } from "./tsigKey.js";
import type { PublishedRecord } from "./types.js";

/** One dynamic update as nsupdate sends it: to one server, for one zone, signed with one key. */
export interface NsupdateRequest {
  readonly server: DnsServerAddress;
  /** Without the trailing dot. */
  readonly zone: string;
  readonly keyName: string;
  readonly algorithm: TsigAlgorithm;
  readonly secret: TsigSecret;
  readonly records: readonly PublishedRecord[];
  readonly ttlSeconds: number;
}

/** What came of running nsupdate; never carries the secret (its output is scrubbed before it is kept). */
export type NsupdateOutcome =
  | { readonly kind: "applied"; readonly messageId: string | undefined }
  /** The server answered with an RCODE other than NOERROR; `tsigError` is the TSIG record's error (BADSIG, BADKEY, BADTIME…). */
  | { readonly kind: "rejected"; readonly rcode: string; readonly tsigError: string | undefined; readonly said: string }
  | { readonly kind: "unreachable"; readonly reason: string; readonly said: string }
  | { readonly kind: "missing" }
  | { readonly kind: "failed"; readonly said: string };

export interface NsupdateRunner {
  /** The program to run: `nsupdate` from PATH unless told otherwise (tests point it at a missing file). */
  readonly command: string;
  /** nsupdate's own deadline for the whole update (-t) and for one UDP try (-u), in seconds. */
  readonly timeoutSeconds: number;
  /** The spawn used, so a test can see the argv and the environment the child gets. */
  readonly spawnProcess?: typeof spawn;
}

const absolute = (name: string) => `${name.replace(/\.$/, "")}.`;

// Master-file syntax (RFC 1035 §5.1): a character-string in quotes with `"` and `\` escaped, and
// anything unprintable as \DDD, so no value can end the line and start another nsupdate command.
const escapedByte = (byte: number): string => {
  if (byte === 0x22 || byte === 0x5c) return `\\${String.fromCharCode(byte)}`;
  if (byte < 0x20 || byte > 0x7e) return `\\${String(byte).padStart(3, "0")}`;
  return String.fromCharCode(byte);
};
const quoted = (text: string) => `"${[...Buffer.from(text, "utf8")].map(escapedByte).join("")}"`;

/**
 * The script on nsupdate's standard input. The `key` line is why the secret never reaches argv or
 * the environment: `-y` would put it in every `ps`. Each record deletes its name's RRset of its type
 * and adds the new one, all under one `send`: one UPDATE message, applied whole or not at all
 * (RFC 2136 §3.4).
 */
export function nsupdateScript(request: NsupdateRequest): string {
  const lines = [
    `server ${request.server.host} ${request.server.port}`,
    `zone ${absolute(request.zone)}`,
    `key ${request.algorithm}:${absolute(request.keyName)} ${request.secret.revealBase64()}`,
  ];
  for (const record of request.records) {
    const name = absolute(record.name);
    lines.push(`update delete ${name} ${record.type}`);
    const data = record.type === "TXT" ? record.strings.map(quoted).join(" ") : absolute(record.target);
    lines.push(`update add ${name} ${request.ttlSeconds} ${record.type} ${data}`);
  }
  lines.push("send", "answer", "");
  return lines.join("\n");
}

/** Runs nsupdate with the script on stdin, and reads what it said; throws only for what is not nsupdate's to say. */
export function runNsupdate(runner: NsupdateRunner, request: NsupdateRequest): Promise<NsupdateOutcome> {
  const start = runner.spawnProcess ?? spawn;
  const secret = request.secret.revealBase64();
  const scrub = (text: string) => text.split(secret).join("[TSIG secret]");
  const timeout = String(runner.timeoutSeconds);
  return new Promise((resolve) => {
    // No -d/-D: the debug output prints the signed message. LC_ALL=C keeps nsupdate's words the ones read below.
    const child = start(runner.command, ["-t", timeout, "-u", String(Math.max(1, Math.ceil(runner.timeoutSeconds / 3))), "-r", "2"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    // nsupdate keeps its own deadlines; this only ends a child that hangs past all of them.
    const guard = setTimeout(() => child.kill("SIGKILL"), (runner.timeoutSeconds * 2 + 10) * 1000);
    guard.unref();
    let settled = false;
    const settle = (outcome: NsupdateOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      resolve(outcome);
    };
    child.once("error", (err: NodeJS.ErrnoException) => {
      settle(err.code === "ENOENT" || err.code === "EACCES" ? { kind: "missing" } : { kind: "failed", said: scrub(err.code ?? "spawn failed") });
    });
    // A child that exits before reading all of its input (a syntax error) closes the pipe: its exit says why.
    child.stdin?.on("error", () => {});
    child.once("close", (code, signal) => settle(readOutcome(code, signal, scrub(stdout), scrub(stderr))));
    child.stdin?.end(nsupdateScript(request));
  });
}

/** nsupdate's words (BIND 9.18, LC_ALL=C): `update failed: NOTAUTH(BADSIG)`, `; Communication with … failed: timed out`. */
export function readOutcome(code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string): NsupdateOutcome {
  const said = stderr.trim();
  if (code === 0 && signal === null) return { kind: "applied", messageId: /opcode: UPDATE, status: NOERROR, id:\s*(\d+)/.exec(stdout)?.[1] };
  const failed = /update failed: ([A-Z]+)(?:\(([A-Z]+)\))?/.exec(said);
  if (failed) return { kind: "rejected", rcode: failed[1]!, tsigError: failed[2], said };
  const communication =
    /Communication with \S+ failed: ([^\n]+)/.exec(said) ??
    /(couldn't get address for '[^']*'[^\n]*|could not talk to specified name server|timed out|connection refused|network unreachable|host unreachable)/i.exec(
      said,
    );
  if (communication) return { kind: "unreachable", reason: communication[1]!.trim(), said };
  if (signal !== null) return { kind: "unreachable", reason: `nsupdate stopped by ${signal}`, said };
  return { kind: "failed", said: said || `nsupdate exited with ${code}` };
}

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const DOVECOT = "/usr/sbin/dovecot";
export const dovecotAbsent = !existsSync(DOVECOT);

export interface DovecotServer {
  readonly port: number;
  readonly users: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("data", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/**
 * A real IMAP server, dovecot, run from a temporary config as a process of its own: plain IMAP on
 * 127.0.0.1, users from a passwd-file, maildirs in the temporary folder. Under root (a container)
 * its mail and login processes run as nobody, since dovecot refuses root for both.
 */
export async function startDovecot(users: Record<string, string>): Promise<DovecotServer> {
  const dir = mkdtempSync(join(tmpdir(), "byodkim-dovecot-"));
  chmodSync(dir, 0o755);
  for (const sub of ["run", "state", "mail", "home"]) mkdirSync(join(dir, sub));
  const root = process.getuid?.() === 0;
  const id = (flag: string, name?: string) => Number(execFileSync("id", [flag, ...(name ? [name] : [])], { encoding: "utf8" }).trim());
  const uid = root ? id("-u", "nobody") : id("-u");
  const gid = root ? id("-g", "nobody") : id("-g");
  const userName = root ? "nobody" : execFileSync("id", ["-un"], { encoding: "utf8" }).trim();
  const groupName = execFileSync("id", ["-gn", ...(root ? ["nobody"] : [])], { encoding: "utf8" }).trim();
  if (root) for (const sub of ["mail", "home"]) chownSync(join(dir, sub), uid, gid);
  writeFileSync(
    join(dir, "passwd"),
    Object.entries(users)
      .map(([user, password]) => `${user}:{PLAIN}${password}::::::\n`)
      .join(""),
    { mode: 0o644 },
  );
  const port = await freePort();
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = byodkim-test-${port}
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
default_internal_user = ${userName}
default_internal_group = ${groupName}
default_login_user = ${userName}
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
  writeFileSync(join(dir, "dovecot.conf"), config);
  const child: ChildProcess = spawn(DOVECOT, ["-F", "-c", join(dir, "dovecot.conf")], { stdio: "ignore" });
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`dovecot exited with ${code}; see ${dir}/dovecot.log`))));
  exited.catch(() => {});
  // Ready when it greets: each try is a connection attempt, bounded by the attempts, not by a timer race.
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await Promise.race([accepts(port), exited])) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    users,
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

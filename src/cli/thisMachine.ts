import { readFileSync, readlinkSync } from "node:fs";

/**
 * Which machine a pid belongs to, beyond its host name: on Linux the boot (a reboot reuses every
 * pid) and the pid namespace (a container on host networking shares the host's name, not its pids).
 * Elsewhere the platform's name, so a host name alone decides there, as before.
 */
export function machineIdentity(): string {
  try {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const pidNamespace = readlinkSync("/proc/self/ns/pid");
    return `${boot} ${pidNamespace}`;
  } catch {
    return process.platform;
  }
}

// USER_HZ: what /proc/<pid>/stat counts a process's start in, 100 on every Linux that byodkim runs on.
const TICKS_PER_SECOND = 100;
// /proc/stat's boot time is in whole seconds, and the lock's time comes from another clock read.
const START_TOLERANCE_MS = 2_000;

/**
 * Whether the process that wrote a lock at `lockedAt` may still be running. Signal 0 asks the
 * kernel whether the pid exists without touching it (EPERM: it does, as another user's); on Linux a
 * process under that pid that started after the lock was written is another program that reused it.
 */
export function processAlive(pid: number, lockedAt: Date): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
  const startedAt = processStartMs(pid);
  return startedAt === null || startedAt <= lockedAt.getTime() + START_TOLERANCE_MS;
}

function processStartMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const startTicks = Number(fields[19]);
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1]);
    if (!Number.isFinite(startTicks) || !Number.isFinite(bootSeconds)) return null;
    return bootSeconds * 1000 + (startTicks / TICKS_PER_SECOND) * 1000;
  } catch {
    return null;
  }
}

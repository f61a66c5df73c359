import { join } from "node:path";
import { msg } from "../messages/msg.js";
import { ensureOwnFolder, readOwnFile, replaceFile } from "../state/ownFiles.js";
import type { Output } from "../ui/output.js";

/** The AWS SDK's own switch for its Node version warning; byodkim sets it so the SDK's seven lines never print. */
export const SDK_WARNING_SWITCH = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";
/** The first Node major the AWS SDK supports from January 2027, and the one the README recommends. */
export const RECOMMENDED_NODE_MAJOR = 22;
const A_DAY_MS = 86_400_000;

/** Said at most once a day: never said, said a day or more ago, or said "in the future" (a clock set back). */
export function nodeNoticeDue(lastSaid: Date | null, now: Date): boolean {
  if (lastSaid === null || Number.isNaN(lastSaid.getTime())) return true;
  const since = now.getTime() - lastSaid.getTime();
  return since >= A_DAY_MS || since < 0;
}

/** Where the time it was last said is kept: the user's state folder (XDG), else none. */
export function nodeNoticeFile(env: NodeJS.ProcessEnv): string | null {
  const xdg = env["XDG_STATE_HOME"];
  if (xdg?.startsWith("/")) return join(xdg, "byodkim", "node-version-notice");
  const home = env["HOME"];
  return home?.startsWith("/") ? join(home, ".local", "state", "byodkim", "node-version-notice") : null;
}

/**
 * One line on stderr, at most once a day, when Node is older than the SDK will support: in
 * byodkim's words, with what to do, in place of the SDK's. Quiet when the operator set the SDK's
 * switch themselves (they chose to hear nothing of it). Never fails a command: a state file that
 * cannot be read or written only means it may be said again tomorrow, never twice in one run.
 */
export function nodeVersionNotice(): (out: Output, options: NoticeOptions) => void {
  let said = false;
  return (out, options) => {
    const major = Number(/^v?(\d+)/.exec(options.nodeVersion)?.[1] ?? RECOMMENDED_NODE_MAJOR);
    if (said || options.silencedByOperator || major >= RECOMMENDED_NODE_MAJOR) return;
    said = true;
    sayUnlessSaidToday(out, options);
  };
}

interface NoticeOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly nodeVersion: string;
  readonly now: Date;
  readonly silencedByOperator: boolean;
}

function sayUnlessSaidToday(out: Output, options: NoticeOptions): void {
  const file = nodeNoticeFile(options.env);
  let lastSaid: Date | null = null;
  try {
    if (file) lastSaid = new Date(readOwnFile(file, 1024).trim());
  } catch {
    // Never said, or unreadable: say it.
  }
  if (!nodeNoticeDue(lastSaid, options.now)) return;
  out.stderr.write(
    `${out.errorColor.yellow(`! ${out.t(msg("cli.nodeVersionNotice", { version: options.nodeVersion, recommended: RECOMMENDED_NODE_MAJOR }))}`)}\n`,
  );
  try {
    if (!file) return;
    ensureOwnFolder(join(file, ".."), 0o700);
    replaceFile(file, `${options.now.toISOString()}\n`, 0o600);
  } catch {
    // A read-only home or a planted link: said once in this run, and that is all.
  }
}

/** The process's own: said at most once, whatever runs in it. */
export const sayNodeVersionNotice = nodeVersionNotice();

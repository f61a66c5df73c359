import type { AddressInfo, Socket } from "node:net";
import type { SandboxMailbox } from "./world.js";

export interface ImapMailbox {
  readonly user: string;
  readonly port: number;
  readonly deliver: SandboxMailbox;
}

export interface ImapMailboxes {
  readonly mailboxes: readonly ImapMailbox[];
  close(): Promise<void>;
}

/**
 * hoodiecrow finds its commands and plugins by a computed require(), which a bundle cannot follow:
 * each is imported here by its own name and handed to the server, plugins as functions, commands
 * through a plugin that sets their handlers. The plugins are what imapflow uses beyond IMAP4rev1.
 */
async function hoodiecrowParts() {
  const load = async (module: Promise<{ default: unknown }>) => (await module).default as (...args: never[]) => unknown;
  const plugins = await Promise.all([
    load(import("hoodiecrow-imap/lib/plugins/id.js")),
    load(import("hoodiecrow-imap/lib/plugins/idle.js")),
    load(import("hoodiecrow-imap/lib/plugins/namespace.js")),
    load(import("hoodiecrow-imap/lib/plugins/unselect.js")),
    load(import("hoodiecrow-imap/lib/plugins/enable.js")),
    load(import("hoodiecrow-imap/lib/plugins/special-use.js")),
    load(import("hoodiecrow-imap/lib/plugins/literalplus.js")),
    load(import("hoodiecrow-imap/lib/plugins/sasl-ir.js")),
    load(import("hoodiecrow-imap/lib/plugins/auth-plain.js")),
  ]);
  const commands: [string, unknown][] = await Promise.all(
    (
      [
        ["APPEND", import("hoodiecrow-imap/lib/commands/append.js")],
        ["CAPABILITY", import("hoodiecrow-imap/lib/commands/capability.js")],
        ["CHECK", import("hoodiecrow-imap/lib/commands/check.js")],
        ["CLOSE", import("hoodiecrow-imap/lib/commands/close.js")],
        ["COPY", import("hoodiecrow-imap/lib/commands/copy.js")],
        ["CREATE", import("hoodiecrow-imap/lib/commands/create.js")],
        ["DELETE", import("hoodiecrow-imap/lib/commands/delete.js")],
        ["EXAMINE", import("hoodiecrow-imap/lib/commands/examine.js")],
        ["EXPUNGE", import("hoodiecrow-imap/lib/commands/expunge.js")],
        ["FETCH", import("hoodiecrow-imap/lib/commands/fetch.js")],
        ["LIST", import("hoodiecrow-imap/lib/commands/list.js")],
        ["LOGIN", import("hoodiecrow-imap/lib/commands/login.js")],
        ["LOGOUT", import("hoodiecrow-imap/lib/commands/logout.js")],
        ["LSUB", import("hoodiecrow-imap/lib/commands/lsub.js")],
        ["NOOP", import("hoodiecrow-imap/lib/commands/noop.js")],
        ["RENAME", import("hoodiecrow-imap/lib/commands/rename.js")],
        ["SEARCH", import("hoodiecrow-imap/lib/commands/search.js")],
        ["SELECT", import("hoodiecrow-imap/lib/commands/select.js")],
        ["STATUS", import("hoodiecrow-imap/lib/commands/status.js")],
        ["STORE", import("hoodiecrow-imap/lib/commands/store.js")],
        ["SUBSCRIBE", import("hoodiecrow-imap/lib/commands/subscribe.js")],
        ["UID COPY", import("hoodiecrow-imap/lib/commands/uid copy.js")],
        ["UID FETCH", import("hoodiecrow-imap/lib/commands/uid fetch.js")],
        ["UID SEARCH", import("hoodiecrow-imap/lib/commands/uid search.js")],
        ["UID STORE", import("hoodiecrow-imap/lib/commands/uid store.js")],
        ["UNSUBSCRIBE", import("hoodiecrow-imap/lib/commands/unsubscribe.js")],
      ] as const
    ).map(async ([name, module]) => [name, await load(module)] as [string, unknown]),
  );
  const commandsPlugin = (server: { setCommandHandler(command: string, handler: unknown): void }) => {
    for (const [name, handler] of commands) server.setCommandHandler(name, handler);
  };
  return [commandsPlugin, ...plugins];
}

/**
 * One plain-IMAP server on 127.0.0.1 per user (hoodiecrow serves one account per server, whoever
 * logs in), each with an empty INBOX: where the sandbox's SES delivers `<user>@imap.sandbox.byodkim.test`.
 */
export async function startImapMailboxes(users: readonly string[], password: string): Promise<ImapMailboxes> {
  // Loaded only when a sandbox starts: byodkim's other commands never pay for an IMAP server.
  const [{ default: hoodiecrow }, plugins] = await Promise.all([import("hoodiecrow-imap"), hoodiecrowParts()]);
  const started: { user: string; server: ReturnType<typeof hoodiecrow>; sockets: Set<Socket> }[] = [];
  for (const user of users) {
    const server = hoodiecrow({
      users: { [user]: { password } },
      plugins,
      storage: { INBOX: { messages: [] }, "": { separator: "/", folders: {} } },
      // Plain IMAP on 127.0.0.1: no TLS, so no certificate (hoodiecrow reads its bundled one from beside its sources otherwise).
      credentials: {},
    });
    const sockets = new Set<Socket>();
    server.server.on("connection", (socket: Socket) => {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    started.push({ user, server, sockets });
  }
  return {
    mailboxes: started.map(({ user, server }) => ({
      user,
      port: (server.server.address() as AddressInfo).port,
      deliver: (raw, at) => void server.appendMessage("INBOX", [], at, raw.toString("utf8")),
    })),
    close: () =>
      Promise.all(
        started.map(
          ({ server, sockets }) =>
            new Promise<void>((resolve) => {
              // A client still logged in would keep the server open: the sandbox's end is the mailbox's end.
              for (const socket of sockets) socket.destroy();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}

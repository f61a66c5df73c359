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

// What imapflow asks for beyond IMAP4rev1; hoodiecrow answers the rest as a plain server.
const PLUGINS = ["ID", "IDLE", "NAMESPACE", "UNSELECT", "ENABLE", "SPECIAL-USE", "LITERALPLUS", "SASL-IR", "AUTH-PLAIN"];

/**
 * One plain-IMAP server on 127.0.0.1 per user (hoodiecrow serves one account per server, whoever
 * logs in), each with an empty INBOX: where the sandbox's SES delivers `<user>@imap.sandbox.byodkim.test`.
 */
export async function startImapMailboxes(users: readonly string[], password: string): Promise<ImapMailboxes> {
  // Loaded only when a sandbox starts: byodkim's other commands never pay for an IMAP server.
  const { default: hoodiecrow } = await import("hoodiecrow-imap");
  const started: { user: string; server: ReturnType<typeof hoodiecrow>; sockets: Set<Socket> }[] = [];
  for (const user of users) {
    const server = hoodiecrow({ users: { [user]: { password } }, plugins: PLUGINS, storage: { INBOX: { messages: [] }, "": { separator: "/", folders: {} } } });
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

// hoodiecrow-imap ships no type declarations; this covers what the sandbox's IMAP mailboxes use.
declare module "hoodiecrow-imap" {
  interface HoodiecrowServer {
    readonly server: import("node:net").Server;
    listen(port: number, host: string, callback: () => void): void;
    close(callback?: () => void): void;
    appendMessage(mailbox: string, flags: string[], internaldate: Date | string, raw: string): unknown;
    setCommandHandler(command: string, handler: unknown): void;
  }
  function hoodiecrow(options: {
    users: Record<string, { password: string }>;
    /** Functions taking the server (a plugin), as the names hoodiecrow resolves itself cannot be bundled. */
    plugins?: readonly unknown[];
    storage?: Record<string, unknown>;
    debug?: boolean;
    credentials?: { key?: Buffer; cert?: Buffer };
  }): HoodiecrowServer;
  export default hoodiecrow;
}

// Its command and plugin modules, each a CommonJS function (a command handler, or a plugin taking the server).
declare module "hoodiecrow-imap/lib/*" {
  const handler: (...args: never[]) => unknown;
  export default handler;
}

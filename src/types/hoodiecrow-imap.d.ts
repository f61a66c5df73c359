// hoodiecrow-imap ships no type declarations; this covers what the sandbox's IMAP mailboxes use.
declare module "hoodiecrow-imap" {
  interface HoodiecrowServer {
    readonly server: import("node:net").Server;
    listen(port: number, host: string, callback: () => void): void;
    close(callback?: () => void): void;
    appendMessage(mailbox: string, flags: string[], internaldate: Date | string, raw: string): unknown;
  }
  function hoodiecrow(options: {
    users: Record<string, { password: string }>;
    plugins?: string[];
    storage?: Record<string, unknown>;
    debug?: boolean;
  }): HoodiecrowServer;
  export default hoodiecrow;
}

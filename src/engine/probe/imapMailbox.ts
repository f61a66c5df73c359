import type { ImapFlow } from "imapflow";
import { byodkimError } from "../../errors.js";
import type { ImapPassword, ProbeMailbox } from "./probeMailbox.js";
import { carriesToken, PROBE_HEADER } from "./probeMessage.js";

export interface ImapLocation {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string;
}

/** A probe mailbox should answer in seconds; the probe's own timeout bounds the whole wait. */
const IMAP_TIMEOUT_MS = 15_000;

/**
 * The INBOX of an IMAP mailbox, searched by the probe's header (RFC 9051 §6.4.4 SEARCH HEADER).
 * One connection per look: a receiver's server drops idle clients, and a probe looks every few seconds.
 */
export function imapMailbox(location: ImapLocation, password: () => Promise<ImapPassword>): ProbeMailbox {
  const where = `${location.host}:${location.port}`;
  async function withInbox<T>(use: (client: ImapFlow) => Promise<T>): Promise<T> {
    const { ImapFlow } = await import("imapflow");
    const client = new ImapFlow({
      host: location.host,
      port: location.port,
      secure: location.secure,
      auth: { user: location.user, pass: (await password()).reveal() },
      // imapflow's logger would print the LOGIN command; the operator sees byodkim's own words only.
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: IMAP_TIMEOUT_MS,
      greetingTimeout: IMAP_TIMEOUT_MS,
      socketTimeout: IMAP_TIMEOUT_MS,
    });
    client.on("error", () => {});
    try {
      await client.connect();
    } catch (err) {
      throw imapFailure(err, where, location.user);
    }
    try {
      const lock = await client.getMailboxLock("INBOX");
      try {
        return await use(client);
      } finally {
        lock.release();
      }
    } catch (err) {
      throw imapFailure(err, where, location.user);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
  return {
    prepare: () => withInbox(async () => undefined),
    find: (token) =>
      withInbox(async (client) => {
        const uids = (await client.search({ header: { [PROBE_HEADER]: token } }, { uid: true })) || [];
        // Newest first: a probe resent under the same token is the same probe.
        for (const uid of [...uids].sort((a, b) => b - a)) {
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (message && message.source !== undefined && carriesToken(message.source, token)) return { raw: message.source, where: `UID ${uid}` };
        }
        return null;
      }),
    async close() {},
  };
}

function imapFailure(err: unknown, where: string, user: string) {
  const error = err as { authenticationFailed?: boolean; code?: string; message?: string; responseText?: string };
  if (error.authenticationFailed) return byodkimError("aws", "probe.imap.loginFailed", { where, user }, "probe.imap.loginFailed.hint");
  const reason = error.code ?? error.responseText ?? error.message ?? "unknown";
  return byodkimError("aws", "probe.imap.unreachable", { where, reason: String(reason).slice(0, 200) }, "probe.imap.unreachable.hint");
}

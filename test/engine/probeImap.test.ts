import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeConfig } from "../../src/config/probeConfig.js";
import { imapMailbox } from "../../src/engine/probe/imapMailbox.js";
import { runProbes } from "../../src/engine/probe/probe.js";
import { ImapPassword } from "../../src/engine/probe/probeMailbox.js";
import { type DovecotServer, dovecotAbsent, startDovecot } from "../support/dovecot.js";
import { DOMAIN, fakeWorld, SELECTOR } from "../support/fakeWorld.js";
import { asReceived, dkimSigned } from "../support/receivedMail.js";

const PASSWORD = "imap-pass-7Qx9";
const SECRET = "byodkim/imap-probe";

if (dovecotAbsent) console.warn("dovecot is not installed (/usr/sbin/dovecot): the IMAP read-back tests are skipped");

describe.skipIf(dovecotAbsent)("the probe, read back over IMAP from a real IMAP server (dovecot)", () => {
  let server: DovecotServer;
  beforeAll(async () => {
    server = await startDovecot({ probe: PASSWORD, docomo: PASSWORD });
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Delivers a message into a user's INBOX, as the receiving server would. */
  async function deliver(user: string, raw: string) {
    const client = new ImapFlow({ host: "127.0.0.1", port: server.port, secure: false, auth: { user, pass: PASSWORD }, logger: false });
    await client.connect();
    await client.append("INBOX", raw);
    await client.logout();
  }

  function world(user = "probe") {
    const w = fakeWorld();
    const probe: ProbeConfig = {
      from: "byodkim-probe@{domain}",
      targets: [
        {
          name: "imap",
          to: `${user}@imap.example.jp`,
          readBack: { kind: "imap", host: "127.0.0.1", port: server.port, secure: false, user, passwordSecret: SECRET },
        },
      ],
    };
    const ctx = {
      ...w.ctx,
      config: { ...w.ctx.config, probe },
      aws: {
        ...w.ctx.aws,
        state: {
          ...w.ctx.aws.state,
          readStateSecret: async (secretId: string) =>
            secretId === SECRET ? { secretId, versionId: "v1", text: JSON.stringify({ password: PASSWORD }) } : null,
        },
      },
    };
    return { ...w, ctx };
  }

  it("byodkim's reader finds an appended message by its header, among others, and returns its source", async () => {
    await deliver("docomo", "From: a@example.org\r\nSubject: other\r\nX-Byodkim-Probe: 1111111111111111\r\n\r\nnot ours\r\n");
    const signed = await dkimSigned(
      asReceived({
        from: `p@${DOMAIN}`,
        to: "docomo@x",
        subject: "byodkim probe 2222222222222222",
        body: "hello",
        headers: { "X-Byodkim-Probe": "2222222222222222" },
      }),
      DOMAIN,
      SELECTOR,
      fakeWorld().key.pem,
    );
    await deliver("docomo", signed);
    const mailbox = imapMailbox({ host: "127.0.0.1", port: server.port, secure: false, user: "docomo" }, async () => new ImapPassword(PASSWORD));
    await mailbox.prepare();
    const found = await mailbox.find("2222222222222222");
    expect(found?.raw.toString("utf8").replace(/\r\n/g, "\n")).toBe(signed.replace(/\r\n/g, "\n"));
    expect(await mailbox.find("3333333333333333")).toBeNull();
  });

  it("verify's probe: sent, delivered to the IMAP mailbox, read back and judged pass", async () => {
    const w = world();
    w.onSend(async (email) => deliver("probe", await dkimSigned(asReceived(email), DOMAIN, SELECTOR, w.key.pem)));
    const [result] = await runProbes(w.ctx, { domain: DOMAIN, selector: SELECTOR }, 120);
    expect(result).toMatchObject({ outcome: "pass", readBack: "imap", foundAt: expect.stringMatching(/^UID \d+$/) });
    expect(result!.signatures).toEqual([{ domain: DOMAIN, selector: SELECTOR, result: "pass", comment: undefined, aligned: true }]);
  });

  it("a refused login is said plainly, nothing is sent, and the password appears nowhere", async () => {
    const w = world();
    const ctx = {
      ...w.ctx,
      aws: {
        ...w.ctx.aws,
        state: { ...w.ctx.aws.state, readStateSecret: async (secretId: string) => ({ secretId, versionId: "v1", text: "wrong-password-Zk2" }) },
      },
    };
    const [result] = await runProbes(ctx, { domain: DOMAIN, selector: SELECTOR }, 120);
    expect(result).toMatchObject({ outcome: "unreadable", problem: { key: "probe.imap.loginFailed", params: { user: "probe" } } });
    expect(w.sentEmails).toEqual([]);
    expect(JSON.stringify([result, w.events])).not.toMatch(/wrong-password-Zk2|imap-pass-7Qx9/);
    expect(String(new ImapPassword(PASSWORD))).toBe("[IMAP password]");
    expect(JSON.stringify({ password: new ImapPassword(PASSWORD) })).not.toContain(PASSWORD);
  });
});

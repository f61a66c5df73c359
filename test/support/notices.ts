import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { NoticeFacts } from "../../src/notify/notice.js";

/** An enable's change-confirmed notice, as the pipeline builds it: the base the notice tests vary. */
export const CONFIRMED_NOTICE: NoticeFacts = {
  event: "change-confirmed",
  command: "enable",
  domain: "goo.ne.jp",
  selector: "gooid-21-pro-20250917-3",
  region: "ap-northeast-1",
  account: "123456789012",
  operator: "arn:aws:sts::123456789012:assumed-role/MailOps/operator",
  outcome: null,
  plan: "PutEmailIdentityDkimSigningAttributes ⇒ EXTERNAL, gooid-21-pro-20250917-3, signing on",
  summary: null,
  sesNow: null,
  rollbackCommand: null,
  dnsRecordsNeeded: [],
  at: "2026-12-01T12:00:00.000Z",
};

/** A webhook URL on a port nobody listens on (the connection is refused), its path holding a token as Slack's do. */
export async function refusedWebhookUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/services/T0/B0/secret-token`;
}

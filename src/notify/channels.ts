import type { SnsPort } from "../aws/types.js";
import type { NotifyConfig } from "../config/config.js";
import { createTranslator } from "../messages/catalogue.js";
import { formatPeopleTime } from "../messages/peopleTime.js";
import { noticeTarget } from "./notice.js";
import { type NoticeTime, snsNotice, webhookBody } from "./noticeFormats.js";
import { NoChannelClient, type NoticeChannel, WebhookStatusError } from "./notifier.js";

/** One HTTPS POST of a JSON body; resolves to the HTTP status. */
export type WebhookPost = (url: string, body: string, signal: AbortSignal) => Promise<number>;

export const postWithFetch: WebhookPost = async (url, body, signal) => {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body, signal, redirect: "error" });
  // The body is not read into anything: a receiver's answer is only its status.
  await response.body?.cancel().catch(() => {});
  return response.status;
};

/** The zone a notice's readers see times in (resolveTimeZone for the notice's language), and the clock for deadlines. */
export interface NoticeTimeZone {
  readonly zone: string;
  readonly now: () => Date;
}

/** The configured targets, each knowing how to reach its receiver in the notice language (and its readers' zone, when given). */
export function noticeChannels(
  notify: NotifyConfig,
  ports: { readonly sns: SnsPort | undefined; readonly post: WebhookPost },
  people?: NoticeTimeZone,
): NoticeChannel[] {
  const t = createTranslator(notify.lang, undefined, people && { zone: () => people.zone, now: people.now });
  const when: NoticeTime | undefined = people && ((iso) => formatPeopleTime(iso, people.zone, notify.lang, people.now(), { seconds: true }));
  const topics = notify.sns.map(
    (topicArn): NoticeChannel => ({
      target: noticeTarget({ sns: topicArn }),
      async send(facts, signal) {
        if (!ports.sns) throw new NoChannelClient();
        const { subject, message } = snsNotice(facts, t, when);
        await ports.sns.publish(topicArn, subject, message, signal);
      },
    }),
  );
  const hooks = notify.webhooks.map(
    ({ url, format, name }): NoticeChannel => ({
      target: noticeTarget({ webhook: url, name }),
      async send(facts, signal) {
        const status = await ports.post(url, JSON.stringify(webhookBody(format, facts, t, when)), signal);
        if (status < 200 || status > 299) throw new WebhookStatusError(status);
      },
    }),
  );
  return [...topics, ...hooks];
}

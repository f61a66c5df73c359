import { NO_NOTIFY, type NotifyConfig, WEBHOOK_FORMATS, type WebhookFormat } from "./config.js";
import type { ConfigReader } from "./configReader.js";

/** arn:aws:sns:<region>:<account>:<topic> (also aws-cn, aws-us-gov); the region is where the topic is published to. */
const TOPIC_ARN = /^arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/** The region a topic ARN names. */
export const topicRegion = (arn: string): string => arn.split(":")[3] ?? "";

/**
 * A webhook URL must be https: it carries a token. Plain http only to this machine, where a test
 * (or a local relay) listens and nothing crosses a network.
 */
export function isWebhookUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return url.hostname.length > 0;
  return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost");
}

/** A target's name is shown in tables and journal lines: one short line, no control characters. */
export const isTargetName = (text: string): boolean => text.trim() === text && text.length > 0 && text.length <= 40 && !/\p{Cc}/u.test(text);
const NAME_EXPECTED = "a short name of 1 to 40 characters, without leading or trailing spaces";

const WEBHOOK_EXPECTED = "an https URL (http only for 127.0.0.1 or localhost)";

export function readNotify(read: ConfigReader): NotifyConfig {
  if (!read.mapping("notify", "a mapping with sns, webhooks and lang", ["sns", "webhooks", "lang"])) return NO_NOTIFY;
  const lang = read.optionalString("notify.lang", "en or ja", (s) => s === "en" || s === "ja") ?? "en";
  const sns = read.value("notify.sns");
  const topics: string[] = [];
  if (sns !== undefined && sns !== null) {
    if (!Array.isArray(sns)) read.problem("notify.sns", "a list of SNS topic ARNs");
    else
      sns.forEach((arn: unknown, index) => {
        if (typeof arn === "string" && TOPIC_ARN.test(arn)) topics.push(arn);
        else read.problem(`notify.sns[${index}]`, "an SNS topic ARN such as arn:aws:sns:ap-northeast-1:123456789012:dkim-changes");
      });
  }
  const webhooks: { url: string; format: WebhookFormat; name?: string }[] = [];
  const named = new Map<string, string>();
  for (const at of read.mappings("notify.webhooks", "a list of { url, format }", "a mapping with url and format", ["url", "format", "name"])) {
    // The URL itself is never repeated in a problem: it holds the webhook's token.
    const url = read.string(`${at}.url`, WEBHOOK_EXPECTED, isWebhookUrl);
    const format = read.string(`${at}.format`, `one of: ${WEBHOOK_FORMATS.join(", ")}`, (s) => WEBHOOK_FORMATS.includes(s as WebhookFormat));
    const name = read.optionalString(`${at}.name`, NAME_EXPECTED, isTargetName);
    if (name !== undefined && isTargetName(name)) {
      // Two webhooks on one host look alike but for their names, so a name must tell them apart.
      const first = named.get(name);
      if (first !== undefined) read.problem(`${at}.name`, `a name no other target has (${first}.name is also "${name}")`);
      else named.set(name, at);
    }
    if (isWebhookUrl(url) && WEBHOOK_FORMATS.includes(format as WebhookFormat))
      webhooks.push({ url, format: format as WebhookFormat, ...(name !== undefined && isTargetName(name) ? { name } : {}) });
  }
  return { sns: topics, webhooks, lang: lang as NotifyConfig["lang"] };
}

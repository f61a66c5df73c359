import type { InboundMailPort } from "../../aws/types.js";
import { carriesToken } from "./probeMessage.js";
import type { ProbeMailbox } from "./probeMailbox.js";

/**
 * The prefix an SES receipt rule stores mail under. S3 cannot search a body, so each new object is
 * read once, newest first; what was there before the probe went out is never read at all. Going by
 * the listing rather than LastModified keeps a skewed local clock from hiding the probe.
 */
export function s3Mailbox(port: InboundMailPort, bucket: string, prefix: string): ProbeMailbox {
  const seen = new Set<string>();
  return {
    async prepare() {
      for (const object of await port.listMessages(bucket, prefix)) seen.add(object.key);
    },
    async find(token) {
      const fresh = (await port.listMessages(bucket, prefix))
        .filter((object) => !seen.has(object.key))
        .sort((a, b) => (b.lastModified ?? "").localeCompare(a.lastModified ?? ""));
      for (const object of fresh) {
        const raw = await port.readMessage(bucket, object.key);
        // A message still being written is listed later again; one read and not ours never is.
        if (raw === null) continue;
        seen.add(object.key);
        if (carriesToken(raw, token)) return { raw, where: object.key };
      }
      return null;
    },
    async close() {},
  };
}

import type { S3Client } from "@aws-sdk/client-s3";
import { listObjects, readObjectWithin } from "./s3.js";
import type { InboundMailPort, InboundMessageListing } from "./types.js";

/**
 * A probe is a few kilobytes. Another message under the same prefix may be 40 MB (SES receiving's
 * limit); it cannot be the probe, so it is not read at all.
 */
export const MAX_PROBE_MESSAGE_BYTES = 1024 * 1024;

/** Mail an SES receipt rule stored in S3 (its action "S3"), read by the probe. */
export function createInboundMailPort(client: () => Promise<S3Client>): InboundMailPort {
  return {
    listMessages: async (bucket, prefix): Promise<InboundMessageListing[]> =>
      (await listObjects(client, bucket, prefix)).map((object) => ({ key: object.Key!, lastModified: object.LastModified?.toISOString(), size: object.Size })),
    readMessage: (bucket, key) =>
      readObjectWithin(client, bucket, key, MAX_PROBE_MESSAGE_BYTES, {
        body: async (body) => Buffer.from((await body?.transformToByteArray()) ?? new Uint8Array()),
        tooLarge: () => null,
      }),
  };
}

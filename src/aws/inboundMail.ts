import type { S3Client } from "@aws-sdk/client-s3";
import { callAws, callAwsOrNull } from "./awsErrors.js";
import { isMissing, objectArn } from "./s3Conditions.js";
import type { InboundMailPort, InboundMessageListing } from "./types.js";

/**
 * A probe is a few kilobytes. Another message under the same prefix may be 40 MB (SES receiving's
 * limit); it cannot be the probe, so it is not read at all.
 */
export const MAX_PROBE_MESSAGE_BYTES = 1024 * 1024;

/** Mail an SES receipt rule stored in S3 (its action "S3"), read by the probe. */
export function createInboundMailPort(client: () => Promise<S3Client>): InboundMailPort {
  return {
    async listMessages(bucket, prefix) {
      const { ListObjectsV2Command } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:ListBucket", resource: `arn:aws:s3:::${bucket}` } as const;
      const found: InboundMessageListing[] = [];
      let token: string | undefined;
      do {
        const page = await callAws(context, async () =>
          (await client()).send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })),
        );
        for (const object of page.Contents ?? [])
          if (object.Key) found.push({ key: object.Key, lastModified: object.LastModified?.toISOString(), size: object.Size });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return found;
    },

    async readMessage(bucket, key) {
      const { GetObjectCommand } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:GetObject", resource: objectArn(bucket, key) } as const;
      const response = await callAwsOrNull(context, isMissing, async () => (await client()).send(new GetObjectCommand({ Bucket: bucket, Key: key })));
      if (response === null) return null;
      if ((response.ContentLength ?? 0) > MAX_PROBE_MESSAGE_BYTES) {
        (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
        return null;
      }
      return callAws(context, async () => Buffer.from((await response.Body?.transformToByteArray()) ?? new Uint8Array()));
    },
  };
}

import type { S3Client } from "@aws-sdk/client-s3";
import { callAws } from "./awsErrors.js";
import { listObjectKeys, readObjectWithin } from "./s3.js";
import { objectArn } from "./s3Conditions.js";
import type { JournalMirrorPort } from "./types.js";

/**
 * The journal's copy in S3. The body is the journal file as written, which already holds no key
 * material (entries pass through JSON.stringify, where a key serialises as its redaction).
 */
export function createJournalMirrorPort(client: () => Promise<S3Client>): JournalMirrorPort {
  return {
    async put(bucket, key, text) {
      const { PutObjectCommand } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:PutObject", resource: objectArn(bucket, key) } as const;
      await callAws(context, async () =>
        (await client()).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: "application/x-ndjson" })),
      );
    },
    list: (bucket, prefix) => listObjectKeys(client, bucket, prefix),
    read: (bucket, key, maxBytes) =>
      readObjectWithin<string | null>(client, bucket, key, maxBytes, {
        body: async (body) => (await body?.transformToString("utf8")) ?? "",
        // Far larger than a journal: not one byodkim wrote, and not read.
        tooLarge: () => null,
      }),
  };
}

import type { S3Client } from "@aws-sdk/client-s3";
import { callAwsOrNull } from "./awsErrors.js";
import { listObjectKeys, readSmallObject, SMALL_OBJECT_LIMITS } from "./s3.js";
import { conditionFailed, objectArn } from "./s3Conditions.js";
import { MUTATING_CALL } from "./timeouts.js";
import type { CampaignStorePort } from "./types.js";

/**
 * Plans and approvals as S3 objects, each created once with `If-None-Match: *` and never replaced:
 * an approval names the plan's bytes, so those bytes must be the only ones ever stored at its key.
 * Not encrypted with the key objects' KMS key: a plan holds public keys and ARNs, nothing secret,
 * and the bucket's default encryption applies.
 */
export function createCampaignStorePort(client: () => Promise<S3Client>): CampaignStorePort {
  return {
    async writeNew(bucket, key, text) {
      const { PutObjectCommand } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:PutObject", resource: objectArn(bucket, key), mutating: true } as const;
      const response = await callAwsOrNull(context, conditionFailed, async () =>
        (await client()).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: "application/json", IfNoneMatch: "*" }), MUTATING_CALL),
      );
      if (response === null) return null;
      return { requestId: response.$metadata.requestId, etag: response.ETag };
    },

    read: (bucket, key) => readSmallObject(client, bucket, key, SMALL_OBJECT_LIMITS.campaignRecord, (text, etag) => ({ text, etag })),

    list: (bucket, prefix) => listObjectKeys(client, bucket, prefix),
  };
}

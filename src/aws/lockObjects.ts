import type { S3Client } from "@aws-sdk/client-s3";
import { callAwsOrNull } from "./awsErrors.js";
import { readSmallObject, SMALL_OBJECT_LIMITS } from "./s3.js";
import { conditionFailed, isMissing, objectArn } from "./s3Conditions.js";
import { MUTATING_CALL } from "./timeouts.js";
import type { LockStorePort } from "./types.js";

/** The change lock as one S3 object, written and deleted only under S3's conditional headers. */
export function createLockStorePort(client: () => Promise<S3Client>): LockStorePort {
  return {
    readLock: (bucket, key) =>
      readSmallObject(client, bucket, key, SMALL_OBJECT_LIMITS.lock, (text, etag) => {
        // Without its ETag a takeover could not be made conditional: better no lock than a blind overwrite.
        if (!etag) throw Object.assign(new Error("no ETag"), { name: "MissingETag" });
        return { text, etag };
      }),

    async writeLock(bucket, key, text, condition) {
      const { PutObjectCommand } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:PutObject", resource: objectArn(bucket, key) } as const;
      const precondition = "ifAbsent" in condition ? { IfNoneMatch: "*" } : { IfMatch: condition.ifEtag };
      const response = await callAwsOrNull(
        context,
        (err) => conditionFailed(err) || isMissing(err),
        async () =>
          (await client()).send(
            new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: "application/json", ...precondition }),
            MUTATING_CALL,
          ),
      );
      if (response === null) return null;
      return { requestId: response.$metadata.requestId, etag: response.ETag ?? "" };
    },

    async deleteLock(bucket, key, etag) {
      const { DeleteObjectCommand } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:DeleteObject", resource: objectArn(bucket, key) } as const;
      const response = await callAwsOrNull(
        context,
        (err) => conditionFailed(err) || isMissing(err),
        async () => (await client()).send(new DeleteObjectCommand({ Bucket: bucket, Key: key, IfMatch: etag }), MUTATING_CALL),
      );
      return response !== null;
    },
  };
}

import type { S3Client } from "@aws-sdk/client-s3";
import { PrivateKeyPem } from "../dkim/privateKeyMaterial.js";
import { byodkimError } from "../errors.js";
import { callAws, callAwsOrNull, errorName, httpStatus } from "./awsErrors.js";
import type { KeyStorePort } from "./types.js";

/** A PEM RSA key is under 2 KB; anything far larger is the wrong object, and is not read. */
export const MAX_KEY_OBJECT_BYTES = 64 * 1024;

export const isMissing = (err: unknown) => errorName(err) === "NoSuchKey" || errorName(err) === "NotFound" || httpStatus(err) === 404;

export function createKeyStorePort(client: () => Promise<S3Client>): KeyStorePort {
  return {
    async listKeys(bucket, prefix) {
      const { ListObjectsV2Command } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:ListBucket", resource: `arn:aws:s3:::${bucket}` } as const;
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await callAws(context, async () =>
          (await client()).send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })),
        );
        for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },

    fetchPrivateKeyPem: (bucket, key) => readSmallObject(client, bucket, key, (text) => new PrivateKeyPem(text)),
  };
}

/**
 * A small object (a key file, the lock), or null when it is not there. One far larger than a key
 * file is the wrong object and is refused unread; the text goes straight into `wrap`, so a key
 * is a PrivateKeyPem from its first moment.
 */
export async function readSmallObject<T>(
  client: () => Promise<S3Client>,
  bucket: string,
  key: string,
  wrap: (text: string, etag: string | undefined) => T,
): Promise<T | null> {
  const { GetObjectCommand } = await import("@aws-sdk/client-s3");
  const context = { service: "S3", action: "s3:GetObject", resource: `arn:aws:s3:::${bucket}/${key}` } as const;
  const response = await callAwsOrNull(context, isMissing, async () => (await client()).send(new GetObjectCommand({ Bucket: bucket, Key: key })));
  if (response === null) return null;
  return callAws(context, async () => {
    const size = response.ContentLength ?? 0;
    if (size > MAX_KEY_OBJECT_BYTES) {
      (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw byodkimError("input", "aws.objectTooLarge", { bucket, key, size }, "aws.objectTooLarge.hint");
    }
    return wrap((await response.Body?.transformToString("utf8")) ?? "", response.ETag);
  });
}

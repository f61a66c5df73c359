import type { S3Client } from "@aws-sdk/client-s3";
import { PrivateKeyPem } from "../dkim/privateKeyMaterial.js";
import { byodkimError } from "../errors.js";
import { callAws, callAwsOrNull, errorName, httpStatus } from "./awsErrors.js";
import type { KeyStorePort } from "./types.js";

/** A PEM RSA key is under 2 KB; anything far larger is the wrong object, and is not read. */
export const MAX_KEY_OBJECT_BYTES = 64 * 1024;

const isMissing = (err: unknown) => errorName(err) === "NoSuchKey" || errorName(err) === "NotFound" || httpStatus(err) === 404;

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

    async fetchPrivateKeyPem(bucket, key) {
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
        const text = (await response.Body?.transformToString("utf8")) ?? "";
        return new PrivateKeyPem(text);
      });
    },
  };
}

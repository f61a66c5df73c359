import type { S3Client } from "@aws-sdk/client-s3";
import { PrivateKeyPem } from "../dkim/privateKeyMaterial.js";
import { byodkimError } from "../errors.js";
import { callAws, callAwsOrNull, errorName, httpStatus } from "./awsErrors.js";
import { MUTATING_CALL } from "./timeouts.js";
import type { KeyStorePort } from "./types.js";

/** A PEM RSA key is under 2 KB; anything far larger is the wrong object, and is not read. */
export const MAX_KEY_OBJECT_BYTES = 64 * 1024;

export const isMissing = (err: unknown) => errorName(err) === "NoSuchKey" || errorName(err) === "NotFound" || httpStatus(err) === 404;

/** S3's answer when `If-None-Match: *` finds an object already there (409: another conditional write is in flight). */
const alreadyThere = (err: unknown) =>
  httpStatus(err) === 412 || httpStatus(err) === 409 || errorName(err) === "PreconditionFailed" || errorName(err) === "ConditionalRequestConflict";

const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

const tagSet = (tags: Readonly<Record<string, string>>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/**
 * `x-amz-tagging` is "URL query parameters". A space goes as %20, never URLSearchParams' `+`:
 * %20 is a space to every URL decoder, `+` only to form decoders, and `+` is itself a legal tag character.
 */
const taggingHeader = (tags: Readonly<Record<string, string>>) =>
  Object.entries(tags)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");

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

    async describeKeyObject(bucket, key) {
      const { HeadObjectCommand } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:GetObject", resource: objectArn(bucket, key) } as const;
      const head = await callAwsOrNull(context, isMissing, async () => (await client()).send(new HeadObjectCommand({ Bucket: bucket, Key: key })));
      if (head === null) return null;
      return {
        etag: head.ETag,
        serverSideEncryption: head.ServerSideEncryption,
        kmsKeyId: head.SSEKMSKeyId,
        lastModified: head.LastModified?.toISOString(),
      };
    },

    async putNewKey(bucket, key, pem, options) {
      const { PutObjectCommand } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:PutObject", resource: objectArn(bucket, key), mutating: true } as const;
      const encryption =
        options.kmsKeyId !== undefined
          ? { ServerSideEncryption: "aws:kms" as const, SSEKMSKeyId: options.kmsKeyId }
          : { ServerSideEncryption: "AES256" as const };
      const response = await callAwsOrNull(context, alreadyThere, async () =>
        (await client()).send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            // The one place a new private key leaves its wrapper: into S3, encrypted at rest.
            Body: pem.revealPem(),
            ContentType: "application/x-pem-file",
            IfNoneMatch: "*",
            Tagging: taggingHeader(options.tags),
            ...encryption,
          }),
          MUTATING_CALL,
        ),
      );
      if (response === null) return null;
      return { requestId: response.$metadata.requestId, etag: response.ETag };
    },

    async getKeyTags(bucket, key) {
      const { GetObjectTaggingCommand } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:GetObjectTagging", resource: objectArn(bucket, key) } as const;
      const response = await callAwsOrNull(context, isMissing, async () => (await client()).send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key })));
      if (response === null) return null;
      return Object.fromEntries((response.TagSet ?? []).flatMap((tag) => (tag.Key !== undefined ? [[tag.Key, tag.Value ?? ""]] : [])));
    },

    async putKeyTags(bucket, key, tags) {
      const { PutObjectTaggingCommand } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:PutObjectTagging", resource: objectArn(bucket, key), mutating: true } as const;
      const response = await callAws(context, async () =>
        (await client()).send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet: tagSet(tags) } }), MUTATING_CALL),
      );
      return { requestId: response.$metadata.requestId };
    },

    async deleteKey(bucket, key, ifEtag) {
      const { DeleteObjectCommand } = await import("@aws-sdk/client-s3");
      const context = { service: "S3", action: "s3:DeleteObject", resource: objectArn(bucket, key), mutating: true } as const;
      const command = new DeleteObjectCommand({ Bucket: bucket, Key: key, ...(ifEtag !== undefined ? { IfMatch: ifEtag } : {}) });
      const response = await callAws(context, async () => (await client()).send(command, MUTATING_CALL));
      return { requestId: response.$metadata.requestId };
    },
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

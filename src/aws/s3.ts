import type { _Object, GetObjectCommandOutput, S3Client } from "@aws-sdk/client-s3";
import { PrivateKeyPem } from "../dkim/privateKeyMaterial.js";
import { type ByodkimError, byodkimError } from "../errors.js";
import { callAws, callAwsOrNull } from "./awsErrors.js";
import { conditionFailed, isMissing, objectArn } from "./s3Conditions.js";
import { MUTATING_CALL } from "./timeouts.js";
import type { KeyStorePort, ReportObjectsPort } from "./types.js";

/** A PEM RSA key is under 2 KB; anything far larger is the wrong object, and is not read. */
export const MAX_KEY_OBJECT_BYTES = 64 * 1024;

/** How large an object byodkim reads may be, and the sentence that refuses a larger one unread. */
export interface ObjectSizeLimit {
  readonly maxBytes: number;
  readonly tooLarge: (found: { bucket: string; key: string; size: number }) => ByodkimError;
}

const keyFileLimit: ObjectSizeLimit = {
  maxBytes: MAX_KEY_OBJECT_BYTES,
  tooLarge: (found) => byodkimError("input", "aws.objectTooLarge", found, "aws.objectTooLarge.hint"),
};

/**
 * A key file and the lock are a few hundred bytes to 2 KB. A plan lists every target with the DNS
 * records still to publish (a 2048-bit key's TXT record is about 400 bytes), so a fleet's plan can
 * reach a megabyte; 4 MB leaves room and still refuses a wrong object before it fills memory.
 */
export const SMALL_OBJECT_LIMITS = {
  key: keyFileLimit,
  lock: keyFileLimit,
  campaignRecord: {
    maxBytes: 4 * 1024 * 1024,
    tooLarge: (found) => byodkimError("input", "aws.campaignRecordTooLarge", { ...found, max: 4 * 1024 * 1024 }, "aws.campaignRecordTooLarge.hint"),
  },
} as const satisfies Record<string, ObjectSizeLimit>;

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
    listKeys: (bucket, prefix) => listObjectKeys(client, bucket, prefix),

    fetchPrivateKeyPem: (bucket, key) => readSmallObject(client, bucket, key, SMALL_OBJECT_LIMITS.key, (text) => new PrivateKeyPem(text)),

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
      const response = await callAwsOrNull(context, conditionFailed, async () =>
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

/** Every object under `prefix`, all pages, as S3 lists it (key, LastModified, size). */
export async function listObjects(client: () => Promise<S3Client>, bucket: string, prefix: string): Promise<_Object[]> {
  const { ListObjectsV2Command } = await import("@aws-sdk/client-s3");
  const context = { service: "S3", action: "s3:ListBucket", resource: `arn:aws:s3:::${bucket}` } as const;
  const objects: _Object[] = [];
  let token: string | undefined;
  do {
    const page = await callAws(context, async () =>
      (await client()).send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })),
    );
    objects.push(...(page.Contents ?? []).filter((object) => object.Key));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** Every object key under `prefix`, all pages. */
export async function listObjectKeys(client: () => Promise<S3Client>, bucket: string, prefix: string): Promise<string[]> {
  return (await listObjects(client, bucket, prefix)).map((object) => object.Key!);
}

/**
 * An object no larger than `maxBytes`, or null when it is not there. A larger one is the wrong
 * object for the reader and is never read: `tooLarge` says what then (throw, or an answer).
 */
export async function readObjectWithin<T>(
  client: () => Promise<S3Client>,
  bucket: string,
  key: string,
  maxBytes: number,
  read: { body: (body: StreamingBody, etag: string | undefined) => Promise<T>; tooLarge: (size: number) => T },
): Promise<T | null> {
  const { GetObjectCommand } = await import("@aws-sdk/client-s3");
  const context = { service: "S3", action: "s3:GetObject", resource: objectArn(bucket, key) } as const;
  const response = await callAwsOrNull(context, isMissing, async () => (await client()).send(new GetObjectCommand({ Bucket: bucket, Key: key })));
  if (response === null) return null;
  return callAws(context, async () => {
    const size = response.ContentLength ?? 0;
    if (size > maxBytes) {
      (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
      return read.tooLarge(size);
    }
    return read.body(response.Body, response.ETag);
  });
}

type StreamingBody = GetObjectCommandOutput["Body"];

/**
 * A small object (a key file, the lock, a campaign record), or null when it is not there. One far
 * larger than its kind can be is the wrong object and is refused unread; the text goes straight
 * into `wrap`, so a key is a PrivateKeyPem from its first moment.
 */
export async function readSmallObject<T>(
  client: () => Promise<S3Client>,
  bucket: string,
  key: string,
  limit: ObjectSizeLimit,
  wrap: (text: string, etag: string | undefined) => T,
): Promise<T | null> {
  return readObjectWithin(client, bucket, key, limit.maxBytes, {
    body: async (body, etag) => wrap((await body?.transformToString("utf8")) ?? "", etag),
    tooLarge: (size) => {
      throw limit.tooLarge({ bucket, key, size });
    },
  });
}

/** Reports under a prefix: listed and read as bytes (gzip and zip are unpacked by the reader, not here). */
export function createReportObjectsPort(client: () => Promise<S3Client>): ReportObjectsPort {
  return {
    list: (bucket, prefix) => listObjectKeys(client, bucket, prefix),
    read: (bucket, key, maxBytes) =>
      readObjectWithin<{ bytes: Uint8Array } | { tooLarge: number }>(client, bucket, key, maxBytes, {
        body: async (body) => ({ bytes: (await body?.transformToByteArray()) ?? new Uint8Array() }),
        tooLarge: (size) => ({ tooLarge: size }),
      }),
  };
}

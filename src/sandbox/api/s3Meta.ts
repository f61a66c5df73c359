import type { S3ObjectMeta, SandboxWorld } from "../world.js";
import { escapeXml, type WireRequest } from "./wire.js";

/** S3's limits on an object's tag set (User Guide, "Categorizing your storage using tags"). */
const MAX_TAGS = 10;
const MAX_TAG_KEY = 128;
const MAX_TAG_VALUE = 256;

/** When the seeded objects were "written": they carry no meta of their own. */
const SEEDED_AT = new Date();

export const metaKey = (bucket: string, key: string) => `${bucket}/${key}`;

export interface ObjectMetaView {
  readonly serverSideEncryption: string;
  readonly kmsKeyId: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  readonly lastModified: Date;
}

/** The object's meta, or S3's defaults for one written with none. */
export function objectMetaOf(world: Pick<SandboxWorld, "objectMeta">, bucket: string, key: string): ObjectMetaView {
  const meta = world.objectMeta.get(metaKey(bucket, key));
  return {
    serverSideEncryption: meta?.serverSideEncryption ?? "AES256",
    kmsKeyId: meta?.kmsKeyId,
    tags: meta?.tags ?? {},
    lastModified: meta?.lastModified ?? SEEDED_AT,
  };
}

/** An S3 client error, before it is turned into S3's XML. */
export class S3Rejection extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const header = (request: WireRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
};

/** The key SSE-KMS uses when the request names none: the account's AWS managed key for S3. */
export const DEFAULT_S3_KMS_KEY = "alias/aws/s3";

/** S3 reports (and IAM authorises) a KMS key as an ARN, whichever way the request named it: key id, alias or ARN. */
export const kmsKeyArn = (world: Pick<SandboxWorld, "region" | "accountId">, id: string) =>
  id.startsWith("arn:") ? id : `arn:aws:kms:${world.region}:${world.accountId}:${id.startsWith("alias/") ? id : `key/${id}`}`;

/**
 * PutObject's encryption headers as S3 reads them: none means the bucket default (SSE-S3 since
 * January 2023); `aws:kms` without a key id means the account's AWS managed key `aws/s3`.
 */
export function encryptionFrom(world: SandboxWorld, request: WireRequest): Pick<S3ObjectMeta, "serverSideEncryption" | "kmsKeyId"> {
  const sse = header(request, "x-amz-server-side-encryption") ?? "AES256";
  const kmsKeyId = header(request, "x-amz-server-side-encryption-aws-kms-key-id");
  if (sse !== "AES256" && sse !== "aws:kms" && sse !== "aws:kms:dsse") {
    throw new S3Rejection("InvalidArgument", 400, "The encryption method specified is not supported");
  }
  if (kmsKeyId !== undefined && sse === "AES256") {
    throw new S3Rejection(
      "InvalidArgument",
      400,
      "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
    );
  }
  if (sse === "AES256") return { serverSideEncryption: sse };
  return { serverSideEncryption: sse, kmsKeyId: kmsKeyArn(world, kmsKeyId ?? DEFAULT_S3_KMS_KEY) };
}

/** The headers S3 answers PutObject, GetObject and HeadObject with about an object's encryption. */
export function encryptionHeaders(meta: Pick<S3ObjectMeta, "serverSideEncryption" | "kmsKeyId">): Record<string, string> {
  return {
    ...(meta.serverSideEncryption ? { "x-amz-server-side-encryption": meta.serverSideEncryption } : {}),
    ...(meta.kmsKeyId ? { "x-amz-server-side-encryption-aws-kms-key-id": meta.kmsKeyId } : {}),
  };
}

function checkedTags(pairs: readonly (readonly [string, string])[]): Record<string, string> {
  if (pairs.length > MAX_TAGS) throw new S3Rejection("BadRequest", 400, "Object tags cannot be greater than 10");
  const tags: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (key.length === 0 || key.length > MAX_TAG_KEY) throw new S3Rejection("InvalidTag", 400, "The TagKey you have provided is invalid");
    if (value.length > MAX_TAG_VALUE) throw new S3Rejection("InvalidTag", 400, "The TagValue you have provided is invalid");
    if (Object.hasOwn(tags, key)) throw new S3Rejection("InvalidTag", 400, "Cannot provide multiple Tags with the same key");
    tags[key] = value;
  }
  return tags;
}

/** `x-amz-tagging`: the tag set as URL query parameters (`k1=v1&k2=v2`). */
export function tagsFromHeader(request: WireRequest): Record<string, string> {
  const text = header(request, "x-amz-tagging");
  if (text === undefined || text === "") return {};
  try {
    const pairs = text.split("&").map((pair): [string, string] => {
      const equals = pair.indexOf("=");
      const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, " "));
      return equals < 0 ? [decode(pair), ""] : [decode(pair.slice(0, equals)), decode(pair.slice(equals + 1))];
    });
    return checkedTags(pairs);
  } catch (err) {
    if (err instanceof S3Rejection) throw err;
    throw new S3Rejection(
      "InvalidArgument",
      400,
      "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
    );
  }
}

const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|amp|apos|quot|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return ({ lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' } as Record<string, string>)[name] ?? "";
  });

const MALFORMED = () => new S3Rejection("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema");

/** PutObjectTagging's body: `<Tagging><TagSet><Tag><Key>…</Key><Value>…</Value></Tag>…</TagSet></Tagging>`. */
export function tagsFromXml(body: Buffer): Record<string, string> {
  const text = body.toString("utf8");
  const tagSet = /<Tagging(?:\s[^>]*)?>\s*<TagSet>([\s\S]*?)<\/TagSet>\s*<\/Tagging>|<Tagging(?:\s[^>]*)?>\s*<TagSet\s*\/>\s*<\/Tagging>/.exec(text);
  if (!tagSet) throw MALFORMED();
  const inner = tagSet[1] ?? "";
  const pairs: [string, string][] = [];
  const rest = inner.replace(/<Tag>([\s\S]*?)<\/Tag>/g, (_, tag: string) => {
    const key = /<Key>([\s\S]*?)<\/Key>/.exec(tag)?.[1];
    const value = /<Value>([\s\S]*?)<\/Value>|<Value\s*\/>/.exec(tag);
    if (key === undefined || !value) throw MALFORMED();
    pairs.push([unescapeXml(key), unescapeXml(value[1] ?? "")]);
    return "";
  });
  if (rest.trim() !== "") throw MALFORMED();
  return checkedTags(pairs);
}

/** GetObjectTagging's answer. */
export function tagsXml(tags: Readonly<Record<string, string>>): string {
  const tagElements = Object.entries(tags)
    .map(([key, value]) => `<Tag><Key>${escapeXml(key)}</Key><Value>${escapeXml(value)}</Value></Tag>`)
    .join("");
  return `<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet>${tagElements}</TagSet></Tagging>`;
}

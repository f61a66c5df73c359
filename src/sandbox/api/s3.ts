import { createHash } from "node:crypto";
import type { SandboxWorld } from "../world.js";
import { encryptionFrom, encryptionHeaders, metaKey, objectMetaOf, S3Rejection, tagsFromHeader, tagsFromXml, tagsXml } from "./s3Meta.js";
import { escapeXml, xml, type WireRequest, type WireResponse } from "./wire.js";

export function s3Error(operation: string, code: string, status: number, message: string): WireResponse {
  return { ...xml(operation, status, `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`), error: code };
}

/** Path-style S3 (the SDK uses it for IP-address endpoints): `/bucket`, `/bucket/key` and `/bucket/key?tagging`. */
export function s3Operation(request: WireRequest): { operation: string; bucket: string; key: string } {
  const [, bucket = "", ...rest] = request.url.pathname.split("/");
  const key = decodeURIComponent(rest.join("/"));
  const tagging = request.url.searchParams.has("tagging");
  const operation = (name: string) => ({ operation: name, bucket, key });
  if (request.method === "GET" && key === "" && request.url.searchParams.get("list-type") === "2") return operation("ListObjectsV2");
  if (key === "") return operation("Unknown");
  if (request.method === "GET") return operation(tagging ? "GetObjectTagging" : "GetObject");
  if (request.method === "PUT") return operation(tagging ? "PutObjectTagging" : "PutObject");
  if (request.method === "HEAD" && !tagging) return operation("HeadObject");
  if (request.method === "DELETE" && !tagging) return operation("DeleteObject");
  return operation("Unknown");
}

/** S3's ETag for a single-part upload: the body's MD5, quoted. */
const etagOf = (body: Buffer) => `"${createHash("md5").update(body).digest("hex")}"`;

/**
 * S3's conditional writes (RFC 7232 as S3 applies them): `If-None-Match: *` fails when the key
 * exists, `If-Match` when its ETag differs; `If-Match` on a key that is gone is 404 NoSuchKey.
 * The sandbox answers one request at a time, so the check and the write are one atomic step, as on S3.
 */
function unmetCondition(operation: string, request: WireRequest, current: Buffer | undefined): WireResponse | undefined {
  const ifMatch = request.headers["if-match"];
  const ifNoneMatch = request.headers["if-none-match"];
  const failed = () => s3Error(operation, "PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold");
  if (ifNoneMatch === "*" && current !== undefined && operation === "PutObject") return failed();
  if (typeof ifMatch === "string" && current === undefined) return s3Error(operation, "NoSuchKey", 404, "The specified key does not exist.");
  if (typeof ifMatch === "string" && current !== undefined && ifMatch !== "*" && ifMatch !== etagOf(current)) return failed();
  return undefined;
}

export function handleS3(world: SandboxWorld, request: WireRequest, now: Date = new Date()): WireResponse {
  const { operation, bucket, key } = s3Operation(request);
  try {
    return handleS3Operation(world, request, now, operation, bucket, key);
  } catch (err) {
    if (err instanceof S3Rejection) return s3Error(operation, err.code, err.status, err.message);
    throw err;
  }
}

function handleS3Operation(world: SandboxWorld, request: WireRequest, now: Date, operation: string, bucket: string, key: string): WireResponse {
  const objects = world.buckets.get(bucket);
  // HEAD answers carry no body, so S3's errors there are the status alone (the SDK names a 404 NotFound).
  if (!objects)
    return operation === "HeadObject" ? noBody(operation, 404, "NoSuchBucket") : s3Error(operation, "NoSuchBucket", 404, "The specified bucket does not exist");
  const body = objects.get(key);
  const noSuchKey = () =>
    operation === "HeadObject" ? noBody(operation, 404, "NotFound") : s3Error(operation, "NoSuchKey", 404, "The specified key does not exist.");
  switch (operation) {
    case "ListObjectsV2":
      return listObjects(operation, bucket, objects, request.url.searchParams.get("prefix") ?? "", (name) => objectMetaOf(world, bucket, name).lastModified);
    case "GetObject":
    case "HeadObject": {
      if (!body) return noSuchKey();
      const meta = objectMetaOf(world, bucket, key);
      const headers = {
        "content-type": "application/octet-stream",
        "content-length": String(body.length),
        "last-modified": meta.lastModified.toUTCString(),
        "x-amz-request-id": "sandbox",
        etag: etagOf(body),
        ...encryptionHeaders(meta),
        ...(Object.keys(meta.tags).length > 0 ? { "x-amz-tagging-count": String(Object.keys(meta.tags).length) } : {}),
      };
      return { operation, status: 200, headers, body: operation === "HeadObject" ? "" : body };
    }
    case "PutObject": {
      const unmet = unmetCondition(operation, request, body);
      if (unmet) return unmet;
      const encryption = encryptionFrom(world, request);
      const tags = tagsFromHeader(request);
      objects.set(key, request.body);
      world.objectMeta.set(metaKey(bucket, key), { ...encryption, tags, lastModified: now });
      return { operation, status: 200, headers: { etag: etagOf(request.body), "x-amz-request-id": "sandbox", ...encryptionHeaders(encryption) }, body: "" };
    }
    case "DeleteObject": {
      const unmet = unmetCondition(operation, request, body);
      if (unmet) return unmet;
      objects.delete(key);
      world.objectMeta.delete(metaKey(bucket, key));
      return { operation, status: 204, headers: { "x-amz-request-id": "sandbox" }, body: "" };
    }
    case "GetObjectTagging": {
      if (!body) return noSuchKey();
      return xml(operation, 200, tagsXml(objectMetaOf(world, bucket, key).tags));
    }
    case "PutObjectTagging": {
      if (!body) return noSuchKey();
      const tags = tagsFromXml(request.body);
      const current = world.objectMeta.get(metaKey(bucket, key));
      // Only the tag set changes: the object, its encryption and its Last-Modified stay as they were.
      world.objectMeta.set(metaKey(bucket, key), { ...(current ?? { serverSideEncryption: "AES256" }), tags });
      return { operation, status: 200, headers: { "x-amz-request-id": "sandbox" }, body: "" };
    }
    default:
      return s3Error(operation, "NotImplemented", 501, "Unsupported operation in the byodkim sandbox.");
  }
}

const noBody = (operation: string, status: number, error: string): WireResponse => ({
  operation,
  status,
  headers: { "x-amz-request-id": "sandbox" },
  body: "",
  error,
});

function listObjects(
  operation: string,
  bucket: string,
  objects: ReadonlyMap<string, Buffer>,
  prefix: string,
  lastModified: (key: string) => Date,
): WireResponse {
  const keys = [...objects.keys()].filter((name) => name.startsWith(prefix)).sort();
  // S3 lists each object's time and ETag too, so a listing alone can date a key without a HeadObject each.
  const contents = keys
    .map((name) => {
      const body = objects.get(name)!;
      return `<Contents><Key>${escapeXml(name)}</Key><LastModified>${lastModified(name).toISOString()}</LastModified><ETag>${escapeXml(etagOf(body))}</ETag><Size>${body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
    })
    .join("");
  return xml(
    operation,
    200,
    `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
  );
}

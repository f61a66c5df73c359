import { createHash } from "node:crypto";
import type { SandboxWorld } from "../world.js";
import { escapeXml, xml, type WireRequest, type WireResponse } from "./wire.js";

export function s3Error(operation: string, code: string, status: number, message: string): WireResponse {
  return { ...xml(operation, status, `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`), error: code };
}

/** Path-style S3 (the SDK uses it for IP-address endpoints): `/bucket` and `/bucket/key`. */
export function s3Operation(request: WireRequest): { operation: string; bucket: string; key: string } {
  const [, bucket = "", ...rest] = request.url.pathname.split("/");
  const key = decodeURIComponent(rest.join("/"));
  if (request.method === "GET" && key === "" && request.url.searchParams.get("list-type") === "2") return { operation: "ListObjectsV2", bucket, key };
  if (request.method === "GET" && key !== "") return { operation: "GetObject", bucket, key };
  if (request.method === "PUT" && key !== "") return { operation: "PutObject", bucket, key };
  if (request.method === "DELETE" && key !== "") return { operation: "DeleteObject", bucket, key };
  return { operation: "Unknown", bucket, key };
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

export function handleS3(world: SandboxWorld, request: WireRequest): WireResponse {
  const { operation, bucket, key } = s3Operation(request);
  const objects = world.buckets.get(bucket);
  if (!objects) return s3Error(operation, "NoSuchBucket", 404, "The specified bucket does not exist");
  switch (operation) {
    case "ListObjectsV2": {
      const prefix = request.url.searchParams.get("prefix") ?? "";
      const keys = [...objects.keys()].filter((name) => name.startsWith(prefix)).sort();
      const contents = keys
        .map((name) => `<Contents><Key>${escapeXml(name)}</Key><Size>${objects.get(name)!.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`)
        .join("");
      return xml(
        operation,
        200,
        `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
      );
    }
    case "GetObject": {
      const body = objects.get(key);
      if (!body) return s3Error(operation, "NoSuchKey", 404, "The specified key does not exist.");
      return { operation, status: 200, headers: { "content-type": "application/octet-stream", "x-amz-request-id": "sandbox", etag: etagOf(body) }, body };
    }
    case "PutObject": {
      const unmet = unmetCondition(operation, request, objects.get(key));
      if (unmet) return unmet;
      objects.set(key, request.body);
      return { operation, status: 200, headers: { etag: etagOf(request.body), "x-amz-request-id": "sandbox" }, body: "" };
    }
    case "DeleteObject": {
      const unmet = unmetCondition(operation, request, objects.get(key));
      if (unmet) return unmet;
      objects.delete(key);
      return { operation, status: 204, headers: { "x-amz-request-id": "sandbox" }, body: "" };
    }
    default:
      return s3Error(operation, "NotImplemented", 501, "Unsupported operation in the byodkim sandbox.");
  }
}

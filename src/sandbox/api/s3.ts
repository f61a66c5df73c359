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
  return { operation: "Unknown", bucket, key };
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
      return { operation, status: 200, headers: { "content-type": "application/octet-stream", "x-amz-request-id": "sandbox" }, body };
    }
    case "PutObject":
      objects.set(key, request.body);
      return { operation, status: 200, headers: { etag: '"sandbox"' }, body: "" };
    default:
      return s3Error(operation, "NotImplemented", 501, "Unsupported operation in the byodkim sandbox.");
  }
}

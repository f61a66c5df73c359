import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";

export interface WireRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage["headers"];
  readonly body: Buffer;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
  /** The operation, for the request log. */
  readonly operation: string;
  /** The error name when the response is an error. */
  readonly error?: string;
  /** Parsed JSON body worth recording (SES only). */
  readonly record?: unknown;
}

export const requestId = () => randomUUID();

export function json(
  operation: string,
  status: number,
  value: unknown,
  extraHeaders: Record<string, string> = {},
  contentType = "application/json",
): WireResponse {
  return { operation, status, headers: { "content-type": contentType, "x-amzn-requestid": requestId(), ...extraHeaders }, body: JSON.stringify(value) };
}

export function xml(operation: string, status: number, body: string): WireResponse {
  return {
    operation,
    status,
    headers: { "content-type": "text/xml", "x-amz-request-id": requestId(), "x-amzn-requestid": requestId() },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

export const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[char] ?? char);

export async function readRequest(request: IncomingMessage): Promise<WireRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return {
    method: request.method ?? "GET",
    url: new URL(request.url ?? "/", "http://sandbox.local"),
    headers: request.headers,
    body: Buffer.concat(chunks),
  };
}

export function send(response: ServerResponse, wire: WireResponse): void {
  // A HEAD answer names the length of the body GET would send, and sends none (Node drops it for HEAD).
  response.writeHead(wire.status, { ...wire.headers, "content-length": wire.headers["content-length"] ?? String(Buffer.byteLength(wire.body)) });
  response.end(wire.body);
}

const CREDENTIAL_SCOPE = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** The signing service from the SigV4 credential scope: `Credential=AKID/date/region/SERVICE/aws4_request`. */
export function signingService(headers: IncomingMessage["headers"]): string | undefined {
  const authorization = headers["authorization"];
  if (typeof authorization !== "string") return undefined;
  return CREDENTIAL_SCOPE.exec(authorization)?.[3];
}

/**
 * The region from the same scope. One sandbox port stands for every regional endpoint, so the
 * signature is the only place a request says which region it is for.
 */
export function signingRegion(headers: IncomingMessage["headers"]): string | undefined {
  const authorization = headers["authorization"];
  if (typeof authorization !== "string") return undefined;
  return CREDENTIAL_SCOPE.exec(authorization)?.[2];
}

/** The access key id from the same scope: which principal signed (the sandbox checks no signature). */
export function signingAccessKeyId(headers: IncomingMessage["headers"]): string | undefined {
  const authorization = headers["authorization"];
  if (typeof authorization !== "string") return undefined;
  return CREDENTIAL_SCOPE.exec(authorization)?.[1];
}

export const epochSeconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

/**
 * The error builder of a service speaking the AWS Query protocol (STS, IAM, SNS): `Type` is
 * Receiver for the service's own faults, Sender for the caller's.
 */
export function queryError(namespace: string): (operation: string, code: string, status: number, message: string) => WireResponse {
  return (operation, code, status, message) => ({
    ...xml(
      operation,
      status,
      `<ErrorResponse xmlns="${namespace}"><Error><Type>${status >= 500 ? "Receiver" : "Sender"}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`,
    ),
    error: code,
  });
}

/** An admin request's JSON object body, or undefined for anything else (not JSON, an array, null). */
export function jsonObjectBody(body: Buffer): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

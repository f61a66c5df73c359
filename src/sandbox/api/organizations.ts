import type { SandboxWorld } from "../world.js";
import { epochSeconds, json, jsonObjectBody, type WireRequest, type WireResponse } from "./wire.js";

const CONTENT_TYPE = "application/x-amz-json-1.1";
const TARGET_PREFIX = "AWSOrganizationsV20161128.";

/** The sandbox's organization: the operations account is its management account. */
export const SANDBOX_ORGANIZATION_ID = "o-byodkimsbx1";

/**
 * AWS says ListAccounts may return fewer accounts than MaxResults (at most 20) even when more
 * follow; the sandbox's pages are short, so a client that reads only the first page is caught.
 */
const SANDBOX_PAGE = 2;
const MAX_RESULTS = 20;

/** When every sandbox account joined: a fixed time, so a listing reads the same in every run. */
const JOINED = new Date("2024-04-01T00:00:00Z");

export function organizationsError(operation: string, name: string, status: number, message: string): WireResponse {
  return { ...json(operation, status, { __type: name, Message: message }, {}, CONTENT_TYPE), error: name };
}

export function organizationsOperation(request: WireRequest): string {
  const target = String(request.headers["x-amz-target"] ?? "");
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "Unknown";
}

/** The organization's accounts in the order ListAccounts gives them: the management (operations) account, then each member. */
function organizationAccounts(world: Pick<SandboxWorld, "accountId" | "members">): { id: string; name: string }[] {
  return [{ id: world.accountId, name: "operations" }, ...[...world.members.keys()].map((id) => ({ id, name: `member-${id}` }))];
}

/**
 * AWS Organizations, answered from the operations account only (the organization's management
 * account): ListAccounts, paged; every account ACTIVE. A member's session never reaches here (the
 * front refuses it as it refuses every service a member holds nothing of).
 */
export function handleOrganizations(world: SandboxWorld, request: WireRequest): WireResponse {
  const operation = organizationsOperation(request);
  if (operation !== "ListAccounts") return organizationsError(operation, "InvalidInputException", 400, "Unsupported operation in the byodkim sandbox.");
  const body = jsonObjectBody(request.body) ?? {};
  const maxResults = body["MaxResults"];
  if (maxResults !== undefined && (typeof maxResults !== "number" || maxResults < 1 || maxResults > MAX_RESULTS)) {
    return organizationsError(operation, "InvalidInputException", 400, "You provided a value that does not match the required pattern (MaxResults).");
  }
  const token = body["NextToken"];
  const from = typeof token === "string" ? Number(Buffer.from(token, "base64url").toString("utf8")) : 0;
  const accounts = organizationAccounts(world);
  if (!Number.isInteger(from) || from < 0 || from > accounts.length) {
    return organizationsError(operation, "InvalidInputException", 400, "The NextToken is not valid.");
  }
  const size = Math.min(typeof maxResults === "number" ? maxResults : MAX_RESULTS, SANDBOX_PAGE);
  const page = accounts.slice(from, from + size);
  const next = from + page.length;
  return json(
    operation,
    200,
    {
      Accounts: page.map(({ id, name }) => ({
        Id: id,
        Arn: `arn:aws:organizations::${world.accountId}:account/${SANDBOX_ORGANIZATION_ID}/${id}`,
        Email: `aws+${id}@sandbox.byodkim.test`,
        Name: name,
        Status: "ACTIVE",
        State: "ACTIVE",
        JoinedMethod: id === world.accountId ? "CREATED" : "INVITED",
        JoinedTimestamp: epochSeconds(JOINED),
      })),
      ...(next < accounts.length ? { NextToken: Buffer.from(String(next), "utf8").toString("base64url") } : {}),
    },
    {},
    CONTENT_TYPE,
  );
}

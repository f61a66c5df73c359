import { json, type WireRequest, type WireResponse } from "./api/wire.js";
import { PolicyDocumentError, parsePolicyDocument } from "./iam/policyDocument.js";
import type { SandboxWorld } from "./world.js";

/**
 * `/_sandbox/policy`, so a test or a drill can take a permission away mid-run: GET answers the
 * operator's policy (null when none is set), PUT or POST a policy document sets it, DELETE removes
 * it, after which everything is allowed again. `?account=ID` does the same for that member
 * account's role (the one byodkim assumes there) instead.
 */
export function policyEndpoint(world: SandboxWorld, request: WireRequest): WireResponse {
  const accountId = request.url.searchParams.get("account");
  const holder: { policy: SandboxWorld["policy"] } | undefined = accountId === null || accountId === world.accountId ? world : world.members.get(accountId);
  if (!holder) return json("SandboxPolicy", 404, { message: `no member account ${accountId} in this sandbox` });
  return holderPolicyEndpoint(holder, request);
}

function holderPolicyEndpoint(world: { policy: SandboxWorld["policy"] }, request: WireRequest): WireResponse {
  const answer = () => json("SandboxPolicy", 200, world.policy ?? null);
  switch (request.method) {
    case "GET":
      return answer();
    case "PUT":
    case "POST": {
      let value: unknown;
      try {
        value = JSON.parse(request.body.toString("utf8"));
      } catch {
        return json("SandboxPolicy", 400, { message: 'send an IAM policy document: {"Version": "2012-10-17", "Statement": [...]}' });
      }
      try {
        world.policy = parsePolicyDocument(value);
      } catch (err) {
        if (err instanceof PolicyDocumentError) return json("SandboxPolicy", 400, { message: err.message });
        throw err;
      }
      return answer();
    }
    case "DELETE":
      world.policy = undefined;
      return answer();
    default:
      return json("SandboxPolicy", 405, { message: "use GET, PUT, POST or DELETE" });
  }
}

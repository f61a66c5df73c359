import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cloudwatchError, cloudwatchOperation, decodeCloudWatchRequest, handleCloudWatch } from "./api/cloudwatch.js";
import { handleIam, iamError, iamOperation } from "./api/iam.js";
import { handleOrganizations, organizationsError, organizationsOperation } from "./api/organizations.js";
import { handleS3, s3Error, s3Operation } from "./api/s3.js";
import { handleSecretsManager, secretsError, secretsOperation } from "./api/secretsManager.js";
import { handleRoute53, route53Error, route53Operation } from "./api/route53.js";
import { handleSes, sesError, sesOperation } from "./api/sesv2.js";
import { handleSts, stsError, stsOperation } from "./api/sts.js";
import { handleSns, snsError, snsOperation } from "./api/sns.js";
import { json, readRequest, send, signingRegion, signingService, type WireRequest, type WireResponse } from "./api/wire.js";
import { alarmsEndpoint } from "./alarmAdmin.js";
import { dnsEndpoint } from "./dnsAdmin.js";
import { faultsEndpoint, takeFault } from "./faults.js";
import { dmarcReportsEndpoint, mailEndpoint } from "./mailAdmin.js";
import { ageEndpoint } from "./ageState.js";
import { clockEndpoint, sandboxNow } from "./clock.js";
import { crossAccountDeniedMessage, firstDenial } from "./iam/enforcement.js";
import { type PermissionScope, requiredPermissions } from "./iam/operationPermissions.js";
import { policyEndpoint } from "./policyAdmin.js";
import { type CredentialRejection, type SandboxCaller, type SignerResolution, signerOf } from "./callers.js";
import { describeWorld } from "./snapshot.js";
import type { FaultEffect, SandboxWorld } from "./world.js";

type ErrorBuilder = (operation: string, name: string, status: number, message: string) => WireResponse;
/** The faults answered with an error of the service's own (a lost response looks like its server error). */
type ErrorFaultKind = Exclude<FaultEffect["kind"], "latency" | "hold" | "lost-response">;

interface ServiceFront {
  readonly operation: (request: WireRequest) => string;
  readonly handle: (world: SandboxWorld, request: WireRequest, now: Date, caller: SandboxCaller) => WireResponse | Promise<WireResponse>;
  readonly error: ErrorBuilder;
  /** The error names and statuses this service uses for injected faults. */
  readonly faults: Record<ErrorFaultKind, readonly [string, number]>;
  /** How this service refuses credentials before anything else: an expired session, a temporary key (or token) it never issued. */
  readonly credentials: Record<CredentialRejection, readonly [string, number, string]>;
  /** Undoes a Content-Encoding the service accepts, or answers the request that claims one falsely. */
  readonly decode?: (request: WireRequest) => WireRequest | WireResponse;
}

const EXPIRED = "The security token included in the request is expired";
const INVALID = "The security token included in the request is invalid.";
// The Query services' words for refused credentials (STS, IAM, SNS, CloudWatch, Route 53).
const QUERY_CREDENTIALS = { expired: ["ExpiredToken", 403, EXPIRED], invalid: ["InvalidClientTokenId", 403, INVALID] } as const;

/** The services a member account's session is answered by: SES and STS there, and IAM for its own role; every other one holds nothing of byodkim's in a member. */
const MEMBER_SERVICES = new Set(["ses", "sts", "iam"]);

// Keyed by the SigV4 signing name in the request's credential scope.
const SERVICES: Record<string, ServiceFront> = {
  ses: {
    operation: (request) => sesOperation(request).operation,
    handle: handleSes,
    error: sesError,
    faults: { throttle: ["TooManyRequestsException", 429], "access-denied": ["AccessDeniedException", 403], "server-error": ["InternalFailure", 500] },
    credentials: { expired: ["ExpiredTokenException", 403, EXPIRED], invalid: ["UnrecognizedClientException", 403, INVALID] },
  },
  s3: {
    operation: (request) => s3Operation(request).operation,
    handle: handleS3,
    error: s3Error,
    faults: { throttle: ["SlowDown", 503], "access-denied": ["AccessDenied", 403], "server-error": ["InternalError", 500] },
    credentials: {
      expired: ["ExpiredToken", 400, "The provided token has expired."],
      invalid: ["InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."],
    },
  },
  secretsmanager: {
    operation: secretsOperation,
    handle: handleSecretsManager,
    error: secretsError,
    faults: { throttle: ["ThrottlingException", 400], "access-denied": ["AccessDeniedException", 400], "server-error": ["InternalServiceError", 500] },
    credentials: { expired: ["ExpiredTokenException", 400, EXPIRED], invalid: ["UnrecognizedClientException", 400, INVALID] },
  },
  monitoring: {
    operation: cloudwatchOperation,
    handle: handleCloudWatch,
    error: cloudwatchError,
    decode: decodeCloudWatchRequest,
    faults: { throttle: ["Throttling", 400], "access-denied": ["AccessDenied", 403], "server-error": ["InternalServiceFault", 500] },
    credentials: QUERY_CREDENTIALS,
  },
  sts: {
    operation: stsOperation,
    handle: handleSts,
    error: stsError,
    faults: { throttle: ["Throttling", 400], "access-denied": ["AccessDenied", 403], "server-error": ["InternalFailure", 500] },
    credentials: QUERY_CREDENTIALS,
  },
  sns: {
    operation: snsOperation,
    handle: handleSns,
    error: snsError,
    faults: { throttle: ["Throttling", 400], "access-denied": ["AuthorizationError", 403], "server-error": ["InternalError", 500] },
    credentials: QUERY_CREDENTIALS,
  },
  iam: {
    operation: iamOperation,
    handle: (world, request, _now, caller) => handleIam(world, request, caller),
    error: iamError,
    faults: { throttle: ["Throttling", 400], "access-denied": ["AccessDenied", 403], "server-error": ["ServiceFailure", 500] },
    credentials: QUERY_CREDENTIALS,
  },
  organizations: {
    operation: organizationsOperation,
    handle: (world, request) => handleOrganizations(world, request),
    error: organizationsError,
    faults: {
      throttle: ["TooManyRequestsException", 400],
      "access-denied": ["AccessDeniedException", 400],
      "server-error": ["ServiceException", 500],
    },
    credentials: { expired: ["ExpiredTokenException", 400, EXPIRED], invalid: ["UnrecognizedClientException", 400, INVALID] },
  },
  route53: {
    operation: route53Operation,
    handle: handleRoute53,
    error: route53Error,
    faults: { throttle: ["Throttling", 400], "access-denied": ["AccessDenied", 403], "server-error": ["InternalFailure", 500] },
    credentials: QUERY_CREDENTIALS,
  },
};

const FAULT_MESSAGES = {
  throttle: "Rate exceeded (injected by the byodkim sandbox).",
  "access-denied": "User is not authorized to perform this action (injected by the byodkim sandbox).",
  "server-error": "Internal failure (injected by the byodkim sandbox).",
  "lost-response": "Internal failure (injected by the byodkim sandbox, which applied the request and withheld its response).",
} as const;

function injectedError(front: ServiceFront, operation: string, kind: keyof typeof FAULT_MESSAGES): WireResponse {
  const [name, status] = front.faults[kind === "lost-response" ? "server-error" : kind];
  return front.error(operation, name, status, FAULT_MESSAGES[kind]);
}

export interface SandboxHttp {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** The local AWS endpoint: one port, every service, told apart by the request's signature scope. Its time is the sandbox's clock. */
export async function startSandboxHttp(world: SandboxWorld, port = 0, now: () => Date = () => sandboxNow(world)): Promise<SandboxHttp> {
  // SES's limit is per account and region: each account's region keeps its own second.
  const sesCalls = new Map<string, number[]>();
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const request = await readRequest(incoming);
      // Who signed is settled once, on the clock of the moment the request came: a session that
      // expires while the request waits on a fault is still the one that signed it.
      const signer = request.url.pathname.startsWith("/_sandbox/") ? undefined : signerOf(world, request.headers, now());
      const response = await dispatch(request, signer);
      // Every byodkim run against the sandbox reads its clock once at start: a read that changes
      // nothing, kept out of the log so the log still shows what each run asked of the world.
      if (request.method === "GET" && request.url.pathname === "/_sandbox/clock") return send(outgoing, response.wire);
      world.log.push({
        time: now().toISOString(),
        service: response.service,
        ...(response.service === "sandbox" || !signer
          ? {}
          : {
              ...("caller" in signer ? { caller: signer.caller.arn, account: signer.caller.account } : {}),
              region: signingRegion(request.headers) ?? world.region,
            }),
        operation: response.wire.operation,
        status: response.wire.status,
        ...(response.wire.error ? { error: response.wire.error } : {}),
        ...(response.wire.record !== undefined ? { response: response.wire.record } : {}),
      });
      send(outgoing, response.wire);
    })().catch(() => {
      outgoing.writeHead(500).end();
    });
  });

  async function dispatch(request: WireRequest, signer: SignerResolution | undefined): Promise<{ service: string; wire: WireResponse }> {
    if (!signer) return { service: "sandbox", wire: await admin(request) };
    const service = signingService(request.headers) ?? "unknown";
    const front = SERVICES[service];
    if (!front) return { service, wire: json("Unknown", 400, { message: `The byodkim sandbox does not serve ${service}.` }) };
    const operation = front.operation(request);
    // Taken (and counted down) before any waiting, so concurrent requests each use up one firing.
    const fault = takeFault(world.faults, operation);
    if (fault?.kind === "latency") await new Promise((resolve) => setTimeout(resolve, fault.ms));
    else if (fault?.kind === "hold") await fault.release.catch(() => {});
    else if (fault && fault.kind !== "lost-response") return { service, wire: injectedError(front, operation, fault.kind) };
    const decoded = front.decode ? front.decode(request) : request;
    if ("status" in decoded) return { service, wire: decoded };
    const wire = await serve(service, front, operation, decoded, signer);
    // The service has acted; only its answer goes missing on the way back.
    if (fault?.kind === "lost-response") return { service, wire: injectedError(front, operation, fault.kind) };
    return { service, wire };
  }

  /** Answers as the service itself would: the credentials first, then the caller's permissions, then SES's rate limit, then the operation. */
  function serve(
    service: string,
    front: ServiceFront,
    operation: string,
    request: WireRequest,
    signer: SignerResolution,
  ): WireResponse | Promise<WireResponse> {
    if ("rejected" in signer) {
      const [name, status, message] = front.credentials[signer.rejected];
      return front.error(operation, name, status, message);
    }
    const { caller } = signer;
    const { member } = caller;
    // A member account holds none of byodkim's keys, secrets, alarms or topics: reaching for the
    // operations account's with a member's session is refused, as a key read sent to the wrong account would be.
    if (member && !MEMBER_SERVICES.has(service)) {
      const denied = crossAccountDeniedMessage(caller.arn, requiredPermissions(world, service, operation, request)[0]);
      return front.error(operation, ...front.faults["access-denied"], denied);
    }
    // A denied request is answered before the service looks at anything, and does not use up SES's rate.
    // Every operations principal signs in to the one role, so the role's policy judges each; a member's
    // session is judged by its role's. AWS's message names the one who asked.
    const policy = member ? member.policy : world.policy;
    const scope: PermissionScope = member ? { ...world, accountId: member.id, roles: new Map([[member.role.name, member.role]]) } : world;
    const denial = policy && firstDenial(policy, caller.arn, requiredPermissions(scope, service, operation, request));
    if (denial) return front.error(operation, ...front.faults["access-denied"], denial.message);
    if (service === "ses" && world.sesRateLimitPerSecond > 0 && operation !== "SendEmail") {
      const at = now().getTime();
      const second = `${caller.account}/${signingRegion(request.headers) ?? world.region}`;
      const calls = sesCalls.get(second) ?? [];
      sesCalls.set(second, calls);
      while (calls.length > 0 && calls[0]! <= at - 1000) calls.shift();
      if (calls.length >= world.sesRateLimitPerSecond) return front.error(operation, "TooManyRequestsException", 429, "Maximum sending rate exceeded.");
      calls.push(at);
    }
    return front.handle(world, request, now(), caller);
  }

  function admin(request: WireRequest): WireResponse | Promise<WireResponse> {
    if (request.url.pathname === "/_sandbox/log") return json("SandboxLog", 200, world.log);
    if (request.url.pathname === "/_sandbox/state") return json("SandboxState", 200, describeWorld(world));
    if (request.url.pathname === "/_sandbox/faults") return faultsEndpoint(world.faults, request);
    if (request.url.pathname === "/_sandbox/dns") return dnsEndpoint(world, request);
    if (request.url.pathname === "/_sandbox/policy") return policyEndpoint(world, request);
    if (request.url.pathname === "/_sandbox/alarms") return alarmsEndpoint(world, request, now());
    if (request.url.pathname === "/_sandbox/mail") return mailEndpoint(world, request);
    if (request.url.pathname === "/_sandbox/dmarc-reports") return dmarcReportsEndpoint(world, request, now());
    if (request.url.pathname === "/_sandbox/age") return ageEndpoint(world, request);
    if (request.url.pathname === "/_sandbox/clock") return clockEndpoint(world, request);
    return json("SandboxUnknown", 404, { message: "unknown sandbox endpoint" });
  }

  // As AWS's endpoints do, an idle connection stays open longer than a client's pause (a publish's
  // wait, a poll): Node's 5-second default closed sockets the SDK was about to reuse, and the
  // request sent on one went unanswered until its timeout.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

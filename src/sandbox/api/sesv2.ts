import { applyEasyDkim, applyExternalSigning, SesRejection, validateExternalSigning } from "../sesDkim.js";
import { sendEmail } from "../sesMail.js";
import type { SandboxCaller } from "../callers.js";
import { identitiesIn, memberIdentitiesIn, type SandboxIdentity, type SandboxWorld } from "../world.js";
import { epochSeconds, json, signingRegion, type WireRequest, type WireResponse } from "./wire.js";

/** REST-JSON errors: the name in `x-amzn-ErrorType`, a message in the body. */
export function sesError(operation: string, name: string, status: number, message: string): WireResponse {
  return { ...json(operation, status, { message }, { "x-amzn-errortype": name }), error: name };
}

/** SES tells an address from a domain by the "@" alone. */
const identityType = (name: string) => (name.includes("@") ? "EMAIL_ADDRESS" : "DOMAIN");

function identityDocument(identity: SandboxIdentity) {
  const { dkim, verificationInfo } = identity;
  return {
    IdentityType: identityType(identity.name),
    FeedbackForwardingStatus: true,
    VerifiedForSendingStatus: identity.verifiedForSending,
    VerificationStatus: identity.verificationStatus,
    DkimAttributes: {
      SigningEnabled: dkim.signingEnabled,
      Status: dkim.status,
      Tokens: dkim.tokens,
      ...(dkim.signingHostedZone ? { SigningHostedZone: dkim.signingHostedZone } : {}),
      SigningAttributesOrigin: dkim.origin,
      ...(dkim.origin === "AWS_SES" ? { NextSigningKeyLength: dkim.nextKeyLength } : {}),
      CurrentSigningKeyLength: dkim.currentKeyLength,
      LastKeyGenerationTimestamp: epochSeconds(dkim.lastKeyGeneration),
    },
    MailFromAttributes: { MailFromDomain: `bounce.${identity.name}`, MailFromDomainStatus: "SUCCESS", BehaviorOnMxFailure: "USE_DEFAULT_VALUE" },
    Policies: {},
    Tags: [],
    VerificationInfo: {
      ...(verificationInfo.errorType ? { ErrorType: verificationInfo.errorType } : {}),
      ...(verificationInfo.lastChecked ? { LastCheckedTimestamp: epochSeconds(verificationInfo.lastChecked) } : {}),
      ...(verificationInfo.lastSuccess ? { LastSuccessTimestamp: epochSeconds(verificationInfo.lastSuccess) } : {}),
    },
  };
}

const recorded = (response: WireResponse, value: unknown): WireResponse => ({ ...response, record: value });

function parseBody(request: WireRequest): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(request.body.toString("utf8") || "{}");
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function newIdentity(name: string, now: Date): SandboxIdentity {
  const identity: SandboxIdentity = {
    name,
    verifiedForSending: false,
    verificationStatus: "PENDING",
    dkim: {
      signingEnabled: true,
      origin: "AWS_SES",
      status: "PENDING",
      tokens: [],
      signingHostedZone: undefined,
      currentKeyLength: "RSA_2048_BIT",
      nextKeyLength: "RSA_2048_BIT",
      lastKeyGeneration: now,
      externalPublicKeySpki: undefined,
      failedChecks: 0,
    },
    verificationInfo: { errorType: undefined, lastChecked: undefined, lastSuccess: undefined },
  };
  applyEasyDkim(identity, now);
  return identity;
}

/** Which SESv2 operation a request is, from its method and path (the service model's requestUri). */
export function sesOperation(request: WireRequest): { operation: string; identity?: string } {
  const path = request.url.pathname;
  const identityPath = /^\/v2\/email\/identities\/([^/]+)(\/dkim(\/signing)?)?$/.exec(path);
  if (request.method === "GET" && identityPath && !identityPath[2]) return { operation: "GetEmailIdentity", identity: decodeURIComponent(identityPath[1]!) };
  if (request.method === "PUT" && identityPath?.[3])
    return { operation: "PutEmailIdentityDkimSigningAttributes", identity: decodeURIComponent(identityPath[1]!) };
  if (request.method === "PUT" && identityPath?.[2]) return { operation: "PutEmailIdentityDkimAttributes", identity: decodeURIComponent(identityPath[1]!) };
  if (request.method === "POST" && path === "/v2/email/identities") return { operation: "CreateEmailIdentity" };
  // The older service model lists with GET and query parameters; the SDK's current one POSTs them as JSON.
  if ((request.method === "GET" && path === "/v2/email/identities") || (request.method === "POST" && path === "/v2/email/list-identities")) {
    return { operation: "ListEmailIdentities" };
  }
  if (request.method === "POST" && path === "/v2/email/outbound-emails") return { operation: "SendEmail" };
  return { operation: "Unknown" };
}

export function handleSes(world: SandboxWorld, request: WireRequest, now: Date, caller?: SandboxCaller): WireResponse | Promise<WireResponse> {
  const { operation, identity: identityName } = sesOperation(request);
  const body = parseBody(request);
  // Each account's SES in each region is a service of its own: every operation acts on the signed
  // region's identities of the caller's account (a member role's session: the member's).
  const region = signingRegion(request.headers) ?? world.region;
  const identities = caller?.member ? memberIdentitiesIn(caller.member, region) : identitiesIn(world, region);
  const rejected = (err: unknown) => {
    if (err instanceof SesRejection) return sesError(operation, err.errorName, err.errorName === "NotFoundException" ? 404 : 400, err.message);
    throw err;
  };
  try {
    switch (operation) {
      case "GetEmailIdentity": {
        const identity = findIdentity(identities, identityName!);
        const document = identityDocument(identity);
        return recorded(json(operation, 200, document), document);
      }
      case "CreateEmailIdentity": {
        const name = String(body["EmailIdentity"] ?? "").toLowerCase();
        if (identities.has(name)) throw new SesRejection("AlreadyExistsException", `Email identity ${name} already exists.`);
        const identity = newIdentity(name, now);
        identities.set(name, identity);
        const document = { IdentityType: identityType(name), VerifiedForSendingStatus: false, DkimAttributes: identityDocument(identity).DkimAttributes };
        return recorded(json(operation, 200, document), document);
      }
      case "PutEmailIdentityDkimSigningAttributes": {
        const identity = findIdentity(identities, identityName!);
        const origin = body["SigningAttributesOrigin"];
        const attributes = (body["SigningAttributes"] ?? {}) as Record<string, unknown>;
        if (origin === "EXTERNAL") {
          applyExternalSigning(
            identity,
            validateExternalSigning({ selector: attributes["DomainSigningSelector"], privateKey: attributes["DomainSigningPrivateKey"] }),
            now,
          );
        } else if (origin === "AWS_SES") {
          applyEasyDkim(identity, now);
        } else {
          throw new SesRejection("BadRequestException", "SigningAttributesOrigin must be AWS_SES or EXTERNAL.");
        }
        const document = {
          DkimStatus: identity.dkim.status,
          DkimTokens: identity.dkim.tokens,
          ...(identity.dkim.signingHostedZone ? { SigningHostedZone: identity.dkim.signingHostedZone } : {}),
        };
        return recorded(json(operation, 200, document), document);
      }
      case "PutEmailIdentityDkimAttributes": {
        const identity = findIdentity(identities, identityName!);
        if (typeof body["SigningEnabled"] === "boolean") identity.dkim.signingEnabled = body["SigningEnabled"];
        return recorded(json(operation, 200, {}), {});
      }
      case "ListEmailIdentities": {
        const query = request.url.searchParams;
        const document = listIdentities(identities, request.method === "GET" ? { PageSize: query.get("PageSize"), NextToken: query.get("NextToken") } : body);
        return recorded(json(operation, 200, document), document);
      }
      case "SendEmail":
        // Signing and delivery take their time (mailauth, the receiving side's DNS): the one operation answered later.
        return sendEmail(world, identities, region, body, now).then((document) => recorded(json(operation, 200, document), document), rejected);
      default:
        return sesError(operation, "BadRequestException", 400, "Unsupported operation in the byodkim sandbox.");
    }
  } catch (err) {
    return rejected(err);
  }
}

function findIdentity(identities: ReadonlyMap<string, SandboxIdentity>, name: string): SandboxIdentity {
  const identity = identities.get(name.toLowerCase());
  if (!identity) throw new SesRejection("NotFoundException", `Email identity ${name} does not exist.`);
  return identity;
}

/** SES's NextToken is opaque; this one carries the name the next page starts after. */
function listIdentities(identities: ReadonlyMap<string, SandboxIdentity>, page: { readonly PageSize?: unknown; readonly NextToken?: unknown }) {
  const pageSize = Number(page.PageSize ?? 1000);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new SesRejection("BadRequestException", "PageSize must be between 1 and 1000.");
  const after = typeof page.NextToken === "string" ? Buffer.from(page.NextToken, "base64").toString("utf8") : "";
  const names = [...identities.keys()].sort().filter((name) => name > after);
  const shown = names.slice(0, pageSize);
  return {
    EmailIdentities: shown.map((name) => {
      const identity = identities.get(name)!;
      return {
        IdentityType: identityType(name),
        IdentityName: name,
        SendingEnabled: identity.verifiedForSending,
        VerificationStatus: identity.verificationStatus,
      };
    }),
    ...(names.length > shown.length ? { NextToken: Buffer.from(shown.at(-1)!).toString("base64") } : {}),
  };
}

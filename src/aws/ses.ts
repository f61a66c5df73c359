import type { GetEmailIdentityCommandOutput, SESv2Client } from "@aws-sdk/client-sesv2";
import { callAwsOrNull, errorName } from "./awsErrors.js";
import type { SesIdentityFacts, SesPort } from "./types.js";

export interface SesPacing {
  readonly minIntervalMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

/** Spaces SES calls so that each starts at least `minIntervalMs` after the previous one started. */
export function createPacer(pacing: SesPacing): () => Promise<void> {
  let nextSlot = -Infinity;
  return async () => {
    const now = pacing.now();
    const start = Math.max(now, nextSlot);
    nextSlot = start + pacing.minIntervalMs;
    if (start > now) await pacing.sleep(start - now);
  };
}

const iso = (date: Date | undefined): string | undefined => (date ? date.toISOString() : undefined);

export function toSesIdentityFacts(domain: string, response: GetEmailIdentityCommandOutput): SesIdentityFacts {
  const dkim = response.DkimAttributes;
  const info = response.VerificationInfo;
  return {
    identityName: domain,
    identityType: response.IdentityType,
    verifiedForSendingStatus: response.VerifiedForSendingStatus === true,
    verificationStatus: response.VerificationStatus,
    dkim: dkim
      ? {
          signingEnabled: dkim.SigningEnabled === true,
          status: dkim.Status,
          origin: dkim.SigningAttributesOrigin,
          tokens: dkim.Tokens ?? [],
          signingHostedZone: dkim.SigningHostedZone,
          currentSigningKeyLength: dkim.CurrentSigningKeyLength,
          nextSigningKeyLength: dkim.NextSigningKeyLength,
          lastKeyGenerationTimestamp: iso(dkim.LastKeyGenerationTimestamp),
        }
      : undefined,
    verificationInfo: info
      ? {
          errorType: info.ErrorType,
          lastCheckedTimestamp: iso(info.LastCheckedTimestamp),
          lastSuccessTimestamp: iso(info.LastSuccessTimestamp),
        }
      : undefined,
  };
}

export function createSesPort(client: () => Promise<SESv2Client>, pacing: SesPacing): SesPort {
  const pace = createPacer(pacing);
  return {
    async getEmailIdentity(domain) {
      const { GetEmailIdentityCommand } = await import("@aws-sdk/client-sesv2");
      await pace();
      const context = { service: "SES", action: "ses:GetEmailIdentity", resource: `identity/${domain}` } as const;
      const response = await callAwsOrNull(
        context,
        (err) => errorName(err) === "NotFoundException",
        async () => (await client()).send(new GetEmailIdentityCommand({ EmailIdentity: domain })),
      );
      return response === null ? null : toSesIdentityFacts(domain, response);
    },
  };
}

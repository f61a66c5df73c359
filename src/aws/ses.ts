import type { GetEmailIdentityCommandOutput, SESv2Client } from "@aws-sdk/client-sesv2";
import { callAws, callAwsOrNull, errorName } from "./awsErrors.js";
import { MUTATING_CALL } from "./timeouts.js";
import type { SesIdentityFacts, SesIdentityListing, SesPort } from "./types.js";

export interface SesPacing {
  readonly minIntervalMs: number;
  /** The incident path: a change goes out at once (SES's throttling is retried); reads still wait their turn. */
  readonly unpacedChanges?: boolean;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

export interface SesPacer {
  /** Waits for the call's turn; resolves to the function that says the call has ended. */
  pace(call?: "read" | "change"): Promise<() => void>;
  /** When SES will take the next call, by byodkim's calls before the one in flight (the incident retry waits for it). */
  notBefore(): number;
}

/**
 * Spaces SES calls so that each starts at least `minIntervalMs` after the previous one started, and
 * after the previous one ended: the SDK's retries of a throttled call go out later than its slot.
 * Calls made at once (status reads dozens) queue: each waits for the one before it to end, so
 * however late a response arrives, the next request reaches SES a whole interval after it.
 */
export function createPacer(pacing: SesPacing): SesPacer {
  let nextSlot = -Infinity;
  let slotBeforeCall = -Infinity;
  let previousEnded: Promise<void> = Promise.resolve();
  const endedHook = (release: () => void) => () => {
    nextSlot = Math.max(nextSlot, pacing.now() + pacing.minIntervalMs);
    release();
  };
  return {
    async pace(call = "read") {
      if (call === "change" && pacing.unpacedChanges) {
        // The incident path's change goes out now, queued behind nothing; what follows waits for it.
        slotBeforeCall = nextSlot;
        nextSlot = pacing.now() + pacing.minIntervalMs;
        return endedHook(() => {});
      }
      let release: () => void = () => {};
      const before = previousEnded;
      previousEnded = new Promise<void>((resolve) => {
        release = resolve;
      });
      await before;
      const now = pacing.now();
      slotBeforeCall = nextSlot;
      const start = Math.max(now, nextSlot);
      nextSlot = start + pacing.minIntervalMs;
      if (start > now) await pacing.sleep(start - now);
      return endedHook(release);
    },
    notBefore: () => slotBeforeCall,
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

export function createSesPort(client: () => Promise<SESv2Client>, pacer: SesPacer): SesPort {
  const pace = pacer.pace;
  return {
    async getEmailIdentity(domain) {
      const { GetEmailIdentityCommand } = await import("@aws-sdk/client-sesv2");
      const ended = await pace();
      const context = { service: "SES", action: "ses:GetEmailIdentity", resource: `identity/${domain}` } as const;
      const response = await callAwsOrNull(
        context,
        (err) => errorName(err) === "NotFoundException",
        async () => (await client()).send(new GetEmailIdentityCommand({ EmailIdentity: domain })),
      ).finally(ended);
      return response === null ? null : toSesIdentityFacts(domain, response);
    },

    async putExternalSigning(domain, selector, key) {
      const { PutEmailIdentityDkimSigningAttributesCommand } = await import("@aws-sdk/client-sesv2");
      const ended = await pace("change");
      const context = { service: "SES", action: "ses:PutEmailIdentityDkimSigningAttributes", resource: `identity/${domain}`, mutating: true } as const;
      const response = await callAws(context, async () =>
        (await client()).send(
          new PutEmailIdentityDkimSigningAttributesCommand({
            EmailIdentity: domain,
            SigningAttributesOrigin: "EXTERNAL",
            // The one place the private key leaves its wrapper (STYLE.md habit 5).
            SigningAttributes: { DomainSigningSelector: selector, DomainSigningPrivateKey: key.revealDerBase64() },
          }),
          MUTATING_CALL,
        ),
      ).finally(ended);
      return { requestId: response.$metadata.requestId, status: response.DkimStatus };
    },

    async putEasyDkimSigning(domain) {
      const { PutEmailIdentityDkimSigningAttributesCommand } = await import("@aws-sdk/client-sesv2");
      const ended = await pace("change");
      const context = { service: "SES", action: "ses:PutEmailIdentityDkimSigningAttributes", resource: `identity/${domain}`, mutating: true } as const;
      const response = await callAws(context, async () =>
        (await client()).send(new PutEmailIdentityDkimSigningAttributesCommand({ EmailIdentity: domain, SigningAttributesOrigin: "AWS_SES" }), MUTATING_CALL),
      ).finally(ended);
      return { requestId: response.$metadata.requestId, status: response.DkimStatus, tokens: response.DkimTokens ?? [] };
    },

    async listEmailIdentities() {
      const { ListEmailIdentitiesCommand } = await import("@aws-sdk/client-sesv2");
      const context = { service: "SES", action: "ses:ListEmailIdentities", resource: "identity/*" } as const;
      const found: SesIdentityListing[] = [];
      let nextToken: string | undefined;
      do {
        const ended = await pace();
        const response = await callAws(context, async () =>
          (await client()).send(new ListEmailIdentitiesCommand({ PageSize: 1000, ...(nextToken ? { NextToken: nextToken } : {}) })),
        ).finally(ended);
        for (const identity of response.EmailIdentities ?? []) {
          if (identity.IdentityName) found.push({ name: identity.IdentityName, type: identity.IdentityType });
        }
        nextToken = response.NextToken;
      } while (nextToken);
      return found;
    },

    async sendTestEmail(from, to, subject, body, headers = {}) {
      const { SendEmailCommand } = await import("@aws-sdk/client-sesv2");
      const context = { service: "SES", action: "ses:SendEmail", resource: `identity/${from.split("@")[1] ?? from}`, mutating: true } as const;
      const response = await callAws(context, async () =>
        (await client()).send(
          new SendEmailCommand({
            FromEmailAddress: from,
            Destination: { ToAddresses: [to] },
            Content: {
              Simple: {
                Subject: { Data: subject, Charset: "UTF-8" },
                Body: { Text: { Data: body, Charset: "UTF-8" } },
                // SESv2's Simple content carries extra headers itself (Message.Headers); no raw MIME needed.
                ...(Object.keys(headers).length > 0 ? { Headers: Object.entries(headers).map(([Name, Value]) => ({ Name, Value })) } : {}),
              },
            },
          }),
          MUTATING_CALL,
        ),
      );
      return { requestId: response.$metadata.requestId, messageId: response.MessageId };
    },

    async putSigningEnabled(domain, enabled) {
      const { PutEmailIdentityDkimAttributesCommand } = await import("@aws-sdk/client-sesv2");
      const ended = await pace("change");
      const context = { service: "SES", action: "ses:PutEmailIdentityDkimAttributes", resource: `identity/${domain}`, mutating: true } as const;
      const response = await callAws(context, async () =>
        (await client()).send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: domain, SigningEnabled: enabled }), MUTATING_CALL),
      ).finally(ended);
      return { requestId: response.$metadata.requestId };
    },
  };
}

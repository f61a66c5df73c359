import { ByodkimError } from "../../src/errors.js";
import type { Fetched } from "../../src/gates/fetched.js";
import type { SesIdentityFacts } from "../../src/aws/types.js";
import { msg } from "../../src/messages/msg.js";

export const fetched = <T>(value: T): Fetched<T> => ({ ok: true, value });

const denied = { service: "SES", action: "ses:GetEmailIdentity", resource: "*", requestId: "-" };

/** A fetch that failed as the adapters say AccessDenied. */
export const failedFetch = <T>(): Fetched<T> => ({
  ok: false,
  error: new ByodkimError("aws", msg("aws.accessDenied", denied), msg("aws.accessDenied.hint", denied)),
});

type SesOverrides = Omit<Partial<SesIdentityFacts>, "dkim"> & { dkim?: Partial<NonNullable<SesIdentityFacts["dkim"]>> };

export function sesIdentity(overrides: SesOverrides = {}): SesIdentityFacts {
  const { dkim, ...rest } = overrides;
  return {
    identityName: "goo.ne.jp",
    identityType: "DOMAIN",
    verifiedForSendingStatus: true,
    verificationStatus: "SUCCESS",
    verificationInfo: undefined,
    ...rest,
    dkim: {
      signingEnabled: true,
      status: "SUCCESS",
      origin: "AWS_SES",
      tokens: ["tok1", "tok2", "tok3"],
      signingHostedZone: "dkim.amazonses.com",
      currentSigningKeyLength: "RSA_2048_BIT",
      nextSigningKeyLength: "RSA_2048_BIT",
      lastKeyGenerationTimestamp: undefined,
      ...dkim,
    },
  };
}

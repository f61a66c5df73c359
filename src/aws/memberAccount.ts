import type { AwsCredentialIdentity } from "@smithy/types";
import type { AwsPorts } from "./types.js";

/**
 * A member account's ports: its SES (and who STS says the role's caller is, and IAM to simulate the
 * role's own policy) through the assumed role; everything byodkim keeps — keys, state, locks,
 * journals, plans, alarms, metrics, notices — in the operations account, so a member account
 * never holds a private key. Asking who the caller is assumes the role first, so a role that
 * cannot be assumed fails the identity gate with the reason.
 */
export function memberAccountPorts(operations: AwsPorts, member: AwsPorts, credentials: () => Promise<AwsCredentialIdentity>): AwsPorts {
  return {
    ...operations,
    ses: member.ses,
    ...(member.iam ? { iam: member.iam } : {}),
    sts: {
      getCallerIdentity: async () => {
        await credentials();
        return member.sts.getCallerIdentity();
      },
    },
  };
}

import type { AwsCredentialIdentity } from "@smithy/types";
import { ByodkimError } from "../errors.js";
import { msg } from "../messages/msg.js";
import type { AwsPorts, CallerIdentity } from "./types.js";

/**
 * A member account's ports: its SES (and who STS says the role's caller is, and IAM to simulate the
 * role's own policy) through the assumed role; everything byodkim keeps — keys, state, locks,
 * journals, plans, alarms, metrics, notices — in the operations account, so a member account
 * never holds a private key. Asking who the caller is assumes the role first, so a role that
 * cannot be assumed fails the identity gate with the reason, and so do the operator's own
 * credentials when they are not the operations account's.
 */
export function memberAccountPorts(
  operations: AwsPorts,
  member: AwsPorts,
  credentials: () => Promise<AwsCredentialIdentity>,
  operatorSide: { readonly operator: () => Promise<CallerIdentity>; readonly operationsAccount: string },
): AwsPorts {
  return {
    ...operations,
    ses: member.ses,
    ...(member.iam ? { iam: member.iam } : {}),
    sts: {
      getCallerIdentity: async () => {
        // The key, the state and the journal are written with the operator's own credentials: they must be the operations account's.
        const operator = await operatorSide.operator();
        if (operator.account !== operatorSide.operationsAccount) {
          throw new ByodkimError(
            "aws",
            msg("account.operatorElsewhere", { account: operator.account, arn: operator.arn, expected: operatorSide.operationsAccount }),
            msg("gate.identity.wrongAccount.hint"),
          );
        }
        await credentials();
        return member.sts.getCallerIdentity();
      },
    },
  };
}

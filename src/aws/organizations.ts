import type { OrganizationsClient } from "@aws-sdk/client-organizations";
import { ByodkimError } from "../errors.js";
import { msg } from "../messages/msg.js";
import { callAws, errorName } from "./awsErrors.js";

/** One account of the organization, as organizations:ListAccounts states it. */
export interface OrganizationAccount {
  readonly id: string;
  /** `arn:<partition>:organizations::<management>:account/o-…/<id>`: its partition is the member roles'. */
  readonly arn: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE, … (State; the older Status, retired in 2026, when an answer has only that). */
  readonly status: string | undefined;
}

export interface OrganizationsPort {
  /** Every account of the caller's organization (all pages). Only its management or delegated administrator account may ask. */
  listAccounts(): Promise<OrganizationAccount[]>;
}

/**
 * ListAccounts answered by any other account of an organization, or by an account in none:
 * Organizations says AccessDenied or AWSOrganizationsNotInUse, and the operator needs to know
 * it is the account, not only the policy, that is wrong.
 */
const NOT_ITS_ADMINISTRATOR = new Set(["AccessDeniedException", "AccessDenied", "AWSOrganizationsNotInUseException"]);

export function createOrganizationsPort(client: () => Promise<OrganizationsClient>, operationsAccount: string): OrganizationsPort {
  return {
    async listAccounts() {
      const { ListAccountsCommand } = await import("@aws-sdk/client-organizations");
      const context = { service: "Organizations", action: "organizations:ListAccounts", resource: "*" } as const;
      const found: OrganizationAccount[] = [];
      let nextToken: string | undefined;
      do {
        const response = await callAws(context, async () => {
          try {
            return await (await client()).send(new ListAccountsCommand(nextToken ? { NextToken: nextToken } : {}));
          } catch (err) {
            const name = errorName(err) ?? "";
            if (!NOT_ITS_ADMINISTRATOR.has(name)) throw err;
            throw new ByodkimError(
              "aws",
              msg("organization.listDenied", { account: operationsAccount, name }),
              msg("organization.listDenied.hint", { account: operationsAccount }),
            );
          }
        });
        for (const account of response.Accounts ?? []) {
          if (account.Id) found.push({ id: account.Id, arn: account.Arn ?? "", status: account.State ?? account.Status });
        }
        nextToken = response.NextToken;
      } while (nextToken);
      return found;
    },
  };
}

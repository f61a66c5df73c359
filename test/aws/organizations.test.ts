import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { createOrganizationsPort } from "../../src/aws/organizations.js";
import { ByodkimError } from "../../src/errors.js";

const OPS = "123456789012";
const organizations = mockClient(OrganizationsClient);
const port = () => createOrganizationsPort(async () => new OrganizationsClient({ region: "ap-northeast-1" }), OPS);
const arn = (id: string) => `arn:aws:organizations::${OPS}:account/o-abc123/${id}`;

afterEach(() => organizations.reset());

describe("the Organizations port", () => {
  it("reads every page, the account's State before the retired Status", async () => {
    organizations
      .on(ListAccountsCommand, {})
      .resolves({ Accounts: [{ Id: "111111111111", Arn: arn("111111111111"), State: "ACTIVE", Status: "ACTIVE" }], NextToken: "page-2" });
    organizations.on(ListAccountsCommand, { NextToken: "page-2" }).resolves({
      Accounts: [
        { Id: "222222222222", Arn: arn("222222222222"), Status: "SUSPENDED" },
        { Id: "333333333333", Arn: arn("333333333333"), State: "CLOSED", Status: "SUSPENDED" },
      ],
    });
    expect(await port().listAccounts()).toEqual([
      { id: "111111111111", arn: arn("111111111111"), status: "ACTIVE" },
      { id: "222222222222", arn: arn("222222222222"), status: "SUSPENDED" },
      { id: "333333333333", arn: arn("333333333333"), status: "CLOSED" },
    ]);
    expect(organizations.commandCalls(ListAccountsCommand)).toHaveLength(2);
  });

  it.each(["AccessDeniedException", "AWSOrganizationsNotInUseException"])(
    "says %s means the operations account is not the organization's administrator",
    async (name) => {
      organizations.on(ListAccountsCommand).rejects(Object.assign(new Error("no"), { name, $metadata: { httpStatusCode: 400 } }));
      const err = await port()
        .listAccounts()
        .catch((thrown: unknown) => thrown);
      expect(err).toBeInstanceOf(ByodkimError);
      // As every AWS failure is reported: exit 1 (a check failed), with the reason and what to do.
      expect((err as ByodkimError).exitCode).toBe(1);
      expect((err as ByodkimError).what).toEqual({ key: "organization.listDenied", params: { account: OPS, name } });
      expect((err as ByodkimError).hint?.key).toBe("organization.listDenied.hint");
    },
  );

  it("translates any other failure as every AWS call's is", async () => {
    organizations.on(ListAccountsCommand).rejects(Object.assign(new Error("slow"), { name: "TooManyRequestsException", $metadata: { httpStatusCode: 400 } }));
    const err = (await port()
      .listAccounts()
      .catch((thrown: unknown) => thrown)) as ByodkimError;
    expect(err.what.key).toBe("aws.throttled");
    expect(err.what.params).toMatchObject({ service: "Organizations", action: "organizations:ListAccounts" });
  });
});

import type { STSClient } from "@aws-sdk/client-sts";
import { callAws } from "./awsErrors.js";
import type { StsPort } from "./types.js";

export function createStsPort(client: () => Promise<STSClient>): StsPort {
  return {
    async getCallerIdentity() {
      const { GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
      const response = await callAws({ service: "STS", action: "sts:GetCallerIdentity" }, async () => (await client()).send(new GetCallerIdentityCommand({})));
      return { account: response.Account ?? "", arn: response.Arn ?? "" };
    },
  };
}

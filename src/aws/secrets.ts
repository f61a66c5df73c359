import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { byodkimError } from "../errors.js";
import { callAws, callAwsOrNull, errorName } from "./awsErrors.js";
import { MUTATING_CALL } from "./timeouts.js";
import type { StateStorePort } from "./types.js";

export function createStateStorePort(client: () => Promise<SecretsManagerClient>): StateStorePort {
  return {
    async readStateSecret(secretId) {
      const { GetSecretValueCommand } = await import("@aws-sdk/client-secrets-manager");
      const context = { service: "SecretsManager", action: "secretsmanager:GetSecretValue", resource: secretId } as const;
      const response = await callAwsOrNull(
        context,
        (err) => errorName(err) === "ResourceNotFoundException",
        async () => (await client()).send(new GetSecretValueCommand({ SecretId: secretId })),
      );
      if (response === null) return null;
      if (response.SecretString === undefined) {
        throw byodkimError("aws", "aws.secretNotText", { resource: secretId }, "aws.secretNotText.hint");
      }
      return { secretId, arn: response.ARN, versionId: response.VersionId, text: response.SecretString };
    },

    async writeStateSecret(secretId, text) {
      const { PutSecretValueCommand } = await import("@aws-sdk/client-secrets-manager");
      const context = { service: "SecretsManager", action: "secretsmanager:PutSecretValue", resource: secretId, mutating: true } as const;
      const response = await callAws(context, async () =>
        (await client()).send(new PutSecretValueCommand({ SecretId: secretId, SecretString: text }), MUTATING_CALL),
      );
      return { requestId: response.$metadata.requestId, versionId: response.VersionId };
    },
  };
}

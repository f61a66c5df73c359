import { randomUUID } from "node:crypto";
import { type SandboxSecret, type SandboxWorld, secretsIn } from "../world.js";
import { epochSeconds, json, signingRegion, type WireRequest, type WireResponse } from "./wire.js";

const CONTENT_TYPE = "application/x-amz-json-1.1";

export function secretsError(operation: string, name: string, status: number, message: string): WireResponse {
  return { ...json(operation, status, { __type: name, Message: message }, {}, CONTENT_TYPE), error: name };
}

const target = (request: WireRequest) => String(request.headers["x-amz-target"] ?? "").replace(/^secretsmanager\./, "");

/** Secrets Manager ends a new secret's ARN with a dash and six random characters; the sandbox's are always these six. */
export const newSecretArn = (world: Pick<SandboxWorld, "region" | "accountId">, name: string, region: string = world.region) =>
  `arn:aws:secretsmanager:${region}:${world.accountId}:secret:${name}-AbCdEf`;

/** The secret a SecretId (its name or its full ARN) names, among one region's. */
export const findSecret = (secrets: Map<string, SandboxSecret>, id: string): SandboxSecret | undefined =>
  secrets.get(id) ?? [...secrets.values()].find((secret) => secret.arn === id);

export function secretsOperation(request: WireRequest): string {
  return target(request) || "Unknown";
}

export function handleSecretsManager(world: SandboxWorld, request: WireRequest, now: Date): WireResponse {
  const operation = secretsOperation(request);
  const body = JSON.parse(request.body.toString("utf8") || "{}") as Record<string, unknown>;
  const region = signingRegion(request.headers) ?? world.region;
  const secrets = secretsIn(world, region);
  const find = () => findSecret(secrets, String(body["SecretId"] ?? ""));
  const missing = () => secretsError(operation, "ResourceNotFoundException", 400, "Secrets Manager can't find the specified secret.");
  switch (operation) {
    case "GetSecretValue": {
      const secret = find();
      const current = secret?.versions.at(-1);
      if (!secret || !current) return missing();
      return json(
        operation,
        200,
        {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: current.id,
          SecretString: current.value,
          VersionStages: ["AWSCURRENT"],
          CreatedDate: epochSeconds(current.created),
        },
        {},
        CONTENT_TYPE,
      );
    }
    case "DescribeSecret": {
      const secret = find();
      if (!secret) return missing();
      const versions = Object.fromEntries(secret.versions.map((version, index) => [version.id, index === secret.versions.length - 1 ? ["AWSCURRENT"] : []]));
      return json(operation, 200, { ARN: secret.arn, Name: secret.name, VersionIdsToStages: versions }, {}, CONTENT_TYPE);
    }
    case "PutSecretValue": {
      const secret = find();
      if (!secret) return missing();
      const id = String(body["ClientRequestToken"] ?? randomUUID());
      secret.versions.push({ id, value: String(body["SecretString"] ?? ""), created: now });
      return json(operation, 200, { ARN: secret.arn, Name: secret.name, VersionId: id, VersionStages: ["AWSCURRENT"] }, {}, CONTENT_TYPE);
    }
    case "CreateSecret": {
      const name = String(body["Name"] ?? "");
      if (secrets.has(name)) return secretsError(operation, "ResourceExistsException", 400, "The operation failed because the secret already exists.");
      const secret: SandboxSecret = { name, arn: newSecretArn(world, name, region), versions: [] };
      const id = String(body["ClientRequestToken"] ?? randomUUID());
      secret.versions.push({ id, value: String(body["SecretString"] ?? ""), created: now });
      secrets.set(name, secret);
      return json(operation, 200, { ARN: secret.arn, Name: name, VersionId: id }, {}, CONTENT_TYPE);
    }
    default:
      return secretsError(operation, "InvalidRequestException", 400, "Unsupported operation in the byodkim sandbox.");
  }
}

import { expect } from "vitest";
import { ByodkimError } from "../../src/errors.js";
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";

export const ACCOUNT_ID = "123456789012";
export const SELECTOR = "gooid-21-pro-20250917-3";
export const DOMAIN = "goo.ne.jp";

/** A healthy AWS side for goo.ne.jp, as the SDK clients would see it; tests then break one thing. */
export function mockHealthyAws(pem: string) {
  const sts = mockClient(STSClient);
  const ses = mockClient(SESv2Client);
  const s3 = mockClient(S3Client);
  const cloudwatch = mockClient(CloudWatchClient);
  const secrets = mockClient(SecretsManagerClient);
  const iam = mockClient(IAMClient);

  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT_ID, Arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/ops/alice`, UserId: "AROA:alice" });
  ses.on(GetEmailIdentityCommand).resolves({
    IdentityType: "DOMAIN",
    VerifiedForSendingStatus: true,
    VerificationStatus: "SUCCESS",
    DkimAttributes: {
      SigningEnabled: true,
      Status: "SUCCESS",
      Tokens: ["abc", "def", "ghi"],
      SigningAttributesOrigin: "AWS_SES",
      CurrentSigningKeyLength: "RSA_2048_BIT",
      NextSigningKeyLength: "RSA_2048_BIT",
    },
  });
  s3.on(ListObjectsV2Command).resolves({
    Contents: [{ Key: `dkim/${DOMAIN}/gooid-21-pro-20250917-2.pem` }, { Key: `dkim/${DOMAIN}/${SELECTOR}.pem` }],
    IsTruncated: false,
  });
  s3.on(GetObjectCommand).callsFake(() => ({
    ContentLength: Buffer.byteLength(pem),
    // The SDK's streaming body, reduced to the one method the adapter reads it with.
    Body: { transformToString: async () => pem },
  }));
  cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      { AlarmName: "aws-ses-migration-prod-byodkim-verification", StateValue: "ALARM" },
      { AlarmName: "aws-ses-migration-prod-bounce-rate", StateValue: "OK" },
    ],
  });
  cloudwatch.on(PutMetricDataCommand).resolves({});
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ current_phase: "6", keep: "me" }), VersionId: "v1" });

  // The role may do everything it is asked about: IAM's simulator allows each action on each resource.
  iam
    .on(GetRoleCommand)
    .callsFake((input: { RoleName: string }) => ({ Role: { Arn: `arn:aws:iam::${ACCOUNT_ID}:role/${input.RoleName}`, RoleName: input.RoleName } }));
  iam.on(SimulatePrincipalPolicyCommand).callsFake((input: { ActionNames: string[]; ResourceArns: string[] }) => ({
    EvaluationResults: input.ActionNames.map((action) => ({ EvalActionName: action, EvalResourceName: input.ResourceArns[0], EvalDecision: "allowed" })),
    IsTruncated: false,
  }));

  const all = [sts, ses, s3, cloudwatch, secrets, iam];
  return {
    iam,
    sts,
    ses,
    s3,
    cloudwatch,
    secrets,
    restore: () => {
      for (const mock of all) mock.restore();
    },
  };
}

/** An AWS service exception as the SDK builds it from a response. */
export function awsError(name: string, fault: "client" | "server" = "client", httpStatusCode = 400): Error {
  return Object.assign(new Error(`${name} from the test`), { name, $fault: fault, $metadata: { httpStatusCode, requestId: "req-test-1" } });
}

/** The operator-facing error a failing adapter call rejects with. */
export async function failure(promise: Promise<unknown>): Promise<ByodkimError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ByodkimError);
  return error as ByodkimError;
}

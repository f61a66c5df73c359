import {
  CreateEmailIdentityCommand,
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
  PutEmailIdentityDkimAttributesCommand,
  PutEmailIdentityDkimSigningAttributesCommand,
  SendEmailCommand,
  SESv2Client,
} from "@aws-sdk/client-sesv2";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { startSandbox } from "../../src/sandbox/start.js";

const CHECKER = fileURLToPath(new URL("../support/check_sesv2_shapes.py", import.meta.url));
const botocore = spawnSync("python3", ["-c", "import botocore"], { encoding: "utf8" });
const haveBotocore = botocore.status === 0;
if (!haveBotocore) process.stderr.write("[service model] python3 with botocore not found: the SESv2 shape check is skipped\n");

function runChecker(input: unknown) {
  return spawnSync("python3", [CHECKER], { input: JSON.stringify(input), encoding: "utf8" });
}

describe.runIf(haveBotocore)("sandbox SESv2 responses against botocore's official service model", () => {
  it("finds a wrong member name (the checker itself can fail)", () => {
    const result = runChecker([{ operation: "GetEmailIdentity", response: { DkimAttributes: { Status: "DONE", Signing: true } } }]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("GetEmailIdentity.DkimAttributes.Signing: not a member of DkimAttributes");
    expect(result.stdout).toContain("'DONE' is not one of DkimStatus's values");
  });

  it("matches every SESv2 response the sandbox gives across a BYODKIM switch and back", async () => {
    const box = await startSandbox({ scenario: "good", verifyIntervalMs: 50, dkimChecksBeforeFailure: 1 });
    try {
      const client = new SESv2Client({
        endpoint: box.endpoint,
        region: box.world.region,
        credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" },
        maxAttempts: 1,
      });
      const domain = box.seed.domain;
      const settled = () => vi.waitFor(() => expect(box.world.identities.get(domain)!.dkim.status).not.toBe("PENDING"), { timeout: 60_000, interval: 20 });
      const pem = [...box.world.buckets.values()][0]!.values().next().value!.toString();
      const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64").toString("base64");
      await client.send(new GetEmailIdentityCommand({ EmailIdentity: domain }));
      await client.send(
        new PutEmailIdentityDkimSigningAttributesCommand({
          EmailIdentity: domain,
          SigningAttributesOrigin: "EXTERNAL",
          SigningAttributes: { DomainSigningSelector: box.seed.selector, DomainSigningPrivateKey: der },
        }),
      );
      await client.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: domain, SigningEnabled: true }));
      // SES's background check has looked: the next read answers with a settled status.
      await settled();
      await client.send(new GetEmailIdentityCommand({ EmailIdentity: domain }));
      await client.send(new PutEmailIdentityDkimSigningAttributesCommand({ EmailIdentity: domain, SigningAttributesOrigin: "AWS_SES" }));
      await settled();
      await client.send(new GetEmailIdentityCommand({ EmailIdentity: domain }));
      await client.send(new CreateEmailIdentityCommand({ EmailIdentity: "example.org" }));
      await client.send(new ListEmailIdentitiesCommand({ PageSize: 1 }));
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: `ops@${domain}`,
          Destination: { ToAddresses: ["check@example.org"] },
          Content: { Simple: { Subject: { Data: "test" }, Body: { Text: { Data: "test" } } } },
        }),
      );
      const recorded = box.world.log
        .filter((entry) => entry.service === "ses" && entry.status === 200)
        .map(({ operation, response }) => ({ operation, response }));
      expect(new Set(recorded.map((entry) => entry.operation))).toEqual(
        new Set([
          "GetEmailIdentity",
          "PutEmailIdentityDkimSigningAttributes",
          "PutEmailIdentityDkimAttributes",
          "CreateEmailIdentity",
          "ListEmailIdentities",
          "SendEmail",
        ]),
      );
      const result = runChecker(recorded);
      expect(result.stdout).toContain(`checked ${recorded.length} responses`);
      expect(result.stdout.split("\n").filter((line) => line && !line.startsWith("checked"))).toEqual([]);
      expect(result.status).toBe(0);
    } finally {
      await box.stop();
    }
  });
});

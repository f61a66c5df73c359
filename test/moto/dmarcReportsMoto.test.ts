import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lazy } from "../../src/aws/clients.js";
import { createReportObjectsPort } from "../../src/aws/s3.js";
import type { ReportObjectsPort } from "../../src/aws/types.js";
import { readReportObjects } from "../../src/dmarc/sources.js";
import { summarize } from "../../src/dmarc/summary.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

// report dmarc's S3 source through byodkim's own adapter: the fixtures' reports stored as a
// collector (or an SES receipt rule) leaves them, read back as bytes (gzip and zip intact) from
// moto's S3, an S3 nobody here wrote, and from the sandbox's, which is held to the same answers.
const haveMoto = motoAvailable("the check of report dmarc's S3 reading against moto");

const INBOX = fileURLToPath(new URL("../fixtures/dmarc/inbox", import.meta.url));
const BUCKET = "byodkim-dmarc-reports";
const { region } = SANDBOX_DEFAULTS;
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let sandbox: Sandbox;
const targets: Record<string, { readonly s3: S3Client; readonly port: ReportObjectsPort }> = {};

async function filled(endpoint: string, create: boolean) {
  const config = { endpoint, region, credentials, forcePathStyle: true, maxAttempts: 1 };
  const s3 = new S3Client(config);
  if (create) await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: region } }));
  for (const name of readdirSync(INBOX))
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `rua/2025/10/${name}`, Body: readFileSync(join(INBOX, name)) }));
  // Beside the prefix, not under it: never read.
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "ruf/forensic.eml", Body: "From: x@example.jp\r\n\r\nnot read\r\n" }));
  return { s3, port: createReportObjectsPort(lazy(async () => new S3Client(config))) };
}

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: "good" });
  // The sandbox has no CreateBucket: its world holds buckets by name, made here as an operator's would exist.
  sandbox.world.buckets.set(BUCKET, new Map());
  targets["the sandbox"] = await filled(sandbox.endpoint, false);
  if (!haveMoto) return;
  moto = await startMoto();
  targets["moto"] = await filled(moto.endpoint, true);
}, 60_000);

afterAll(async () => {
  moto?.stop();
  await sandbox?.stop();
});

describe.each([
  ["moto", haveMoto],
  ["the sandbox", true],
] as const)("report dmarc's reports read from %s's S3", (name, available) => {
  const target = () => targets[name]!;

  it.runIf(available)("reads every report under the prefix, gz, zip and the message alike, with the counts of the folder", async () => {
    const read = await readReportObjects(target().port, BUCKET, "rua/");
    const summary = summarize(read.reports);
    expect(summary).toMatchObject({ reports: 7, duplicates: 1, messages: 3663 });
    expect(summary.selectors.find((entry) => entry.selector === SANDBOX_DEFAULTS.rotationSelector)).toEqual({
      domain: "goo.ne.jp",
      selector: SANDBOX_DEFAULTS.rotationSelector,
      pass: 2320,
      fail: 0,
      temperror: 0,
    });
    expect(read.skipped.map((skip) => [skip.file, skip.reason])).toEqual([
      [`s3://${BUCKET}/rua/2025/10/README.txt`, "notXml"],
      [`s3://${BUCKET}/rua/2025/10/google.com!goo.ne.jp!1760400000!1760486399.xml`, "notXml"],
    ]);
  });

  it.runIf(available)("leaves an object larger than a report unread, and answers null for one that is gone", async () => {
    const key = "rua/2025/10/enterprise.protection.outlook.com!goo.ne.jp!1760745600!1760832000.xml.gz";
    expect(await target().port.read(BUCKET, key, 100)).toEqual({ tooLarge: readFileSync(join(INBOX, key.split("/").at(-1)!)).length });
    expect(await target().port.read(BUCKET, "rua/gone.xml.gz", 1_000_000)).toBeNull();
  });
});

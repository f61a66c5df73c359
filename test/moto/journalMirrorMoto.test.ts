import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lazy } from "../../src/aws/clients.js";
import { createJournalMirrorPort } from "../../src/aws/journalObjects.js";
import type { JournalMirrorPort } from "../../src/aws/types.js";
import type { Msg } from "../../src/messages/msg.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/defaults.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";
import { createJournalStore } from "../../src/state/journal.js";
import { mirrorJournals } from "../../src/state/journalMirror.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

// The journal's mirror through byodkim's own S3 adapter: a run's journal written to moto's S3 (an S3
// nobody here wrote) and to the sandbox's, then read back into an empty journal folder.
const haveMoto = motoAvailable("the journal mirror's check against moto");

const BUCKET = SANDBOX_DEFAULTS.journalBucket;
const location = { bucket: BUCKET, prefix: "byodkim/journal/" };
const { region, domain } = SANDBOX_DEFAULTS;
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
const never = new Promise<void>(() => {});

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let sandbox: Sandbox;
const ports: Record<string, JournalMirrorPort> = {};

const portAt = (endpoint: string) =>
  createJournalMirrorPort(lazy(async () => new S3Client({ endpoint, region, credentials, forcePathStyle: true, maxAttempts: 1 })));

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: "good" });
  ports["the sandbox"] = portAt(sandbox.endpoint);
  if (!haveMoto) return;
  moto = await startMoto();
  const s3 = new S3Client({ endpoint: moto.endpoint, region, credentials, forcePathStyle: true, maxAttempts: 1 });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: region } }));
  ports["moto"] = portAt(moto.endpoint);
}, 60_000);

afterAll(async () => {
  moto?.stop();
  await sandbox?.stop();
});

function machine(port: JournalMirrorPort) {
  const directory = mkdtempSync(join(tmpdir(), "byodkim-mirror-moto-"));
  const warnings: Msg[] = [];
  const store = mirrorJournals(
    createJournalStore(directory, () => new Date()),
    {
      port,
      location,
      directory,
      warn: (said) => void warnings.push(...said),
      recallBound: () => never,
    },
  );
  return { directory, store, warnings };
}

describe.each([
  ["moto", haveMoto],
  ["the sandbox", true],
] as const)("the journal mirrored to %s's S3", (name, available) => {
  it.runIf(available)("is written at a boundary and at the end, and read back whole into an empty folder on another machine", async () => {
    const first = machine(ports[name]!);
    const journal = first.store.open("enable", domain, `mirror${name === "moto" ? 1 : 2}`);
    journal.append("run-started", { command: "enable", runId: journal.runId, domain });
    journal.append("call-done", { call: "PutEmailIdentityDkimSigningAttributes" });
    journal.boundary?.();
    journal.append("ended", { outcome: "completed" });
    await first.store.settle(never);
    expect(first.warnings).toEqual([]);

    const fresh = machine(ports[name]!);
    expect(await fresh.store.recall?.(domain)).toEqual([]);
    expect(readdirSync(fresh.directory)).toContain(basename(journal.path));
    const [found] = fresh.store.list(domain).paths;
    expect(found).toBe(join(fresh.directory, basename(journal.path)));
    expect(readFileSync(found!, "utf8")).toBe(readFileSync(journal.path, "utf8"));
    expect(fresh.store.read(found!).entries.map((entry) => entry.event)).toEqual(["run-started", "call-done", "ended"]);
  });

  it.runIf(available)("says which bucket it could not list, and reads nothing", async () => {
    const fresh = mirrorJournals(
      createJournalStore(mkdtempSync(join(tmpdir(), "byodkim-mirror-moto-")), () => new Date()),
      {
        port: ports[name]!,
        location: { bucket: "byodkim-no-such-journal-bucket", prefix: "byodkim/journal/" },
        directory: mkdtempSync(join(tmpdir(), "byodkim-mirror-moto-")),
        warn: () => {},
        recallBound: () => never,
      },
    );
    const warnings = (await fresh.recall?.(domain)) ?? [];
    expect(warnings[0]).toMatchObject({ key: "journal.mirror.listFailed", params: { bucket: "byodkim-no-such-journal-bucket" } });
  });
});

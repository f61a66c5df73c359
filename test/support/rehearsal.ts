import { generateKeyPairSync } from "node:crypto";
import { lstatSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, expect } from "vitest";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { dkimTxtStrings, SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { ageStateSecret } from "../../src/sandbox/ageState.js";
import { advanceClock as advanceSandboxClock, sandboxNow } from "../../src/sandbox/clock.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/start.js";
import { lockLocation } from "../../src/state/lock.js";
import { leakedCanaries, sandboxKeyCanaries } from "./sandboxKey.js";
import { spawnCli } from "./spawnCli.js";

type SpawnOptions = NonNullable<Parameters<typeof spawnCli>[1]>;

/** A sandbox plus a `byodkim` runner against it that checks every output for the private key. */
const running: Sandbox[] = [];
afterAll(async () => {
  await Promise.all(running.map((sandbox) => sandbox.stop()));
});

export async function rehearsal(options: SandboxOptions = {}) {
  const box = await startSandbox({ verifyIntervalMs: 50, dkimChecksBeforeFailure: 40, ...options });
  running.push(box);
  const journalDir = mkdtempSync(join(tmpdir(), "byodkim-journal-"));
  const env = { ...box.env, BYODKIM_JOURNAL_DIR: journalDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  // Regular files only: a test may plant a FIFO or a link in the folder, as an attacker would.
  const journalNames = () => readdirSync(journalDir).filter((name) => lstatSync(join(journalDir, name)).isFile());
  const journals = () =>
    journalNames()
      .map((name) => readFileSync(join(journalDir, name), "utf8"))
      .join("\n");
  const state = () => JSON.parse(box.world.secrets.get(SANDBOX_DEFAULTS.secretId)!.versions.at(-1)!.value) as Record<string, unknown>;
  const lockAt = lockLocation({ bucket: SANDBOX_DEFAULTS.bucket, key: SANDBOX_DEFAULTS.keyTemplate }, SANDBOX_DEFAULTS.domain);
  /** The change lock object's text as it stands in the sandbox's S3, or null when no run holds it. */
  const lockText = () => box.world.buckets.get(lockAt.bucket)?.get(lockAt.key)?.toString("utf8") ?? null;
  /** Runs `byodkim` against the sandbox; `stdin` is typed at the prompt, `onSpawn` drives the child (signals, answers). */
  const byodkim = async (
    args: string[],
    options: Pick<SpawnOptions, "stdin" | "keepStdinOpen" | "onSpawn"> & { as?: "operator" | "approver"; env?: Record<string, string> } = {},
  ) => {
    const { as = "operator", env: more = {}, ...spawnOptions } = options;
    // In the sandbox's folder, whose byodkim.config.yaml is the default: every command byodkim prints runs there exactly as printed.
    const result = await spawnCli(args, {
      env: { ...env, ...box.envAs[as], BYODKIM_JOURNAL_DIR: journalDir, ...more },
      cwd: dirname(box.configPath),
      ...spawnOptions,
    });
    const everything = [result.stdout, result.stderr, journals(), JSON.stringify(box.world.log), JSON.stringify(state()), lockText() ?? ""].join("\n");
    expect(leakedCanaries(everything, sandboxKeyCanaries(box))).toEqual([]);
    return result;
  };
  /**
   * The state secret as it will read `days` from now: every time byodkim recorded moves that far
   * back (a new secret version, as another writer's would be). The calendar for the grace period,
   * without a clock inside byodkim that tests could set.
   */
  const ageState = (days: number) => ageStateSecret(box.world, days);
  /**
   * The sandbox's calendar moves on `days` (as `byodkim sandbox advance` does): its services stamp
   * the new date, and every byodkim run started afterwards reads it through BYODKIM_SANDBOX_CLOCK.
   */
  const advanceClock = (days: number): Date => {
    advanceSandboxClock(box.world, days);
    return sandboxNow(box.world);
  };
  const identity = () => box.world.identities.get(SANDBOX_DEFAULTS.domain)!;
  /** The seed's key under another selector, in S3 and published: the same key renamed, which a rotation must refuse. */
  const renameSeedKey = (renamed: string) => {
    const objects = box.world.buckets.get(SANDBOX_DEFAULTS.bucket)!;
    const seedKey = objects.get(privateKeyObjectKey(SANDBOX_DEFAULTS.keyTemplate, SANDBOX_DEFAULTS.domain, SANDBOX_DEFAULTS.selector))!;
    objects.set(privateKeyObjectKey(SANDBOX_DEFAULTS.keyTemplate, SANDBOX_DEFAULTS.domain, renamed), seedKey);
    for (const records of box.world.nameservers)
      records.push({ name: `${renamed}._domainkey.${SANDBOX_DEFAULTS.domain}`, type: "TXT", data: dkimTxtStrings(box.seed.publicKeyBase64) });
  };
  /** A new key for `selector`, uploaded to S3 and its record published on every nameserver, as the DNS team would after keygen. */
  const uploadAndPublishKey = (selector: string) => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    box.world.buckets
      .get(SANDBOX_DEFAULTS.bucket)!
      .set(
        privateKeyObjectKey(SANDBOX_DEFAULTS.keyTemplate, SANDBOX_DEFAULTS.domain, selector),
        Buffer.from(privateKey.export({ type: "pkcs1", format: "pem" }).toString()),
      );
    for (const records of box.world.nameservers)
      records.push({
        name: `${selector}._domainkey.${SANDBOX_DEFAULTS.domain}`,
        type: "TXT",
        data: dkimTxtStrings(publicKey.export({ type: "spki", format: "der" }).toString("base64")),
      });
  };
  /** Sets a fault over the sandbox's own HTTP admin path, as a drill in another process would. */
  const injectFault = async (operation: string, fault: string) => {
    const response = await fetch(`${box.endpoint}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ operation, fault }) });
    expect(response.status).toBe(200);
  };
  const sesMutations = () =>
    box.world.log.filter((entry) => entry.service === "ses" && entry.operation.startsWith("Put")).map((entry) => `${entry.operation}:${entry.status}`);
  /** Every journal entry of every run, in file order. */
  const journalEntries = () =>
    journalNames().flatMap((name) =>
      readFileSync(join(journalDir, name), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { event: string; call?: string }),
    );
  /** Writes a journal file as another run (or a run killed mid-write) would have left it. */
  const plantJournal = (name: string, text: string) => {
    writeFileSync(join(journalDir, name), text);
    return join(journalDir, name);
  };
  const journalFiles = () => readdirSync(journalDir).map((name) => join(journalDir, name));
  const lock = () => {
    const text = lockText();
    return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
  };
  return {
    box,
    byodkim,
    state,
    ageState,
    advanceClock,
    lock,
    identity,
    uploadAndPublishKey,
    renameSeedKey,
    injectFault,
    sesMutations,
    journalEntries,
    journalDir,
    journalFiles,
    plantJournal,
  };
}

export const gatesOf = (stdout: string) => JSON.parse(stdout).gates as { id: string; status: string; code: string }[];

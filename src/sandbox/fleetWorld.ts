import { generateKeyPairSync, randomBytes } from "node:crypto";
import { privateKeyObjectKey } from "../config/config.js";
import { fingerprintSpki } from "../dkim/publicKey.js";
import { KEY_HISTORY_FIELD, type KeyHistoryEntry } from "../state/keyHistory.js";
import { metaKey } from "./api/s3Meta.js";
import { newIdentity } from "./api/sesv2.js";
import { dkimTxtStrings, SANDBOX_DEFAULTS } from "./defaults.js";
import {
  FLEET_DOMAINS,
  FLEET_EMAIL_IDENTITY,
  type FleetDomain,
  type FleetHistory,
  type FleetKey,
  type FleetSigning,
  fleetDomainName,
  fleetSelectorPrefix,
  type TxtServed,
} from "./fleet.js";
import { EASY_DKIM_HOSTED_ZONE } from "./sesDkim.js";
import { identitiesIn, type SandboxIdentity, type SandboxWorld } from "./world.js";

const DAY_MS = 86_400_000;

export interface KeyMaterial {
  readonly pem: string;
  readonly spkiDer: Buffer;
  readonly publicKeyBase64: string;
}

export function newKeyMaterial(): KeyMaterial {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const spkiDer = publicKey.export({ type: "spki", format: "der" });
  return { pem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), spkiDer, publicKeyBase64: spkiDer.toString("base64") };
}

/** A few keys shared round the fleet: a 2048-bit key takes a noticeable moment to make, and status compares per domain anyway. */
export const POOL_SIZE = 5;

/** A key of the fleet as the world holds it. */
export interface FleetSeededKey {
  readonly domain: string;
  readonly selector: string;
  readonly publicKeyBase64: string;
  /** The key some nameservers serve instead, where the case says so. */
  readonly otherPublicKeyBase64: string;
}

/**
 * Seeds FLEET_DOMAINS into the good world: per domain its keys (S3 object, key history entry, TXT
 * records), its identity in each region, and the Easy DKIM CNAMEs; then the address identity.
 */
export function seedFleet(world: SandboxWorld, now: Date = new Date()): FleetSeededKey[] {
  const pool = Array.from({ length: POOL_SIZE }, newKeyMaterial);
  const stranger = newKeyMaterial();
  const history: Record<string, KeyHistoryEntry> = {};
  const seeded: FleetSeededKey[] = [];
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);

  FLEET_DOMAINS.forEach((spec, d) => {
    const domain = fleetDomainName(spec);
    const selectors = (spec.keys ?? []).map((key, k) => {
      const material = pool[(d + k) % POOL_SIZE]!;
      const selector = selectorOf(spec, key, now);
      const objectKey = privateKeyObjectKey(SANDBOX_DEFAULTS.keyTemplate, domain, selector);
      if (key.objectDaysAgo !== false) {
        const writtenDaysAgo = key.objectDaysAgo ?? key.history?.createdDaysAgo ?? key.datedDaysAgo;
        putKeyObject(world, objectKey, selector, material, key.history, writtenDaysAgo === undefined ? now : at(writtenDaysAgo));
      }
      if (key.history) history[selector] = historyEntry(key.history, material, `s3://${SANDBOX_DEFAULTS.bucket}/${objectKey}`, at);
      publishTxt(world, `${selector}._domainkey.${domain}`, key.txt, material, stranger);
      seeded.push({ domain, selector, publicKeyBase64: material.publicKeyBase64, otherPublicKeyBase64: stranger.publicKeyBase64 });
      return { selector, key, material };
    });
    for (const [region, signing] of Object.entries(spec.ses) as [string, FleetSigning][]) {
      const identity = newIdentity(domain, now);
      if (signing.origin === "EXTERNAL") {
        const signed = selectors[signing.key ?? 0]!;
        // When SES was handed the key: the history's, else the best date the case has (an undated, unkept key: three weeks).
        const { history: kept, datedDaysAgo, objectDaysAgo } = signed.key;
        const since = kept?.activeDaysAgo ?? kept?.createdDaysAgo ?? datedDaysAgo ?? (objectDaysAgo === false ? undefined : objectDaysAgo) ?? 21;
        signWithKey(identity, signed.selector, signed.material, signing, at(since), now);
      } else {
        Object.assign(identity.dkim, { status: "SUCCESS", signingEnabled: signing.signingEnabled ?? true, lastKeyGeneration: at(60) });
        publishCnames(world, domain, identity.dkim.tokens, signing.cnames ?? "published");
      }
      Object.assign(identity, { verificationStatus: identity.dkim.status, verifiedForSending: identity.dkim.status !== "FAILED" });
      identitiesIn(world, region).set(domain, identity);
    }
  });

  const address = newIdentity(FLEET_EMAIL_IDENTITY, now);
  // An address identity signs with its domain's DKIM; SES shows no DKIM setup of its own.
  Object.assign(address, { verificationStatus: "SUCCESS", verifiedForSending: true });
  Object.assign(address.dkim, { status: "NOT_STARTED", tokens: [], signingHostedZone: undefined, signingEnabled: false });
  address.verificationInfo = { errorType: undefined, lastChecked: now, lastSuccess: now };
  world.identities.set(FLEET_EMAIL_IDENTITY, address);

  recordKeyHistory(world, history, now);
  return seeded;
}

export const yyyymmdd = (date: Date) => date.toISOString().slice(0, 10).replaceAll("-", "");

function selectorOf(spec: FleetDomain, key: FleetKey, now: Date): string {
  const prefix = fleetSelectorPrefix(spec);
  return key.datedDaysAgo === undefined ? `${prefix}-legacy` : `${prefix}-${yyyymmdd(new Date(now.getTime() - key.datedDaysAgo * DAY_MS))}-1`;
}

export function putKeyObject(
  world: SandboxWorld,
  objectKey: string,
  selector: string,
  material: KeyMaterial,
  history: FleetHistory | undefined,
  written: Date,
): void {
  world.buckets.get(SANDBOX_DEFAULTS.bucket)!.set(objectKey, Buffer.from(material.pem));
  // keygen tags what it writes; a key from before byodkim has no tags.
  const tags: Record<string, string> = history ? { "byodkim:selector": selector, "byodkim:status": history.status } : {};
  world.objectMeta.set(metaKey(SANDBOX_DEFAULTS.bucket, objectKey), { serverSideEncryption: "AES256", tags, lastModified: written });
}

export function historyEntry(history: FleetHistory, material: KeyMaterial, location: string, at: (daysAgo: number) => Date): KeyHistoryEntry {
  const stamp = (field: keyof KeyHistoryEntry, daysAgo: number | undefined) => (daysAgo === undefined ? {} : { [field]: at(daysAgo).toISOString() });
  return {
    status: history.status,
    created_at: at(history.createdDaysAgo).toISOString(),
    bits: 2048,
    fingerprint: fingerprintSpki(material.spkiDer),
    location,
    ...stamp("active_since", history.activeDaysAgo),
    ...stamp("retiring_since", history.retiringDaysAgo),
    ...stamp("retire_after", history.retireAfterDaysAgo),
    ...stamp("retired_at", history.retiredDaysAgo),
  };
}

export function publishTxt(world: SandboxWorld, name: string, txt: FleetKey["txt"], material: KeyMaterial, stranger: KeyMaterial): void {
  world.nameservers.forEach((records, i) => {
    const served: TxtServed = typeof txt === "string" ? txt : (txt?.[i] ?? "key");
    if (served === "none") return;
    records.push({ name, type: "TXT", data: dkimTxtStrings((served === "key" ? material : stranger).publicKeyBase64) });
  });
}

/** BYODKIM as SES leaves it after PutEmailIdentityDkimSigningAttributes and its verification. */
export function signWithKey(
  identity: SandboxIdentity,
  selector: string,
  material: KeyMaterial,
  signing: Extract<FleetSigning, { origin: "EXTERNAL" }>,
  since: Date,
  now: Date,
): void {
  const status = signing.status ?? "SUCCESS";
  Object.assign(identity.dkim, {
    origin: "EXTERNAL",
    status,
    tokens: [selector],
    signingHostedZone: undefined,
    signingEnabled: signing.signingEnabled ?? true,
    currentKeyLength: "RSA_2048_BIT",
    lastKeyGeneration: since,
    externalPublicKeySpki: material.spkiDer,
  });
  identity.verificationInfo = { errorType: signing.errorType, lastChecked: now, lastSuccess: status === "SUCCESS" ? now : since };
}

function publishCnames(world: SandboxWorld, domain: string, tokens: readonly string[], cnames: "published" | "oneMissing" | "oneWrong"): void {
  // A stale token, as left behind by an earlier Easy DKIM setup.
  const stale = randomBytes(16).toString("hex");
  for (const records of world.nameservers) {
    tokens.forEach((token, i) => {
      if (i === 1 && cnames === "oneMissing") return;
      const target = i === 1 && cnames === "oneWrong" ? `${stale}.${EASY_DKIM_HOSTED_ZONE}` : `${token}.${EASY_DKIM_HOSTED_ZONE}`;
      records.push({ name: `${token}._domainkey.${domain}`, type: "CNAME", data: target });
    });
  }
}

/** The fleet's key history goes into the one state secret, as a new version over the good world's. */
function recordKeyHistory(world: SandboxWorld, history: Record<string, KeyHistoryEntry>, now: Date): void {
  const secret = world.secrets.get(SANDBOX_DEFAULTS.secretId)!;
  const current = JSON.parse(secret.versions.at(-1)!.value) as Record<string, unknown>;
  secret.versions.push({ id: "seed-fleet", value: JSON.stringify({ ...current, [KEY_HISTORY_FIELD]: history }), created: now });
}

import { createPublicKey, generateKeyPair, type KeyObject } from "node:crypto";
import { dkimTxtStrings } from "./defaults.js";
import { everyAccountIdentities, type SandboxWorld, type ZoneRecord } from "./world.js";

/**
 * The selector of SES's own feedback signature (d=amazonses.com). Real SES uses one per region; the
 * sandbox's is made up, so nothing in a rehearsal can be mistaken for a real key.
 */
export const AMAZONSES_SELECTOR = "byodkimsandbox4amazonsesfeedback";
export const AMAZONSES_DOMAIN = "amazonses.com";

/** SES's own keys: Easy DKIM's (behind every identity's token CNAMEs) and amazonses.com's. */
export interface SesSigningKeys {
  readonly easyDkim: KeyObject;
  readonly amazonses: KeyObject;
  /** A key no DNS record publishes: what SES signs with under the wrong-key drill, so the signature fails. */
  readonly wrong: KeyObject;
}

const newRsaKey = () =>
  new Promise<KeyObject>((resolve, reject) =>
    generateKeyPair("rsa", { modulusLength: 2048 }, (err, _publicKey, privateKey) => (err ? reject(err) : resolve(privateKey))),
  );

/**
 * Made as the sandbox starts, off the event loop: made on the first DNS query instead, they would
 * hold that answer past SES's own verification timeout on a busy machine.
 */
export async function prepareSesSigningKeys(world: SandboxWorld): Promise<void> {
  if (!sesKeysOfThisProcess) {
    sesKeysOfThisProcess = makeSesKeys().catch((err: unknown) => {
      sesKeysOfThisProcess = undefined;
      throw err;
    });
  }
  world.mail.sesKeys = await sesKeysOfThisProcess;
}

/**
 * AWS's own keys are AWS's, not a rehearsal's: every sandbox of one process shares them, so a test
 * file that starts dozens of sandboxes generates three RSA keys once, not three per sandbox.
 */
let sesKeysOfThisProcess: Promise<SesSigningKeys> | undefined;

async function makeSesKeys(): Promise<SesSigningKeys> {
  const [easyDkim, amazonses, wrong] = await Promise.all([newRsaKey(), newRsaKey(), newRsaKey()]);
  return { easyDkim, amazonses, wrong };
}

export function sesSigningKeys(world: SandboxWorld): SesSigningKeys {
  if (!world.mail.sesKeys) throw new Error("the sandbox's SES keys are made as it starts");
  return world.mail.sesKeys;
}

/** The p= of a DKIM key record: the public half as SubjectPublicKeyInfo, base64. */
export const dkimPublicKeyBase64 = (key: KeyObject): string => createPublicKey(key).export({ type: "spki", format: "der" }).toString("base64");

/**
 * What AWS's own zones serve, on every sandbox nameserver beside the operator's records: each Easy
 * DKIM token's key at `<token>.dkim.amazonses.com` (where the domain's CNAMEs point), SES's feedback
 * key, and amazonses.com's SPF record. Computed on each query, so a new identity's tokens resolve at once.
 */
export function sesZoneRecords(world: SandboxWorld): ZoneRecord[] {
  const keys = world.mail.sesKeys;
  if (!keys) return [];
  const easyDkim = dkimTxtStrings(dkimPublicKeyBase64(keys.easyDkim));
  const tokens = everyAccountIdentities(world).flatMap(([, identities]) =>
    [...identities.values()].flatMap((identity) =>
      identity.dkim.origin === "AWS_SES" && identity.dkim.signingHostedZone
        ? identity.dkim.tokens.map((token) => `${token}.${identity.dkim.signingHostedZone}`)
        : [],
    ),
  );
  return [
    ...tokens.map((name): ZoneRecord => ({ name, type: "TXT", data: easyDkim })),
    { name: `${AMAZONSES_SELECTOR}._domainkey.${AMAZONSES_DOMAIN}`, type: "TXT", data: dkimTxtStrings(dkimPublicKeyBase64(keys.amazonses)) },
    {
      name: AMAZONSES_DOMAIN,
      type: "TXT",
      data: [
        "v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 ip4:54.240.0.0/18 ip4:69.169.224.0/20 ip4:23.249.208.0/20 ip4:23.251.224.0/19 ip4:76.223.176.0/20 ip4:54.240.64.0/19 ip4:54.240.96.0/19 ip4:52.82.172.0/22 -all",
      ],
    },
  ];
}

import { promises as dns } from "node:dns";
import { normaliseDkimPublicKey } from "../dkim/publicKey.js";
import { recordVerificationAttempt } from "./sesDkim.js";
import { everyAccountIdentities, mailIdentityKey, type SandboxIdentity, type SandboxWorld } from "./world.js";

const errorTypeOf = (err: unknown): "HOST_NOT_FOUND" | "TYPE_NOT_FOUND" | "DNS_SERVER_ERROR" => {
  const code = (err as { code?: string }).code;
  if (code === "ENOTFOUND") return "HOST_NOT_FOUND";
  if (code === "ENODATA") return "TYPE_NOT_FOUND";
  return "DNS_SERVER_ERROR";
};

/** SES's view of one BYODKIM record: the p= of each TXT record at the selector, compared with the key it was given. */
function matchesExternalKey(records: string[][], expected: Buffer): boolean {
  return records.some((strings) => {
    const p = /(?:^|;)\s*p\s*=([^;]*)/.exec(strings.join(""))?.[1]?.replace(/\s+/g, "");
    if (!p) return false;
    try {
      return normaliseDkimPublicKey(p).spkiDer.equals(expected);
    } catch {
      return false;
    }
  });
}

/**
 * Looks the identity's DKIM records up over real DNS, as SES does from its side, against the
 * first simulated nameserver (the one SES's resolvers happen to reach).
 */
export async function checkIdentityDkim(world: SandboxWorld, identity: SandboxIdentity, dnsServer: string, now: () => Date): Promise<void> {
  const resolver = new dns.Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([dnsServer]);
  const { dkim } = identity;
  if (dkim.origin === "EXTERNAL" && dkim.externalPublicKeySpki) {
    const expected = dkim.externalPublicKeySpki;
    try {
      const records = await resolver.resolveTxt(`${dkim.tokens[0]}._domainkey.${identity.name}`);
      const matched = matchesExternalKey(records, expected);
      recordVerificationAttempt(identity, matched, matched ? undefined : "INVALID_VALUE", world.dkimChecksBeforeFailure, now());
      // The BYODKIM verification alarm watches for BYODKIM-signed mail: once SES signs with the key, it clears.
      const alarm = world.alarms.get(world.verificationAlarm);
      if (matched && alarm && alarm.state !== "OK") Object.assign(alarm, { state: "OK", reason: "BYODKIM signatures seen (sandbox)", updated: now() });
    } catch (err) {
      recordVerificationAttempt(identity, false, errorTypeOf(err), world.dkimChecksBeforeFailure, now());
    }
    return;
  }
  const results = await Promise.all(
    dkim.tokens.map(async (token) => {
      try {
        const [target] = await resolver.resolveCname(`${token}._domainkey.${identity.name}`);
        return target?.toLowerCase() === `${token}.${dkim.signingHostedZone}` ? undefined : "INVALID_VALUE";
      } catch (err) {
        return errorTypeOf(err);
      }
    }),
  );
  const failure = results.find((result) => result !== undefined);
  recordVerificationAttempt(identity, failure === undefined, failure, world.dkimChecksBeforeFailure, now());
}

/** Re-checks every PENDING identity of every region of every account on an interval, like SES's background verification in each. */
export function startDkimVerification(world: SandboxWorld, dnsServer: string, intervalMs: number, now: () => Date = () => new Date()): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    // A held identity stays PENDING whatever DNS says: a drill keeps SES's slow verification open as long as it needs.
    const pending = everyAccountIdentities(world).flatMap(([region, identities]) =>
      [...identities.values()].filter((identity) => identity.dkim.status === "PENDING" && !world.mail.heldPending.has(mailIdentityKey(region, identity.name))),
    );
    void Promise.all(pending.map((identity) => checkIdentityDkim(world, identity, dnsServer, now))).finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

import { objectMetaOf } from "./api/s3Meta.js";
import { SANDBOX_MAIL } from "./defaults.js";
import { describeMail } from "./mailAdmin.js";
import { sandboxNow } from "./clock.js";
import { roleArn } from "./iam/roles.js";
import { identitiesByRegion, memberIdentitiesByRegion, type SandboxIdentity, type SandboxSecret, type SandboxWorld } from "./world.js";

function describeIdentity(identity: SandboxIdentity, region: string) {
  return {
    name: identity.name,
    region,
    verifiedForSending: identity.verifiedForSending,
    dkim: {
      signingEnabled: identity.dkim.signingEnabled,
      origin: identity.dkim.origin,
      status: identity.dkim.status,
      tokens: identity.dkim.tokens,
      signingHostedZone: identity.dkim.signingHostedZone ?? null,
    },
    verificationErrorType: identity.verificationInfo.errorType ?? null,
  };
}

/** The world as tests and drills read it: no private key, no secret values beyond the state JSON. */
export function describeWorld(world: SandboxWorld) {
  const [[home, homeIdentities], ...others] = identitiesByRegion(world);
  return {
    accountId: world.accountId,
    region: world.region,
    // The home region's, as before regions came: the one region most drills use.
    identities: [...homeIdentities.values()].map((identity) => describeIdentity(identity, home)),
    // Every other region's identities, region → identities.
    regionIdentities: Object.fromEntries(
      others.map(([region, identities]) => [region, [...identities.values()].map((identity) => describeIdentity(identity, region))]),
    ),
    // The migration state secret is JSON operators read anyway; it never holds key material.
    secrets: [...world.secrets.values()].map(describeSecret),
    // Every other region's secrets, region → secrets (one state secret per identity and region).
    regionSecrets: Object.fromEntries(
      [...world.regionSecrets.entries()]
        .filter(([, secrets]) => secrets.size > 0)
        .map(([region, secrets]) => [region, [...secrets.values()].map(describeSecret)]),
    ),
    // Each member account's identities, region → identities, and the sessions of its role (never their secret or token).
    members: [...world.members.values()].map((member) => ({
      id: member.id,
      roleArn: roleArn(member.id, member.role),
      identities: Object.fromEntries(
        memberIdentitiesByRegion(member).map(([region, identities]) => [
          region,
          [...identities.values()].map((identity) => describeIdentity(identity, region)),
        ]),
      ),
      sessions: [...world.sessions.values()]
        .filter((session) => session.account === member.id)
        .map(({ accessKeyId, arn, assumedBy, expiration }) => ({ accessKeyId, arn, assumedBy, expiration: expiration.toISOString() })),
    })),
    alarms: [...world.alarms.values()].map((alarm) => ({ name: alarm.name, state: alarm.state })),
    metrics: world.metrics,
    // Change notices hold no secret: who changed what, where.
    notices: world.notices,
    // Who signed each message SES sent and where it went: no body, no key.
    mail: describeMail(world),
    clock: { now: sandboxNow(world).toISOString(), offsetDays: world.clock.offsetDays },
    // Route 53's zones and every change submitted, with the record sets it named and whether it is served yet.
    route53: {
      zones: [...world.route53.zones.values()],
      changes: [...world.route53.changes.values()].map(({ id, zoneId, status, submittedAt, changes }) => ({
        id,
        zoneId,
        status,
        submittedAt: submittedAt.toISOString(),
        changes: changes.map(({ action, name, type, records }) => ({ action, name, type, values: records.map((record) => record.data) })),
      })),
    },
    // What S3 would say of each object without reading it: never its body.
    objects: [...world.buckets.entries()].flatMap(([bucket, objects]) =>
      [...objects.entries()].map(([key, body]) => {
        const meta = objectMetaOf(world, bucket, key);
        return {
          uri: `s3://${bucket}/${key}`,
          size: body.length,
          serverSideEncryption: meta.serverSideEncryption,
          kmsKeyId: meta.kmsKeyId ?? null,
          tags: meta.tags,
        };
      }),
    ),
  };
}

// The IMAP mailboxes' password is read from Secrets Manager by whoever needs it, as a real one would be.
const describeSecret = (secret: SandboxSecret) => ({
  name: secret.name,
  versions: secret.versions.length,
  current: secret.name === SANDBOX_MAIL.imapSecret ? null : (secret.versions.at(-1)?.value ?? null),
});

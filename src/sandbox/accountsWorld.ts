import { privateKeyObjectKey, stateSecretId } from "../config/config.js";
import { newSecretArn } from "./api/secretsManager.js";
import { newIdentity } from "./api/sesv2.js";
import { SANDBOX_DEFAULTS, SANDBOX_MEMBER, SANDBOX_ORGANIZATION } from "./defaults.js";
import { type KeyMaterial, newKeyMaterial, publishTxt, putKeyObject } from "./fleetWorld.js";
import { DEFAULT_SESSION_SECONDS } from "./assumeRole.js";
import { roleArn, sandboxRole } from "./iam/roles.js";
import { trustPolicyFor } from "./iam/trustPolicy.js";
import { EASY_DKIM_HOSTED_ZONE } from "./sesDkim.js";
import { memberIdentitiesIn, type SandboxMemberAccount, type SandboxWorld, secretsIn } from "./world.js";

/** What the `accounts` scenario put in the world, for the tests. */
export interface MemberSeed {
  readonly member: SandboxMemberAccount;
  readonly domain: string;
  readonly selector: string;
  readonly publicKeyBase64: string;
  /** The key's object in the central keys bucket. */
  readonly objectKey: string;
}

/**
 * A member account whose role trusts the operators' role (world.roles' one) when they send the
 * external id: the trust a member account's administrator sets up for byodkim.
 */
export function memberAccount(world: Pick<SandboxWorld, "accountId" | "roles">, id: string = SANDBOX_MEMBER.accountId): SandboxMemberAccount {
  const operators = [...world.roles.values()][0]!;
  const role = sandboxRole(id, SANDBOX_MEMBER.roleName);
  return {
    id,
    role: { ...role, trustPolicy: trustPolicyFor(roleArn(world.accountId, operators), SANDBOX_MEMBER.externalId) },
    maxSessionSeconds: DEFAULT_SESSION_SECONDS,
    identities: new Map(),
    policy: undefined,
  };
}

/**
 * The `accounts` scenario: the good world, and member account SANDBOX_MEMBER holding its domain in
 * both regions (Easy DKIM, SUCCESS, its CNAMEs published). As byodkim keeps it, the domain's key is
 * in the central keys bucket with its TXT on every nameserver, and its state secret (phase 6, so
 * enable may go ahead) in the operations account, one per region.
 */
export function seedMemberAccount(world: SandboxWorld, now: Date = new Date(), material: KeyMaterial = newKeyMaterial()): MemberSeed {
  return seedMember(world, SANDBOX_MEMBER, now, material);
}

/** One member account holding `domain` in `regions`, its key central and its state secret (phase 6) in the operations account. */
function seedMember(
  world: SandboxWorld,
  seed: { readonly accountId: string; readonly domain: string; readonly regions: readonly string[]; readonly stateSecretId: string },
  now: Date,
  material: KeyMaterial,
): MemberSeed {
  const { accountId, domain, regions, stateSecretId: secretTemplate } = seed;
  const { selector, keyTemplate } = SANDBOX_DEFAULTS;
  const member = memberAccount(world, accountId);
  world.members.set(member.id, member);

  const objectKey = privateKeyObjectKey(keyTemplate, domain, selector);
  putKeyObject(world, objectKey, selector, material, undefined, now);
  publishTxt(world, `${selector}._domainkey.${domain}`, "key", material, material);

  const secretId = stateSecretId({ state: { secretId: secretTemplate }, identities: [] }, domain);
  for (const region of regions) {
    const identity = newIdentity(domain, now);
    Object.assign(identity, { verifiedForSending: true, verificationStatus: "SUCCESS" });
    Object.assign(identity.dkim, { status: "SUCCESS" });
    identity.verificationInfo = { errorType: undefined, lastChecked: now, lastSuccess: now };
    memberIdentitiesIn(member, region).set(domain, identity);
    for (const records of world.nameservers) {
      for (const token of identity.dkim.tokens)
        records.push({ name: `${token}._domainkey.${domain}`, type: "CNAME", data: `${token}.${EASY_DKIM_HOSTED_ZONE}` });
    }
    secretsIn(world, region).set(secretId, {
      name: secretId,
      arn: newSecretArn(world, secretId, region),
      versions: [
        {
          id: "seed-member-phase-6",
          value: JSON.stringify({ current_phase: "6", projectName: "aws-ses-migration", environment: "prod", dkimSeparator: SANDBOX_DEFAULTS.selectorPrefix }),
          created: now,
        },
      ],
    });
  }
  return { member, domain, selector, publicKeyBase64: material.publicKeyBase64, objectKey };
}

/** The config byodkim gets: the good world's, and the member account with its one identity in both regions. */
export function withAccountsConfig<T extends object>(document: T) {
  const { accountId, roleArn: memberRoleArn, externalId, domain, regions, stateSecretId: secretId } = SANDBOX_MEMBER;
  return {
    ...document,
    accounts: [{ id: accountId, roleArn: memberRoleArn, externalId, identities: [{ domain, regions: [...regions], state: { secretId } }] }],
  };
}

/**
 * The `accounts-organization` scenario: the `accounts` world, and member account
 * SANDBOX_ORGANIZATION holding its domain too, so discovery finds two accounts. The operations
 * domain's state secret is copied to its own name (`byodkim/state/{domain}`): the config has one
 * state secret per identity, as an organization's identities found at run time need.
 */
export function seedOrganization(world: SandboxWorld, now: Date = new Date()): MemberSeed[] {
  const seeds = [seedMemberAccount(world, now), seedMember(world, SANDBOX_ORGANIZATION, now, newKeyMaterial())];
  const own = world.secrets.get(SANDBOX_DEFAULTS.secretId);
  const ownName = stateSecretId({ state: { secretId: SANDBOX_ORGANIZATION.stateSecretId }, identities: [] }, SANDBOX_DEFAULTS.domain);
  if (own) world.secrets.set(ownName, { ...own, name: ownName, arn: newSecretArn(world, ownName), versions: own.versions.map((version) => ({ ...version })) });
  return seeds;
}

/** The config byodkim gets: the good world's, with one state secret per identity and the member accounts found through the organization. */
export function withOrganizationConfig<T extends object>(document: T) {
  const { roleName, externalId } = SANDBOX_MEMBER;
  return {
    ...document,
    state: { secretId: SANDBOX_ORGANIZATION.stateSecretId },
    accounts: { fromOrganization: true, roleName, externalId, regions: [...SANDBOX_MEMBER.regions] },
  };
}

/**
 * The sandbox's fixed names, in a module of their own that imports nothing, so that the scenario
 * table and the scenarios' data files can both use them without importing each other.
 */
export const SANDBOX_DEFAULTS = {
  domain: "goo.ne.jp",
  region: "ap-northeast-1",
  accountId: "123456789012",
  selectorPrefix: "gooid-21-pro",
  selector: "gooid-21-pro-20250917-3",
  /** The newer key's selector in the rotation scenarios (byodkim-active, rotation-unpublished). */
  rotationSelector: "gooid-21-pro-20251017-1",
  bucket: "aws-ses-migration-prod-dkim",
  keyTemplate: "dkim/{domain}/{selector}.pem",
  secretId: "aws-ses-migration/prod/dkim-config",
  verificationAlarm: "aws-ses-migration-prod-byodkim-verification",
  bounceAlarm: "aws-ses-migration-prod-bounce-rate",
  /** Where a config with journal.s3 mirrors its run journals (an unattended run's records off the machine). */
  journalBucket: "byodkim-sandbox-journal",
} as const;

/** A DKIM key record split into 255-byte character-strings, as DNS hosts publish 2048-bit keys. */
export function dkimTxtStrings(publicKeyBase64: string): string[] {
  const text = `v=DKIM1; k=rsa; p=${publicKeyBase64}`;
  const strings: string[] = [];
  for (let i = 0; i < text.length; i += 255) strings.push(text.slice(i, i + 255));
  return strings;
}

/** Where the sandbox's SES delivers: the mailboxes a probe reads back (see the sandbox's `probe:` config). */
export const SANDBOX_MAIL = {
  /** Any address here is stored as an SES receipt rule stores inbound mail: in `inboundBucket` under `inboundPrefix`. */
  inboundDomain: "inbound.sandbox.byodkim.test",
  probeAddress: "probe@inbound.sandbox.byodkim.test",
  inboundBucket: "byodkim-sandbox-inbound",
  inboundPrefix: "probe/",
  /** SES receiving runs in fewer regions than sending: the inbound bucket is in one of those, not the home region. */
  inboundRegion: "us-east-1",
  /** `<user>@imapDomain` lands in that IMAP user's INBOX. */
  imapDomain: "imap.sandbox.byodkim.test",
  imapUsers: ["probe", "docomo"],
  /** The Secrets Manager secret (home region) holding the IMAP users' one password. */
  imapSecret: "byodkim-sandbox/imap-probe",
} as const;

/**
 * The `accounts` scenario's member account: SES there holds `domain` in `regions`, reached only by
 * assuming `roleArn` with `externalId` from the operations account; its key and state stay central.
 */
export const SANDBOX_MEMBER = {
  scenario: "accounts",
  accountId: "111111111111",
  roleName: "byodkim-target",
  roleArn: "arn:aws:iam::111111111111:role/byodkim-target",
  externalId: "byodkim-sandbox-external-id",
  domain: "shop.goo.ne.jp",
  regions: ["ap-northeast-1", "ap-northeast-3"],
  /** Its own state secret in the operations account, one per region, as the config's identity names it. */
  stateSecretId: "byodkim/state/{domain}",
} as const;

/**
 * The `accounts-organization` scenario: the `accounts` world, and a second member account holding
 * `domain` in `regions`; the config names no account, only the organization's role (fromOrganization),
 * and one state secret per identity (`stateSecretId`).
 */
export const SANDBOX_ORGANIZATION = {
  scenario: "accounts-organization",
  accountId: "222222222222",
  domain: "point.goo.ne.jp",
  regions: ["ap-northeast-1"],
  stateSecretId: "byodkim/state/{domain}",
} as const;

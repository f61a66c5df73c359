import { readFile } from "node:fs/promises";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { byodkimError } from "../errors.js";
import {
  ALARM_STATES,
  type AlarmExpectation,
  type AlarmState,
  type ByodkimConfig,
  type IdentityConfig,
  ROLLBACK_DEFAULTS,
  ROTATION_DEFAULTS,
  STATE_SECRET_PLACEHOLDER,
} from "./config.js";
import { readDnsServer } from "../dns/dnsServerAddress.js";
import { isAlarmName, isKeyTemplate, isRegionName, isStateSecretId, isValidSelector, normaliseDomain } from "./names.js";
import { readNotify } from "./notifyConfig.js";
import { ConfigReader } from "./configReader.js";
import { readContacts } from "./contacts.js";
import { readApprovals, readPlans } from "./approvalsConfig.js";
import { CHANGE_WINDOW_KEYS, readChangeWindow } from "./changeWindow.js";
import { readWaves } from "./wavesConfig.js";
import { readBake } from "./bakeConfig.js";
import { readDmarc } from "./dmarcConfig.js";
import { readProbe } from "./probeConfig.js";
import { readDnsPublish } from "./dnsPublishConfig.js";
import { readJournalMirror } from "./journalConfig.js";
import { readAccounts } from "./accountsConfig.js";
import { canonicalTimeZone } from "../messages/peopleTime.js";

export { DEFAULT_CONFIG_PATH } from "./config.js";

/** Reads and validates the config file; every problem names the key and what was expected. */
export async function loadConfig(path: string): Promise<ByodkimConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw byodkimError("config", "config.missing", { path }, "config.missing.hint");
    throw byodkimError("config", "config.unreadable", { path, reason: code ?? "unknown" });
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (err) {
    const line = err instanceof YAMLParseError ? (err.linePos?.[0]?.line ?? 0) : 0;
    throw byodkimError("config", "config.notYaml", { path, line });
  }
  return validateConfig(document, path);
}

const KEY_TEMPLATE_EXPECTED =
  "an S3 object key template containing {selector} exactly once, at most 1024 characters, without *, ? or $ (IAM would read them as a pattern)";

const STATE_SECRET_EXPECTED =
  "the Secrets Manager secret holding the migration state: its name (letters, digits and /_+=.@-, no * or ?; {domain} for one secret per identity, e.g. byodkim/state/{domain}) or its full ARN";

const isAlarmState = (value: unknown): value is AlarmState => ALARM_STATES.includes(value as AlarmState);

export function validateConfig(document: unknown, path: string): ByodkimConfig {
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw byodkimError("config", "config.invalid", { path, key: "(top level)", expected: "a mapping of keys" });
  }
  const read = new ConfigReader(document as Record<string, unknown>);
  read.onlyKeys("", [
    "domain",
    "region",
    "accountId",
    "selectorPrefix",
    "keys",
    "state",
    "alarms",
    "dns",
    "journal",
    "rotation",
    "rollback",
    "identities",
    "notify",
    "timeZone",
    "contacts",
    "dashboardUrl",
    "approvals",
    "plans",
    ...CHANGE_WINDOW_KEYS,
    "waves",
    "bake",
    "dmarc",
    "probe",
    "accounts",
  ]);
  read.onlyKeys("rotation", ["maxAgeDays", "warnDays", "graceDays", "auto", "dnsTimeoutDays"]);
  read.onlyKeys("rollback", ["permissionsGraceMs"]);
  read.onlyKeys("journal", ["dir", "s3"]);
  read.onlyKeys("keys", ["bucket", "key", "kmsKeyId"]);
  read.onlyKeys("state", ["secretId"]);
  read.onlyKeys("dns", ["servers", "publish"]);

  const domainText = read.optionalString("domain", "a domain name such as goo.ne.jp", (s) => normaliseDomain(s) !== undefined);
  const region = read.optionalString("region", "an AWS region such as ap-northeast-1", isRegionName);
  if (typeof read.value("accountId") === "number") {
    read.problem("accountId", 'a 12-digit AWS account id in quotes, e.g. "123456789012" (unquoted numbers lose leading zeros)');
  }
  const accountId = read.string("accountId", 'a 12-digit AWS account id in quotes, e.g. "123456789012"', (s) => /^\d{12}$/.test(s));
  const selectorPrefix = read.string(
    "selectorPrefix",
    "a selector prefix of letters, digits and inner hyphens, e.g. gooid-21-pro",
    (s) => isValidSelector(s) && s.length <= 50,
  );
  const bucket = read.string("keys.bucket", "the S3 bucket name holding the DKIM private keys", (s) => /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(s));
  const keyTemplate = read.string("keys.key", `${KEY_TEMPLATE_EXPECTED}, e.g. "dkim/{domain}/{selector}.pem"`, isKeyTemplate);
  const kmsKeyId = read.optionalString("keys.kmsKeyId", "a KMS key id, alias (alias/…) or ARN for the keys' SSE-KMS encryption", (s) =>
    /^[A-Za-z0-9:/_-]{1,2048}$/.test(s),
  );
  const rotation = readRotation(read);
  const rollback = readRollback(read);
  const secretId = read.string("state.secretId", STATE_SECRET_EXPECTED, isStateSecretId);
  const alarms = readAlarms(read);
  const servers = readServers(read);
  const publish = readDnsPublish(read);
  const journalDir = read.optionalString("journal.dir", "a folder for the run journals", (s) => s.length > 0);
  const journalMirror = readJournalMirror(read);
  const notify = readNotify(read);
  const timeZoneText = read.optionalString("timeZone", "an IANA time zone such as Asia/Tokyo or UTC", (s) => canonicalTimeZone(s) !== undefined);
  const contacts = readContacts(read);
  const dashboardUrl = read.optionalString("dashboardUrl", "an https URL of the dashboard watched during a change", isHttpsUrl);
  const approvals = readApprovals(read);
  const plans = readPlans(read);
  const changeCalendar = readChangeWindow(read);
  const waves = readWaves(read);
  const bake = readBake(read);
  const dmarc = readDmarc(read);
  const probe = readProbe(read);
  const inherited = { selectorPrefix, keys: { bucket, key: keyTemplate, kmsKeyId } };
  const listed: ListedDomains = new Map();
  if (domainText !== undefined) listed.set(normaliseDomain(domainText) ?? domainText, { account: undefined });
  const ownIdentities = readIdentities(read, inherited, listed, { path: "identities", operationsAccount: accountId });
  const members = readAccounts(read, accountId, (path, account) => readIdentities(read, inherited, listed, { path, account, operationsAccount: accountId }));
  const identities = [...ownIdentities, ...members.identities];
  // Identities found at run time have no entry to name a secret of their own: one shared secret would hold every one's selector and snapshot.
  if (members.organization !== undefined && !secretId.startsWith("arn:") && !secretId.includes(STATE_SECRET_PLACEHOLDER)) {
    read.problem(
      "state.secretId",
      `a secret name holding {domain}, e.g. byodkim/state/{domain}: with accounts.fromOrganization each identity found records its own state`,
    );
  }

  if (read.problems.length > 0) {
    const [first] = read.problems;
    const more = read.problems.length - 1;
    const params = { path, key: first!.key, expected: first!.expected };
    throw more > 0 ? byodkimError("config", "config.invalidAndMore", { ...params, more }) : byodkimError("config", "config.invalid", params);
  }
  return {
    domain: domainText === undefined ? undefined : normaliseDomain(domainText),
    region,
    accountId,
    selectorPrefix,
    keys: { bucket, key: keyTemplate, kmsKeyId },
    state: { secretId },
    alarms,
    dns: publish === undefined ? { servers } : { servers, publish },
    rotation,
    rollback,
    identities,
    ...(members.accounts.length === 0 ? {} : { accounts: members.accounts }),
    ...(members.organization === undefined ? {} : { organization: members.organization }),
    journal: { dir: journalDir, ...(journalMirror === undefined ? {} : { s3: journalMirror }) },
    notify,
    timeZone: timeZoneText === undefined ? undefined : canonicalTimeZone(timeZoneText),
    contacts,
    ...(dashboardUrl === undefined ? {} : { dashboardUrl }),
    approvals,
    plans,
    ...(changeCalendar === undefined ? {} : { changeCalendar }),
    ...(waves === undefined ? {} : { waves }),
    ...(bake === undefined ? {} : { bake }),
    ...(dmarc === undefined ? {} : { dmarc }),
    ...(probe === undefined ? {} : { probe }),
  };
}

/** The dashboard link is opened by a person from a terminal: only https, with a host. */
function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function readRotation(read: ConfigReader): ByodkimConfig["rotation"] {
  const days = (name: "maxAgeDays" | "warnDays" | "graceDays", min: number, max = 3650): number =>
    read.wholeNumber(`rotation.${name}`, min, max, Math.min(ROTATION_DEFAULTS[name], max), `a whole number of days from ${min} to ${max}`);
  const maxAgeDays = days("maxAgeDays", 1);
  // A warning window as long as the key's life would warn from the day the key is made.
  const rotation = { maxAgeDays, warnDays: days("warnDays", 0, maxAgeDays - 1), graceDays: days("graceDays", 0) };
  // Left out when absent, so a config without them reads as before and ROTATION_DEFAULTS stays the one default.
  const auto = read.value("rotation.auto");
  if (auto !== undefined && auto !== null && typeof auto !== "boolean") {
    read.problem("rotation.auto", "true or false (unquoted): whether tick may change SES without a person's answer (default false)");
  }
  const timeoutGiven = read.value("rotation.dnsTimeoutDays") !== undefined && read.value("rotation.dnsTimeoutDays") !== null;
  const dnsTimeoutDays = !timeoutGiven
    ? undefined
    : read.wholeNumber(
        "rotation.dnsTimeoutDays",
        1,
        maxAgeDays,
        ROTATION_DEFAULTS.dnsTimeoutDays,
        `a whole number of days from 1 to ${maxAgeDays} (rotation.maxAgeDays): how long tick waits for a new key's record before it needs a person`,
      );
  return { ...rotation, ...(typeof auto === "boolean" ? { auto } : {}), ...(dnsTimeoutDays === undefined ? {} : { dnsTimeoutDays }) };
}

function readRollback(read: ConfigReader): ByodkimConfig["rollback"] {
  const { permissionsGraceMs, maxPermissionsGraceMs } = ROLLBACK_DEFAULTS;
  return {
    permissionsGraceMs: read.wholeNumber(
      "rollback.permissionsGraceMs",
      0,
      maxPermissionsGraceMs,
      permissionsGraceMs,
      `a whole number of milliseconds from 0 to ${maxPermissionsGraceMs}`,
    ),
  };
}

const IDENTITY_KEYS = ["domain", "regions", "selectorPrefix", "keys", "state"] as const;

/** Where each domain read so far is listed: a domain is listed once, and a second listing names the first one's account. */
export type ListedDomains = Map<string, { readonly account: string | undefined }>;

/**
 * `identities:` entries (top level, or a member account's under `accounts:`) inherit the top-level
 * selector prefix and keys; a domain is listed once across all of them.
 */
export function readIdentities(
  read: ConfigReader,
  inherited: Pick<IdentityConfig, "selectorPrefix" | "keys">,
  listed: ListedDomains,
  place: { readonly path: string; readonly account?: string | undefined; readonly operationsAccount: string } = { path: "identities", operationsAccount: "" },
): IdentityConfig[] {
  const entries = read.mappings(
    place.path,
    "a list of { domain, regions, selectorPrefix, keys, state }",
    "a mapping with domain and optionally regions, selectorPrefix, keys, state",
    IDENTITY_KEYS,
  );
  return entries.flatMap((at): IdentityConfig[] => {
    read.onlyKeys(`${at}.keys`, ["bucket", "key", "kmsKeyId"]);
    read.onlyKeys(`${at}.state`, ["secretId"]);
    const domainText = read.string(`${at}.domain`, "a domain name such as mail.goo.ne.jp", (s) => normaliseDomain(s) !== undefined);
    const domain = normaliseDomain(domainText);
    const before = domain === undefined ? undefined : listed.get(domain);
    if (domain !== undefined && before !== undefined) {
      const here = place.account ?? place.operationsAccount;
      const there = before.account ?? place.operationsAccount;
      read.problem(
        `${at}.domain`,
        there === here
          ? `a domain not listed before (${domain} is)`
          : `a domain listed under one account only (${domain} is listed under both ${there} and ${here})`,
      );
    }
    if (domain !== undefined && before === undefined) listed.set(domain, { account: place.account });
    const regions = read.value(`${at}.regions`);
    const regionsValid = Array.isArray(regions) && regions.length > 0 && regions.every((r) => typeof r === "string" && isRegionName(r));
    if (regions !== undefined && regions !== null && !regionsValid)
      read.problem(`${at}.regions`, "a list of AWS regions such as [ap-northeast-1, ap-northeast-3]");
    const regionList = regionsValid ? [...new Set(regions as string[])] : undefined;
    const selectorPrefix =
      read.optionalString(
        `${at}.selectorPrefix`,
        "a selector prefix of letters, digits and inner hyphens, e.g. mail-pro",
        (s) => isValidSelector(s) && s.length <= 50,
      ) ?? inherited.selectorPrefix;
    const bucket =
      read.optionalString(`${at}.keys.bucket`, "the S3 bucket name holding this identity's DKIM private keys", (s) =>
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(s),
      ) ?? inherited.keys.bucket;
    const key = read.optionalString(`${at}.keys.key`, KEY_TEMPLATE_EXPECTED, isKeyTemplate) ?? inherited.keys.key;
    const kmsKeyId =
      read.optionalString(`${at}.keys.kmsKeyId`, "a KMS key id, alias (alias/…) or ARN", (s) => /^[A-Za-z0-9:/_-]{1,2048}$/.test(s)) ?? inherited.keys.kmsKeyId;
    const stateSecret = read.optionalString(`${at}.state.secretId`, STATE_SECRET_EXPECTED, isStateSecretId);
    const state = stateSecret === undefined ? {} : { state: { secretId: stateSecret } };
    const account = place.account === undefined ? {} : { account: place.account };
    return domain === undefined ? [] : [{ domain, regions: regionList, selectorPrefix, keys: { bucket, key, kmsKeyId }, ...state, ...account }];
  });
}

function readAlarms(read: ConfigReader): AlarmExpectation[] {
  const entries = read.mappings("alarms", "a list of { name, before, after }", "a mapping with name, before and after", ["name", "before", "after"]);
  return entries.flatMap((at): AlarmExpectation[] => {
    const { name, before, after } = read.value(at) as Record<string, unknown>;
    if (typeof name !== "string" || !isAlarmName(name))
      read.problem(`${at}.name`, "the CloudWatch alarm name: 1 to 255 characters, no control characters, and no *, ? or $ (the policy names it exactly)");
    const beforeList = typeof before === "string" ? [before] : before;
    if (!Array.isArray(beforeList) || beforeList.length === 0 || !beforeList.every(isAlarmState)) {
      read.problem(`${at}.before`, "a list of alarm states among OK, ALARM, INSUFFICIENT_DATA");
    }
    if (!isAlarmState(after)) read.problem(`${at}.after`, "one alarm state: OK, ALARM or INSUFFICIENT_DATA");
    return [
      {
        name: typeof name === "string" ? name : "",
        before: Array.isArray(beforeList) ? beforeList.filter(isAlarmState) : [],
        after: isAlarmState(after) ? after : "OK",
      },
    ];
  });
}

function readServers(read: ConfigReader): string[] {
  const value = read.value("dns.servers");
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((s) => typeof s === "string" && s.length > 0)) {
    read.problem("dns.servers", 'a list of nameservers as "host" or "host:port" (empty: discover)');
    return [];
  }
  // Checked here, so a typo is blamed on the config key and not on --dns-server.
  value.forEach((server: string, index) => {
    if (!readDnsServer(server)) read.problem(`dns.servers[${index}]`, 'a nameserver as "host", "host:port", "[IPv6]" or "[IPv6]:port", e.g. "192.0.2.53"');
  });
  return value as string[];
}

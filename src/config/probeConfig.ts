import type { ConfigReader } from "./configReader.js";
import { isRegionName, isSecretId } from "./names.js";

/** Where a probe message is read back: the S3 prefix an SES receipt rule stores mail under, or an IMAP mailbox. */
export type ProbeReadBack =
  /** `region` undefined: the region in force. SES receives in fewer regions than it sends, so the bucket's may differ. */
  | { readonly kind: "s3"; readonly bucket: string; readonly prefix: string; readonly region: string | undefined }
  /** The password is never in the config: only the Secrets Manager secret that holds it. */
  | { readonly kind: "imap"; readonly host: string; readonly port: number; readonly secure: boolean; readonly user: string; readonly passwordSecret: string };

/** One mailbox a probe is sent to and read back from, judged on its own. */
export interface ProbeTarget {
  readonly name: string;
  readonly to: string;
  readonly readBack: ProbeReadBack;
}

/** `probe:`, the mail `verify --probe` sends through the identity and reads back. */
export interface ProbeConfig {
  /** The sender; `{domain}` stands for the identity's domain (PROBE_FROM_DEFAULT). */
  readonly from: string;
  readonly targets: readonly ProbeTarget[];
}

/** The default of `--probe-timeout`: receivers deliver in seconds, a greylisting one in minutes. */
export const PROBE_TIMEOUT_DEFAULT_SECONDS = 120;

export const PROBE_DOMAIN_PLACEHOLDER = "{domain}";
export const PROBE_FROM_DEFAULT = "byodkim-probe@{domain}";
/** IMAP over TLS (RFC 8314 §3.3); plain IMAP's port when the config asks for `secure: false`. */
export const IMAPS_PORT = 993;
export const IMAP_PLAIN_PORT = 143;

/** The sender address for `domain`. */
export const probeFrom = (probe: Pick<ProbeConfig, "from">, domain: string): string => probe.from.replaceAll(PROBE_DOMAIN_PLACEHOLDER, domain);

const PROBE_KEYS = ["from", "to", "inbound", "imap", "targets"] as const;
const TARGET_KEYS = ["name", "to", "inbound", "imap"] as const;
const IMAP_KEYS = ["host", "port", "secure", "user", "passwordSecret"] as const;

/** A target's name is shown in the result's table: one short line, no control characters. */
const isTargetName = (text: string): boolean => text.trim() === text && text.length > 0 && text.length <= 40 && !/\p{Cc}/u.test(text);
const isAddress = (text: string): boolean => /^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/.test(text);
const isFromAddress = (text: string): boolean => isAddress(text.replaceAll(PROBE_DOMAIN_PLACEHOLDER, "example.jp"));
const isBucketName = (text: string): boolean => /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(text);
const isHostName = (text: string): boolean => /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(text) || /^\[?[0-9a-fA-F:.]+\]?$/.test(text);

const ADDRESS_EXPECTED = "a mail address such as probe@inbound.example.jp";
const READ_BACK_EXPECTED = "exactly one of inbound (an S3 prefix) or imap (a mailbox)";

/** The config's `probe:`; undefined when absent (verify --probe then says how to configure it). */
export function readProbe(read: ConfigReader): ProbeConfig | undefined {
  if (!read.mapping("probe", "a mapping with from, to, inbound or imap, targets", PROBE_KEYS)) return undefined;
  const from = read.optionalString("probe.from", "a sender address such as byodkim-probe@{domain} ({domain}: the identity's domain)", isFromAddress);
  const targets: ProbeTarget[] = [];
  const hasOwnReadBack = read.value("probe.inbound") != null || read.value("probe.imap") != null;
  if (hasOwnReadBack) {
    const to = read.string("probe.to", `${ADDRESS_EXPECTED} (the mailbox the probe is sent to)`, isAddress);
    const inbound = readS3("probe.inbound", read);
    const imap = readImap("probe.imap", read);
    if (inbound) targets.push({ name: "s3-inbound", to, readBack: inbound });
    if (imap) targets.push({ name: "imap", to, readBack: imap });
  } else if (read.value("probe.to") != null) read.problem("probe.to", `an inbound or imap beside it, to read the probe back (${READ_BACK_EXPECTED})`);
  const entries = read.mappings("probe.targets", "a list of { name, to, inbound | imap }", "a mapping with name, to and inbound or imap", TARGET_KEYS);
  for (const at of entries) {
    const name = read.string(`${at}.name`, "a short name of 1 to 40 characters, e.g. gmail", isTargetName);
    if (targets.some((target) => target.name === name)) read.problem(`${at}.name`, `a name no other target has ("${name}" is taken)`);
    const to = read.string(`${at}.to`, ADDRESS_EXPECTED, isAddress);
    const given = [read.value(`${at}.inbound`), read.value(`${at}.imap`)].filter((value) => value != null).length;
    if (given !== 1) {
      read.problem(at, READ_BACK_EXPECTED);
      continue;
    }
    const readBack = readS3(`${at}.inbound`, read) ?? readImap(`${at}.imap`, read);
    if (readBack) targets.push({ name, to, readBack });
  }
  if (targets.length === 0 && entries.length === 0 && !hasOwnReadBack)
    read.problem("probe", `a mailbox to read the probe back: to with ${READ_BACK_EXPECTED}, or targets`);
  return { from: from ?? PROBE_FROM_DEFAULT, targets };
}

function readS3(path: string, read: ConfigReader): ProbeReadBack | undefined {
  if (!read.mapping(path, "a mapping with s3: { bucket, prefix, region }", ["s3"])) return undefined;
  if (!read.mapping(`${path}.s3`, "a mapping with bucket, prefix and region", ["bucket", "prefix", "region"])) {
    if (read.value(`${path}.s3`) == null) read.problem(`${path}.s3`, "the S3 location an SES receipt rule stores mail in: { bucket, prefix, region }");
    return undefined;
  }
  const bucket = read.string(`${path}.s3.bucket`, "the S3 bucket an SES receipt rule stores inbound mail in", isBucketName);
  // The prefix is what the policy grants listing under: it must not be a pattern.
  const prefix = read.optionalString(`${path}.s3.prefix`, "the receipt rule's object key prefix, e.g. probe/ (no * or ?)", (s) => !/[*?$]/.test(s)) ?? "";
  const region = read.optionalString(`${path}.s3.region`, "the bucket's AWS region, e.g. us-east-1", isRegionName);
  return { kind: "s3", bucket, prefix, region };
}

function readImap(path: string, read: ConfigReader): ProbeReadBack | undefined {
  if (!read.mapping(path, "a mapping with host, port, secure, user and passwordSecret", IMAP_KEYS)) return undefined;
  const host = read.string(`${path}.host`, "the IMAP server's host name, e.g. imap.example.jp", isHostName);
  const secureValue = read.value(`${path}.secure`);
  if (secureValue != null && typeof secureValue !== "boolean")
    read.problem(`${path}.secure`, "true (IMAP over TLS, the default) or false (plain IMAP, only when asked)");
  const secure = secureValue !== false;
  const port = read.wholeNumber(`${path}.port`, 1, 65535, secure ? IMAPS_PORT : IMAP_PLAIN_PORT, "a TCP port from 1 to 65535 (default 993)");
  const user = read.string(`${path}.user`, "the IMAP user name of the probe mailbox", (s) => s.length > 0 && !/\p{Cc}/u.test(s));
  const passwordSecret = read.string(
    `${path}.passwordSecret`,
    "the Secrets Manager secret holding the IMAP password (its name or ARN); the password itself never goes in the config",
    (s) => isSecretId(s) && !s.includes("{"),
  );
  return { kind: "imap", host, port, secure, user, passwordSecret };
}

import { join } from "node:path";

/**
 * The named profiles of the AWS shared config and credentials files, read the way the SDK reads
 * them (@smithy/shared-ini-file-loader), so that a profile byodkim says is missing is one the
 * SDK would not find either.
 */

// A section header such as `[profile prod]` or `[sso-session corp]`; a quoted name is allowed.
const PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const SECTION_TYPES = new Set(["profile", "sso-session", "services"]);

/** The sections holding at least one `key = value`: the SDK keeps no empty section. */
function sectionsWithValues(text: string): string[] {
  const sections = new Set<string>();
  let current: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.split(/(^|\s)[;#]/)[0]!.trim();
    if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
      current = trimmed.slice(1, -1);
      continue;
    }
    const equals = trimmed.indexOf("=");
    if (current !== undefined && equals > 0 && trimmed.slice(equals + 1).trim() !== "") sections.add(current);
  }
  return [...sections];
}

/** In the config file a profile is `[profile name]`, or `[default]`; other sections are not profiles. */
export function profilesInConfigFile(text: string): string[] {
  return sectionsWithValues(text).flatMap((section) => {
    const prefixed = PREFIXED.exec(section);
    if (prefixed) return prefixed[1] === "profile" ? [prefixed[3]!] : [];
    return section === "default" ? ["default"] : [];
  });
}

/** In the credentials file every plain `[name]` section is a profile. */
export function profilesInCredentialsFile(text: string): string[] {
  return sectionsWithValues(text).filter((section) => {
    const prefixed = PREFIXED.exec(section);
    return !(prefixed && SECTION_TYPES.has(prefixed[1]!));
  });
}

/** The SDK's locations: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials. */
export function sharedFilePaths(env: NodeJS.ProcessEnv, homeDir: string): { config: string; credentials: string } {
  const home = env["HOME"] || env["USERPROFILE"] || homeDir;
  const resolve = (path: string) => (path.startsWith("~/") ? join(home, path.slice(2)) : path);
  return {
    config: resolve(env["AWS_CONFIG_FILE"] || join(home, ".aws", "config")),
    credentials: resolve(env["AWS_SHARED_CREDENTIALS_FILE"] || join(home, ".aws", "credentials")),
  };
}

/** A file's text; `undefined` when it does not exist, `null` when it exists but cannot be read. */
export type ReadText = (path: string) => string | undefined | null;

export type ProfileLookup =
  | { readonly kind: "found" }
  /** A file could not be read: whether the profile is there cannot be told, so nothing is claimed. */
  | { readonly kind: "unknown" }
  | { readonly kind: "missing"; readonly config: string; readonly credentials: string; readonly known: readonly string[] };

export function lookupProfile(name: string, paths: { config: string; credentials: string }, readText: ReadText): ProfileLookup {
  const config = readText(paths.config);
  const credentials = readText(paths.credentials);
  if (config === null || credentials === null) return { kind: "unknown" };
  const known = [...new Set([...profilesInConfigFile(config ?? ""), ...profilesInCredentialsFile(credentials ?? "")])].sort();
  return known.includes(name) ? { kind: "found" } : { kind: "missing", ...paths, known };
}

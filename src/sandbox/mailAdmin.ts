import { json, jsonObjectBody, type WireRequest, type WireResponse } from "./api/wire.js";
import { identitiesIn, mailIdentityKey, memberIdentitiesIn, type SandboxWorld } from "./world.js";

/** What `/_sandbox/mail` answers: the drills in force, the IMAP ports, and every message sent (never a body or a key). */
export function describeMail(world: SandboxWorld) {
  return {
    heldPending: [...world.mail.heldPending].sort(),
    wrongKey: [...world.mail.wrongKey].sort(),
    imapPorts: Object.fromEntries(world.mail.imapPorts),
    sent: world.mail.sent,
  };
}

const BAD_BODY =
  'send {"identity": "goo.ne.jp", "region": "<optional, the home region by default>", "holdPending": true|false, "wrongKey": true|false} (either or both of holdPending and wrongKey)';

/**
 * `/_sandbox/mail`, so a test or a drill can shape what SES does with mail at a precise moment:
 * `holdPending` keeps an identity's DKIM status as it is (SES's verification still not done: its
 * mail leaves without the domain's signature), `wrongKey` makes SES sign with a key DNS does not
 * publish (the signature then fails at the receiver). GET lists them and what was sent.
 */
export function mailEndpoint(world: SandboxWorld, request: WireRequest): WireResponse {
  const answer = () => json("SandboxMail", 200, describeMail(world));
  if (request.method === "GET") return answer();
  if (request.method !== "POST") return json("SandboxMail", 405, { message: "use GET or POST" });
  const asked = mailDrillFrom(request.body);
  if (!asked) return json("SandboxMail", 400, { message: BAD_BODY });
  const region = asked.region ?? world.region;
  // A drill names the identity alone: a domain is held in one account only (the config refuses it under two), so it may be a member account's.
  const known = [identitiesIn(world, region), ...[...world.members.values()].map((member) => memberIdentitiesIn(member, region))].flatMap((identities) => [
    ...identities.keys(),
  ]);
  if (!known.includes(asked.identity)) return json("SandboxMail", 404, { message: `no SES identity ${asked.identity} in ${region}`, region, known });
  const key = mailIdentityKey(region, asked.identity);
  const toggle = (set: Set<string>, on: boolean | undefined) => (on === undefined ? undefined : on ? set.add(key) : set.delete(key));
  toggle(world.mail.heldPending, asked.holdPending);
  toggle(world.mail.wrongKey, asked.wrongKey);
  return answer();
}

function mailDrillFrom(body: Buffer): { identity: string; region?: string; holdPending?: boolean; wrongKey?: boolean } | undefined {
  const value = jsonObjectBody(body);
  if (value === undefined) return undefined;
  const { identity, region, holdPending, wrongKey } = value;
  if (typeof identity !== "string" || identity === "") return undefined;
  if (region !== undefined && typeof region !== "string") return undefined;
  const flag = (v: unknown) => v === undefined || typeof v === "boolean";
  if (!flag(holdPending) || !flag(wrongKey) || (holdPending === undefined && wrongKey === undefined)) return undefined;
  return {
    identity: identity.toLowerCase(),
    ...(region === undefined ? {} : { region }),
    ...(holdPending === undefined ? {} : { holdPending: holdPending as boolean }),
    ...(wrongKey === undefined ? {} : { wrongKey: wrongKey as boolean }),
  };
}

const BAD_REPORT_BODY = 'send {"out": "<folder or s3://bucket/prefix, optional>", "days": <1 to 90, optional>, "domain": "<optional>"}';

/**
 * `/_sandbox/dmarc-reports`: POST writes receivers' aggregate reports for the last `days` (7 by
 * default) into `out` (the config's `dmarc.reports` folder by default) and answers what it wrote.
 */
export async function dmarcReportsEndpoint(world: SandboxWorld, request: WireRequest, now: Date): Promise<WireResponse> {
  if (request.method !== "POST") return json("SandboxDmarcReports", 405, { message: "use POST" });
  let value: unknown;
  try {
    value = JSON.parse(request.body.toString("utf8") || "{}");
  } catch {
    return json("SandboxDmarcReports", 400, { message: BAD_REPORT_BODY });
  }
  const { out, days, domain } = (value ?? {}) as Record<string, unknown>;
  const folder = out ?? world.mail.dmarcReportsFolder;
  if (typeof folder !== "string" || folder === "" || (days !== undefined && typeof days !== "number") || (domain !== undefined && typeof domain !== "string")) {
    return json("SandboxDmarcReports", 400, { message: BAD_REPORT_BODY });
  }
  const { DmarcReportRefusal, writeDmarcReports } = await import("./dmarcReports.js");
  try {
    const written = await writeDmarcReports(world, { out: folder, days: days ?? 7, ...(domain === undefined ? {} : { domain }) }, now);
    return json("SandboxDmarcReports", 200, { out: folder, reports: written });
  } catch (err) {
    if (err instanceof DmarcReportRefusal) return json("SandboxDmarcReports", 400, { message: err.message });
    throw err;
  }
}

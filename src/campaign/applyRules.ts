import type { AlarmState } from "../config/config.js";
import type { PlanDkimSummary, ReadyPlanTarget } from "./planDocument.js";

/** SES's DKIM settings for a target as apply reads them just before it moves it. */
export interface SesDkimNow {
  readonly origin: string | null;
  readonly status: string | null;
  readonly signingEnabled: boolean;
  readonly tokens: readonly string[];
}

/**
 * Whether a target is still as the plan saw it: `asPlanned` (go), `alreadyThere` (an earlier run
 * of this plan moved it, or someone did the same by hand: the single command then says up to
 * date or only records), or `superseded` (someone changed it otherwise since: skipped and named).
 * SES's status is not compared: it moves on its own (PENDING to SUCCESS) without anyone changing anything.
 */
export function targetStanding(
  target: Pick<ReadyPlanTarget, "current" | "selector" | "calls">,
  now: SesDkimNow | null,
): "asPlanned" | "alreadyThere" | "superseded" {
  if (now === null) return "superseded";
  if (target.current !== null && sameSettings(target.current, now)) return "asPlanned";
  return atTarget(target, now) ? "alreadyThere" : "superseded";
}

const isEasyDkim = (origin: string | null | undefined) => origin?.startsWith("AWS_SES") === true;

// Easy DKIM's tokens are SES's own, made anew each time it is turned on again: an identity the
// campaign itself returned to Easy DKIM (its other region failed) is still as the plan saw it.
const sameSettings = (planned: PlanDkimSummary, now: SesDkimNow) =>
  (planned.origin ?? null) === (now.origin ?? null) &&
  planned.signingEnabled === now.signingEnabled &&
  (isEasyDkim(planned.origin) || (planned.tokens.length === now.tokens.length && planned.tokens.every((token, index) => token === now.tokens[index])));

/** SES shows what the plan's calls leave: the selector (BYODKIM), Easy DKIM, signing as the last call sets it. */
function atTarget(target: Pick<ReadyPlanTarget, "selector" | "calls">, now: SesDkimNow): boolean {
  let origin: string | null | undefined;
  let selector: string | null | undefined;
  let signing: boolean | undefined;
  for (const call of target.calls) {
    if (call.intent.kind === "signWithExternalKey") {
      origin = "EXTERNAL";
      selector = call.intent.selector;
    } else if (call.intent.kind === "signWithEasyDkim") {
      origin = "AWS_SES";
      selector = null;
    } else signing = call.intent.enabled;
  }
  if (origin === "EXTERNAL" && (now.origin !== "EXTERNAL" || now.tokens[0] !== selector)) return false;
  if (origin === "AWS_SES" && (now.origin === null || now.origin === "EXTERNAL")) return false;
  if (signing !== undefined && now.signingEnabled !== signing) return false;
  return origin !== undefined || signing !== undefined;
}

export interface BakeAlarm {
  readonly name: string;
  /** The state the config expects once a change has settled (`after`); a bake is broken by ALARM unless that is expected. */
  readonly after: AlarmState;
}

export type BakeBreak =
  | { readonly kind: "alarm"; readonly name: string; readonly state: AlarmState; readonly reason: string | null }
  | { readonly kind: "target"; readonly domain: string; readonly region: string; readonly status: string | null; readonly selector: string | null };

/**
 * What breaks a bake (AppConfig's rule): a watched alarm in ALARM that is not expected to be, or
 * a target of the wave no longer SUCCESS with the selector it moved to. An alarm without data is
 * not a break: a quiet metric is not a failing one. Null: the wave holds.
 */
export function bakeBreak(
  alarms: readonly { readonly name: string; readonly state: AlarmState; readonly stateReason?: string | undefined }[],
  watched: readonly BakeAlarm[],
  targets: readonly { readonly domain: string; readonly region: string; readonly expected: string | null; readonly now: SesDkimNow | null }[],
): BakeBreak | null {
  for (const alarm of watched) {
    const found = alarms.find((entry) => entry.name === alarm.name);
    if (found?.state === "ALARM" && alarm.after !== "ALARM") return { kind: "alarm", name: alarm.name, state: found.state, reason: found.stateReason ?? null };
  }
  for (const target of targets) {
    // A read that failed says nothing about the wave; the next look reads it again.
    if (target.now === null) continue;
    const selector = target.now.origin === "EXTERNAL" ? (target.now.tokens[0] ?? null) : null;
    const moved = target.expected === null || selector === target.expected;
    if (target.now.status !== "SUCCESS" || !moved) return { kind: "target", domain: target.domain, region: target.region, status: target.now.status, selector };
  }
  return null;
}

/** The alarms a bake watches: `bake.alarms` (against their `after` in `alarms:`, else OK), or every configured alarm. */
export function bakeAlarms(configured: readonly BakeAlarm[], named: readonly string[] | undefined): BakeAlarm[] {
  if (named === undefined) return configured.map(({ name, after }) => ({ name, after }));
  return named.map((name) => ({ name, after: configured.find((alarm) => alarm.name === name)?.after ?? "OK" }));
}

export type TargetEnd = "completed" | "upToDate" | "superseded" | "failed" | "notStarted" | "doneEarlier";

/**
 * The identities of a wave that moved in one region and not in another: the regions that moved are
 * returned to where they were, so no identity signs with two different keys.
 */
export function halfMoved<T extends { readonly domain: string; readonly region: string; readonly end: TargetEnd }>(targets: readonly T[]): T[] {
  // Moved by this campaign, in this run or an earlier one; up to date was already there before it.
  const moved = (end: TargetEnd) => end === "completed" || end === "doneEarlier";
  const byDomain = new Map<string, T[]>();
  for (const target of targets) byDomain.set(target.domain, [...(byDomain.get(target.domain) ?? []), target]);
  return [...byDomain.values()].flatMap((regions) =>
    regions.some((target) => target.end === "failed" || target.end === "notStarted" || target.end === "superseded")
      ? regions.filter((target) => moved(target.end))
      : [],
  );
}

/** What earlier runs of the same plan left in their journals: targets they finished, and whether one halted the campaign. */
export interface EarlierProgress {
  readonly done: ReadonlySet<string>;
  readonly halted: { readonly wave: number; readonly at: string; readonly why: string } | null;
}

export const targetKey = (target: { readonly domain: string; readonly region: string }) => `${target.domain} ${target.region}`;

export function earlierProgress(entries: readonly { readonly event: string; readonly [field: string]: unknown }[]): EarlierProgress {
  const done = new Set<string>();
  let halted: EarlierProgress["halted"] = null;
  for (const entry of entries) {
    if (entry.event === "target-ended" && (entry["end"] === "completed" || entry["end"] === "upToDate" || entry["end"] === "doneEarlier")) {
      done.add(targetKey({ domain: String(entry["domain"]), region: String(entry["region"]) }));
    }
    // A target rolled back by a bake is no longer done: the campaign halted with it.
    if (entry.event === "target-rolled-back") done.delete(targetKey({ domain: String(entry["domain"]), region: String(entry["region"]) }));
    if (entry.event === "campaign-halted") halted = { wave: Number(entry["wave"]), at: String(entry.at ?? ""), why: String(entry["why"] ?? "") };
  }
  return { done, halted };
}

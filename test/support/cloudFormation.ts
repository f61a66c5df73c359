import { parse as parseYaml } from "yaml";

/** A CloudFormation template as CloudFormation reads it: the short forms (`!Ref`, `!Sub`, …) as their long ones. */
export interface CfnTemplate {
  readonly Parameters?: Record<string, { Type: string; Default?: string | number }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: unknown }>;
  readonly [key: string]: unknown;
}
export interface CfnResource {
  readonly Type: string;
  readonly Condition?: string;
  readonly DependsOn?: string | readonly string[];
  // biome-ignore lint/suspicious/noExplicitAny: a resource's properties are as many shapes as there are resource types
  readonly Properties?: Record<string, any>;
}

const FUNCTIONS = ["Ref", "Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Join", "Select", "Split", "Condition", "ImportValue", "Base64", "GetAZs"];
const longName = (name: string) => (name === "Ref" || name === "Condition" ? name : `Fn::${name}`);
const CUSTOM_TAGS = FUNCTIONS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => ({ [longName(name)]: name === "GetAtt" ? value.split(".") : value }) },
  { tag: `!${name}`, collection: "seq" as const, resolve: (seq: { toJSON(): unknown }) => ({ [longName(name)]: seq.toJSON() }) },
]);

export function parseTemplate(text: string): CfnTemplate {
  return parseYaml(text, { customTags: CUSTOM_TAGS as never }) as CfnTemplate;
}

/** The logical ids a value refers to: Ref, GetAtt, and `${Name}` / `${Name.Attr}` in a Sub (not its own variables, not AWS::…). */
export function referencedIds(value: unknown): Set<string> {
  const found = new Set<string>();
  const fromSub = (text: string, own: readonly string[]) => {
    for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
      const name = match[1]!.split(".")[0]!;
      if (!name.startsWith("AWS::") && !own.includes(name)) found.add(name);
    }
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (typeof record["Ref"] === "string" && !record["Ref"].startsWith("AWS::")) found.add(record["Ref"]);
    const getAtt = record["Fn::GetAtt"];
    if (Array.isArray(getAtt) && typeof getAtt[0] === "string") found.add(getAtt[0]);
    const sub = record["Fn::Sub"];
    if (typeof sub === "string") fromSub(sub, []);
    if (Array.isArray(sub) && typeof sub[0] === "string") {
      const variables = (sub[1] ?? {}) as Record<string, unknown>;
      fromSub(sub[0], Object.keys(variables));
      walk(variables);
    }
    for (const [key, child] of Object.entries(record)) if (key !== "Fn::Sub") walk(child);
  };
  walk(value);
  return found;
}

/**
 * The template with only the resources whose type `keep` accepts, and with every resource or output
 * that refers (through Ref, GetAtt, Sub or DependsOn) to one left out, left out too, until none does.
 * Returns what was left out, so a test can say exactly what an emulator did not create.
 */
export function trimTemplate(template: CfnTemplate, keep: (type: string) => boolean): { template: CfnTemplate; leftOut: Record<string, string> } {
  const resources = { ...template.Resources };
  const leftOut: Record<string, string> = {};
  const drop = (id: string) => {
    leftOut[id] = resources[id]!.Type;
    delete resources[id];
  };
  for (const [id, resource] of Object.entries(resources)) if (!keep(resource.Type)) drop(id);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, resource] of Object.entries(resources)) {
      const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
      if ([...referencedIds(resource), ...dependsOn].some((name) => name in leftOut)) {
        drop(id);
        changed = true;
      }
    }
  }
  const outputs = Object.fromEntries(
    Object.entries(template.Outputs ?? {}).filter(([, output]) => ![...referencedIds(output)].some((name) => name in leftOut)),
  );
  return { template: { ...template, Resources: resources, Outputs: outputs }, leftOut };
}

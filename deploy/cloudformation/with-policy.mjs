#!/usr/bin/env node
// Writes byodkim-schedule.yaml to stdout with the task role's policy replaced by the one given:
//   npx byodkim iam-policy --for unattended --role byodkim-unattended > unattended.json
//   node deploy/cloudformation/with-policy.mjs unattended.json > byodkim-schedule.mine.yaml
// The policy goes in as byodkim printed it (JSON is YAML), so the stack's role holds exactly that
// document and nothing edited by hand. No dependencies: it runs from a clone or node_modules/byodkim.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const TEMPLATE = fileURLToPath(new URL("./byodkim-schedule.yaml", import.meta.url));
const BEGIN = /^( *)# BEGIN byodkim iam-policy.*$/m;
const END = /^ *# END byodkim iam-policy$/m;

/** The template's text with the document between the markers replaced by `policy`. */
export function withPolicy(template, policy) {
  const begin = BEGIN.exec(template);
  const end = END.exec(template);
  if (!begin || !end || end.index < begin.index) throw new Error("the template has no '# BEGIN byodkim iam-policy' … '# END byodkim iam-policy' block");
  if (policy?.Version !== "2012-10-17" || !Array.isArray(policy.Statement))
    throw new Error("that is not an IAM policy document as byodkim iam-policy prints it");
  const indent = begin[1];
  const json = JSON.stringify(policy, null, 2)
    .split("\n")
    .map((line) => `${indent}  ${line}`)
    .join("\n");
  const afterBegin = begin.index + begin[0].length + 1;
  return `${template.slice(0, afterBegin)}${indent}PolicyDocument:\n${json}\n${template.slice(end.index)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [policyFile, templateFile = TEMPLATE] = process.argv.slice(2);
  if (!policyFile) {
    process.stderr.write("usage: node with-policy.mjs <policy.json from byodkim iam-policy --for unattended> [template]\n");
    process.exit(2);
  }
  try {
    process.stdout.write(withPolicy(readFileSync(templateFile, "utf8"), JSON.parse(readFileSync(policyFile, "utf8"))));
  } catch (error) {
    process.stderr.write(`with-policy: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

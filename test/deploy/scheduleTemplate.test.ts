import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { rowMetrics, type StatusRow } from "../../src/status/judge.js";
import { type CfnResource, parseTemplate, trimTemplate } from "../support/cloudFormation.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

const file = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const TEMPLATE_PATH = file("deploy/cloudformation/byodkim-schedule.yaml");
const WITH_POLICY = file("deploy/cloudformation/with-policy.mjs");
const TEXT = readFileSync(TEMPLATE_PATH, "utf8");
const template = parseTemplate(TEXT);
const resource = (id: string): CfnResource => {
  const found = template.Resources[id];
  expect(found, id).toBeDefined();
  return found!;
};
const ofType = (type: string) => Object.entries(template.Resources).filter(([, found]) => found.Type === type);

/** The dashboard's `${…}` as CloudFormation fills them in. */
const SUBSTITUTED: Record<string, string> = { "AWS::Region": "ap-northeast-1", LogGroup: "/byodkim/unattended", AlarmArn: "arn:alarm" };

/** What `byodkim iam-policy --for unattended --role byodkim-unattended` prints for the example config, as JSON carries it. */
const example = validateConfig(parseYaml(readFileSync(file("byodkim.config.example.yaml"), "utf8")), "example.yaml");
const unattended = JSON.parse(
  JSON.stringify(iamPolicy(example, { domain: undefined, audience: "unattended", region: "ap-northeast-1", role: "byodkim-unattended" }).policy),
) as { Statement: unknown[] };

describe("deploy/cloudformation/byodkim-schedule.yaml", () => {
  it("gives byodkim's task role exactly the policy iam-policy --for unattended prints for the example config, and no other", () => {
    const taskRole = resource("TaskRole").Properties!;
    expect(taskRole["RoleName"]).toBe("byodkim-unattended");
    expect(taskRole["ManagedPolicyArns"]).toBeUndefined();
    expect(taskRole["Policies"]).toEqual([{ PolicyName: "byodkim-unattended", PolicyDocument: unattended }]);
    expect(ofType("AWS::IAM::Policy").concat(ofType("AWS::IAM::ManagedPolicy"))).toEqual([]);
  });

  it("is what with-policy.mjs writes from that policy: the checked-in file is up to date (regenerate it with the command in its header)", () => {
    const dir = mkdtempSync(join(tmpdir(), "byodkim-template-"));
    try {
      writeFileSync(join(dir, "unattended.json"), JSON.stringify(unattended));
      const written = spawnSync(process.execPath, [WITH_POLICY, join(dir, "unattended.json")], { encoding: "utf8" });
      expect(written.stderr).toBe("");
      expect(written.status).toBe(0);
      expect(written.stdout).toBe(TEXT);
      // Something that is not a policy leaves the template alone: exit 2 and why.
      writeFileSync(join(dir, "not.json"), JSON.stringify({ policy: {} }));
      const refused = spawnSync(process.execPath, [WITH_POLICY, join(dir, "not.json")], { encoding: "utf8" });
      expect(refused.status).toBe(2);
      expect(refused.stdout).toBe("");
      expect(refused.stderr).toContain("not an IAM policy document");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs tick every hour in Asia/Tokyo as a Fargate task of the image, its log in the log group; status metrics hourly; the DMARC rate daily", () => {
    const schedules = Object.fromEntries(ofType("AWS::Scheduler::Schedule").map(([id, found]) => [id, found.Properties!]));
    expect(Object.keys(schedules).sort()).toEqual(["DmarcSchedule", "MetricsSchedule", "TickSchedule"]);
    for (const schedule of Object.values(schedules)) {
      expect(schedule["ScheduleExpressionTimezone"]).toBe("Asia/Tokyo");
      expect(schedule["Target"]["Arn"]).toEqual({ "Fn::GetAtt": ["Cluster", "Arn"] });
      expect(schedule["Target"]["RoleArn"]).toEqual({ "Fn::GetAtt": ["SchedulerRole", "Arn"] });
      expect(schedule["Target"]["EcsParameters"]["LaunchType"]).toBe("FARGATE");
    }
    expect(schedules["TickSchedule"]!["ScheduleExpression"]).toMatch(/^cron\(\d+ \* \* \* \? \*\)$/);
    expect(schedules["MetricsSchedule"]!["ScheduleExpression"]).toMatch(/^cron\(\d+ \* \* \* \? \*\)$/);
    expect(schedules["DmarcSchedule"]!["ScheduleExpression"]).toMatch(/^cron\(\d+ \d+ \* \* \? \*\)$/);
    const commands: Record<string, string> = {
      TickSchedule: "byodkim tick --all --json --log-format json",
      MetricsSchedule: "byodkim status --publish-metrics --json",
      DmarcSchedule: "byodkim report dmarc --since 2 --publish-metrics --format json",
    };
    for (const [id, schedule] of Object.entries(schedules)) {
      const taskDefinition = resource(schedule["Target"]["EcsParameters"]["TaskDefinitionArn"]["Ref"]).Properties!;
      expect(taskDefinition["RequiresCompatibilities"]).toEqual(["FARGATE"]);
      expect(taskDefinition["TaskRoleArn"]).toEqual({ "Fn::GetAtt": ["TaskRole", "Arn"] });
      const [container] = taskDefinition["ContainerDefinitions"];
      expect(container["Image"]).toEqual({ Ref: "ImageUri" });
      // The config from the SSM parameter to the file BYODKIM_CONFIG names, then byodkim in the shell's place (its exit code is the task's).
      expect(container["Command"]).toEqual([`printf '%s\\n' "$BYODKIM_CONFIG_YAML" > "$BYODKIM_CONFIG" && exec ${commands[id]}`]);
      expect(container["LogConfiguration"]["LogDriver"]).toBe("awslogs");
      expect(container["LogConfiguration"]["Options"]["awslogs-group"]).toEqual({ Ref: "LogGroup" });
    }
  });

  it("lets the scheduler run those three task definitions on its cluster and pass the two roles to ECS, nothing else", () => {
    const [policy] = resource("SchedulerRole").Properties!["Policies"];
    expect(policy.PolicyDocument.Statement).toEqual([
      {
        Sid: "RunByodkimTasks",
        Effect: "Allow",
        Action: "ecs:RunTask",
        Resource: [{ Ref: "TickTaskDefinition" }, { Ref: "MetricsTaskDefinition" }, { Ref: "DmarcTaskDefinition" }],
        Condition: { ArnEquals: { "ecs:cluster": { "Fn::GetAtt": ["Cluster", "Arn"] } } },
      },
      {
        Sid: "PassTheTasksRoles",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: [{ "Fn::GetAtt": ["ExecutionRole", "Arn"] }, { "Fn::GetAtt": ["TaskRole", "Arn"] }],
        Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
      },
    ]);
  });

  it("charts every metric status and report dmarc publish per identity and region (per selector for DMARC), and alarms on each to the topic", () => {
    const row = {
      domain: "goo.ne.jp",
      region: "ap-northeast-1",
      verdict: "ok",
      key: { ageDays: 3, daysUntilRotationDue: 28 },
      dns: { matchesEverywhere: true },
    };
    const statusMetrics = rowMetrics(row as unknown as StatusRow, new Date()).map((datum) => datum.name);
    expect(statusMetrics).toEqual(["KeyAgeDays", "DaysUntilRotationDue", "DnsKeyMatches", "DkimHealthy"]);
    const [body, variables] = resource("Dashboard").Properties!["DashboardBody"]["Fn::Sub"];
    expect(Object.keys(variables)).toEqual(["AlarmArn"]);
    const dashboard = JSON.parse((body as string).replace(/\$\{(AWS::Region|LogGroup|AlarmArn)\}/g, (_, name: string) => SUBSTITUTED[name]!)) as {
      widgets: { type: string; properties: Record<string, unknown> }[];
    };
    const queries = dashboard.widgets.flatMap((widget) => (widget.properties["metrics"] as { expression: string }[][] | undefined)?.flat() ?? []);
    for (const name of statusMetrics)
      expect(queries.map((query) => query.expression)).toContainEqual(
        expect.stringMatching(new RegExp(`\\(${name}\\) FROM SCHEMA\\(byodkim, Domain, Region\\) GROUP BY Domain, Region$`)),
      );
    expect(queries.map((query) => query.expression)).toContainEqual(
      expect.stringContaining("(DmarcDkimPassPercent) FROM SCHEMA(byodkim, Domain, Selector) GROUP BY Domain, Selector"),
    );

    const alarms = ofType("AWS::CloudWatch::Alarm").map(([, found]) => found.Properties!);
    const watched = alarms.map((alarm) => /\((\w+)\) FROM SCHEMA/.exec(JSON.stringify(alarm["Metrics"]))?.[1]);
    expect(watched.sort()).toEqual(["DaysUntilRotationDue", "DkimHealthy", "DmarcDkimPassPercent", "DnsKeyMatches"]);
    for (const alarm of alarms) expect(alarm["AlarmActions"]).toEqual([{ Ref: "NoticeTopic" }]);
    // The dashboard's alarm widget names the alarms that always exist (the DMARC one only with DmarcMetrics).
    const alarmWidget = dashboard.widgets.find((widget) => widget.type === "alarm")!;
    const always = ofType("AWS::CloudWatch::Alarm").filter(([, found]) => found.Condition === undefined);
    expect(alarmWidget.properties["alarms"]).toEqual(always.map(([, found]) => `arn:alarm:${found.Properties!["AlarmName"]}`));
  });

  it('is what the README\'s "Run it unattended" says: its parameters, its alarms, the commands that deploy it', () => {
    const readme = readFileSync(file("README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Run it unattended"), readme.indexOf("### Runbooks"));
    for (const parameter of Object.keys(template.Parameters ?? {})) expect(section, parameter).toContain(`\`${parameter}\``);
    for (const [, alarm] of ofType("AWS::CloudWatch::Alarm")) expect(section).toContain(`\`${alarm.Properties!["AlarmName"]}\``);
    expect(section).toContain("byodkim iam-policy --for unattended --role byodkim-unattended > unattended.json");
    expect(TEXT).toContain("npx byodkim iam-policy --for unattended --role byodkim-unattended > unattended.json");
    expect(section).toContain("node deploy/cloudformation/with-policy.mjs unattended.json > byodkim-schedule.mine.yaml");
    expect(section).toContain("--capabilities CAPABILITY_NAMED_IAM");
    // Every parameter without a default is given in the README's deploy command.
    const deploy = section.slice(section.indexOf("aws cloudformation deploy"));
    for (const [name, parameter] of Object.entries(template.Parameters ?? {}))
      if (parameter.Default === undefined) expect(deploy.slice(0, deploy.indexOf("```")), name).toContain(`${name}=`);
  });

  it("tells the topic of a tick that ended non-zero (1: a person is needed; 4, 5: a change that did not finish)", () => {
    const rule = resource("TickNeedsAPerson").Properties!;
    expect(rule["EventPattern"]["detail"]["group"]).toEqual(["family:byodkim-tick"]);
    expect(rule["EventPattern"]["detail"]["containers"]).toEqual({ exitCode: [{ "anything-but": 0 }] });
    expect(rule["Targets"][0]["Arn"]).toEqual({ Ref: "NoticeTopic" });
    expect(resource("TickTaskDefinition").Properties!["Family"]).toBe("byodkim-tick");
  });
});

/** The resource types moto's CloudFormation creates, of those the template uses; the rest are left out of the stack moto creates. */
const MOTO_CREATES = new Set([
  "AWS::SNS::Topic",
  "AWS::ECS::Cluster",
  "AWS::ECS::TaskDefinition",
  "AWS::Logs::LogGroup",
  "AWS::IAM::Role",
  "AWS::Events::Rule",
  "AWS::CloudWatch::Dashboard",
]);
const haveAws = spawnSync("sh", ["-c", "command -v aws"], { encoding: "utf8" }).status === 0;
if (!haveAws) process.stderr.write("[moto] the aws CLI is not on PATH: the template's ValidateTemplate and CreateStack in moto are skipped\n");
const haveMoto = haveAws && motoAvailable("the template's ValidateTemplate and CreateStack in moto");
const run = promisify(execFile);

/**
 * An inline policy as moto returns it: from a template, moto keeps the document as Python prints a
 * dict (its own quirk; AWS returns URL-encoded JSON), so Python reads it back.
 */
function storedDocument(document: unknown): unknown {
  if (typeof document !== "string") return document;
  const text = decodeURIComponent(document);
  if (text.startsWith('{"')) return JSON.parse(text);
  const read = spawnSync("python3", ["-c", "import ast, json, sys; print(json.dumps(ast.literal_eval(sys.stdin.read())))"], { input: text, encoding: "utf8" });
  expect(read.stderr).toBe("");
  return JSON.parse(read.stdout);
}

describe.skipIf(!haveMoto)("the template in moto's CloudFormation", () => {
  let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
  let dir: string;
  const aws = async (...args: string[]) => {
    const { AWS_PROFILE: _profile, ...inherited } = process.env;
    const env = { ...inherited, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_DEFAULT_REGION: "ap-northeast-1" };
    const { stdout } = await run("aws", [...args, "--endpoint-url", moto!.endpoint, "--output", "json"], { env, timeout: 90_000 });
    return stdout.trim() === "" ? {} : JSON.parse(stdout);
  };
  beforeAll(async () => {
    moto = await startMoto();
    dir = mkdtempSync(join(tmpdir(), "byodkim-cfn-"));
  }, 60_000);
  afterAll(() => {
    moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // moto's ValidateTemplate runs cfn-lint over the whole file: every resource type's schema, the Scheduler's and the alarms' included.
  it("ValidateTemplate accepts the whole template", { timeout: 120_000 }, async () => {
    const validated = await aws("cloudformation", "validate-template", "--template-body", `file://${TEMPLATE_PATH}`);
    expect(validated.Description).toMatch(/^byodkim run unattended/);
    // And it is a validator: a launch type the Scheduler does not have is refused.
    const broken = join(dir, "broken.yaml");
    writeFileSync(broken, TEXT.replace("          LaunchType: FARGATE\n", "          LaunchType: FARGATE_SPOT\n"));
    await expect(aws("cloudformation", "validate-template", "--template-body", `file://${broken}`)).rejects.toThrow(/FARGATE_SPOT/);
  });

  it("CreateStack creates what moto knows, the task role holding exactly iam-policy's document", { timeout: 120_000 }, async () => {
    const { template: trimmed, leftOut } = trimTemplate(template, (type) => MOTO_CREATES.has(type));
    // Said, not hidden: what moto cannot create, and nothing else.
    expect(Object.values(leftOut).sort()).toEqual([
      ...Array(4).fill("AWS::CloudWatch::Alarm"),
      "AWS::SNS::Subscription",
      "AWS::SNS::TopicPolicy",
      ...Array(3).fill("AWS::Scheduler::Schedule"),
    ]);
    const path = join(dir, "trimmed.json");
    writeFileSync(path, JSON.stringify(trimmed));
    const parameters = [
      "ParameterKey=ImageUri,ParameterValue=123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/byodkim:0.1.0",
      "ParameterKey=Subnets,ParameterValue=subnet-0123456789abcdef0",
      "ParameterKey=SecurityGroup,ParameterValue=sg-0123456789abcdef0",
      "ParameterKey=Domain,ParameterValue=goo.ne.jp",
    ];
    await aws(
      "cloudformation",
      "create-stack",
      "--stack-name",
      "byodkim",
      "--template-body",
      `file://${path}`,
      "--parameters",
      ...parameters,
      "--capabilities",
      "CAPABILITY_NAMED_IAM",
    );
    const { Stacks } = await aws("cloudformation", "describe-stacks", "--stack-name", "byodkim");
    expect(Stacks[0].StackStatus).toBe("CREATE_COMPLETE");

    const { PolicyDocument } = await aws("iam", "get-role-policy", "--role-name", "byodkim-unattended", "--policy-name", "byodkim-unattended");
    expect(storedDocument(PolicyDocument)).toEqual(unattended);

    const { taskDefinition } = await aws("ecs", "describe-task-definition", "--task-definition", "byodkim-tick");
    expect(taskDefinition.containerDefinitions[0].command[0]).toContain("exec byodkim tick --all --json --log-format json");
    const { DashboardBody } = await aws("cloudwatch", "get-dashboard", "--dashboard-name", "byodkim");
    expect(JSON.parse(DashboardBody).widgets.length).toBeGreaterThanOrEqual(7);
    const { Outputs } = Stacks[0];
    expect(Outputs.map((output: { OutputKey: string }) => output.OutputKey).sort()).toEqual(["DashboardUrl", "LogGroupName", "NoticeTopicArn", "TaskRoleArn"]);
  });
});

import { join, resolve } from "node:path";
import { loadConfig } from "@gg/services";
import { beforeAll, describe, expect, it } from "vitest";
import { capacityPlan } from "../../../infra/capacity-plan";
import { STAGING_WAKE } from "../../../infra/cost-plan";
import { migrateTriggers } from "../../../infra/migrate-triggers";
import { hashMigrations } from "../../../infra/migrations-hash";
import { listHandlers } from "../../../infra/scripts/handlers";
import { type MockDeployment, mockDeploy } from "../../../infra/scripts/mock-deploy";
import { installSst } from "../../../infra/scripts/typecheck";

// sst.config.ts evaluated for four stages under Pulumi's mocks with SST's real components: the
// AWS resources a deploy would create, each function's build request and links, the stage policy.
const root = resolve(import.meta.dirname, "../../..");
// The platform's packages are kept in the services' cache, as `pnpm emulate` keeps them.
const { cacheDir } = loadConfig(process.env, process.getuid?.() ?? -1);
const SECRETS = {
  KafkaBrokers: "b-1.kafka.example:9096, b-2.kafka.example:9096",
  KafkaUsername: "gg",
  KafkaPassword: "secret",
  ApiKey: "key",
};
const stages: Record<string, MockDeployment> = {};
/** A second evaluation of staging with nothing changed: what a second `sst deploy` would send. */
let stagingAgain: MockDeployment;
const byType = (d: MockDeployment, type: string) => d.resources.filter((r) => r.type === type);
const one = (d: MockDeployment, type: string) => {
  const found = byType(d, type);
  expect(found, type).toHaveLength(1);
  return found[0]!.inputs;
};
const fn = (d: MockDeployment, handler: string) => {
  const build = d.builds.find((b) => b.handler === handler);
  expect(build, handler).toBeDefined();
  return build!;
};

describe("sst.config.ts under Pulumi mocks", () => {
  beforeAll(async () => {
    const install = await installSst(root, cacheDir);
    if (!install.ok) throw new Error(`sst install failed:\n${install.output}`);
    for (const stage of ["staging", "production", "alice", "loadtest"]) {
      stages[stage] = await mockDeploy(root, stage, SECRETS);
    }
    stagingAgain = await mockDeploy(root, "staging", SECRETS);
  }, 400_000);

  it("lists the AWS resources of a stage", () => {
    const staging = stages.staging!;
    const counts: Record<string, number> = {};
    for (const r of staging.resources.filter((r) => r.type.startsWith("aws:"))) {
      counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    console.table(counts);
    expect(counts["aws:lambda/function:Function"]).toBe(7);
    expect(counts["aws:rds/instance:Instance"]).toBe(1);
    const db = one(staging, "aws:rds/instance:Instance");
    expect([db.instanceClass, db.allocatedStorage, db.multiAz]).toEqual([
      "db.t4g.micro",
      20,
      false,
    ]);
  });

  it("prices what the cost table prices: staging has no NAT, production one fck-nat per AZ", () => {
    const staging = stages.staging!;
    // Staging (a public stage): no NAT instance, no NAT gateway, no Elastic IP; one public
    // address, the database's, behind a security group that admits Postgres only.
    for (const type of [
      "aws:ec2/instance:Instance",
      "aws:ec2/eip:Eip",
      "aws:ec2/natGateway:NatGateway",
    ]) {
      expect(byType(staging, type), type).toHaveLength(0);
    }
    const db = one(staging, "aws:rds/instance:Instance");
    expect(db.publiclyAccessible).toBe(true);
    expect(db.vpcSecurityGroupIds).toEqual(["DatabasePublic-id"]);
    const sg = byType(staging, "aws:ec2/securityGroup:SecurityGroup").find(
      (r) => r.name === "DatabasePublic",
    );
    expect(sg?.inputs.ingress).toMatchObject([
      { protocol: "tcp", fromPort: 5432, toPort: 5432 },
      { protocol: "tcp", fromPort: 5432, toPort: 5432 },
    ]);
    const subnets = one(staging, "aws:rds/subnetGroup:SubnetGroup").subnetIds;
    expect(subnets).toEqual(["VpcPublicSubnet1-id", "VpcPublicSubnet2-id"]);
    // Plain-text Postgres refused: every client verifies TLS.
    expect(one(staging, "aws:rds/parameterGroup:ParameterGroup").parameters).toContainEqual({
      name: "rds.force_ssl",
      value: "1",
    });
    expect(byType(staging, "aws:secretsmanager/secret:Secret")).toHaveLength(1);
    // Its VPC is plain resources, not sst.aws.Vpc: no Cloud Map namespace (a Route 53 private
    // zone, $0.50 a month, that nothing resolves there), no private subnet; two public subnets
    // in the region's first two AZs, routed to an Internet Gateway.
    const NAMESPACE = "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace";
    for (const type of [NAMESPACE, "aws:route53/zone:Zone"]) {
      expect(byType(staging, type), type).toHaveLength(0);
    }
    expect(one(staging, "aws:ec2/vpc:Vpc")).toMatchObject({
      cidrBlock: "10.0.0.0/16",
      enableDnsSupport: true,
      enableDnsHostnames: true,
    });
    expect(
      byType(staging, "aws:ec2/subnet:Subnet").map((r) => [r.name, r.inputs.availabilityZone]),
    ).toEqual([
      ["VpcPublicSubnet1", "us-east-1a"],
      ["VpcPublicSubnet2", "us-east-1b"],
    ]);
    one(staging, "aws:ec2/internetGateway:InternetGateway");
    expect(one(staging, "aws:ec2/routeTable:RouteTable").routes).toEqual([
      { cidrBlock: "0.0.0.0/0", gatewayId: "VpcInternetGateway-id" },
    ]);
    expect(
      byType(staging, "aws:ec2/routeTableAssociation:RouteTableAssociation").map((r) => r.inputs),
    ).toEqual([
      { subnetId: "VpcPublicSubnet1-id", routeTableId: "VpcPublicRouteTable-id" },
      { subnetId: "VpcPublicSubnet2-id", routeTableId: "VpcPublicRouteTable-id" },
    ]);
    expect(staging.outputs).toMatchObject({ region: "us-east-1", natIps: [] });
    // The Lambda lines of the table: the API at 1 GB, the relay at 256 MB, the generator and its
    // wake windows at the memory infra/cost-plan.ts prices (change both together).
    const memory = (name: string) =>
      byType(staging, "aws:lambda/function:Function").find((r) => r.name === name)?.inputs
        .memorySize;
    expect([
      memory("ApiFunction"),
      memory("RelayHandlerFunction"),
      memory("GeneratorFunction"),
      memory("GeneratorWakeFunction"),
    ]).toEqual([1024, 256, STAGING_WAKE.tickMemoryMb, STAGING_WAKE.wakeMemoryMb]);
    // The wake queue and its event source: one message per invocation, visible again only after
    // the consumer's timeout (SQS refuses less).
    expect(one(staging, "aws:sqs/queue:Queue")).toMatchObject({
      name: "gourmetgram-staging-generator-wake",
      visibilityTimeoutSeconds: 130,
      delaySeconds: 0,
    });
    const source = one(staging, "aws:lambda/eventSourceMapping:EventSourceMapping");
    expect(source).toMatchObject({
      batchSize: 1,
      maximumBatchingWindowInSeconds: 20,
      eventSourceArn: "arn:aws:sqs:us-east-1:123456789012:gourmetgram-staging-generator-wake",
    });
    expect(String(source.functionName)).toContain("GeneratorWake");
    // Production: private, one fck-nat t4g.nano and one Elastic IP per AZ, the IPs as outputs.
    const production = stages.production!;
    expect(byType(production, "aws:ec2/natGateway:NatGateway")).toHaveLength(0);
    expect(
      byType(production, "aws:ec2/instance:Instance").map((r) => r.inputs.instanceType),
    ).toEqual(["t4g.nano", "t4g.nano"]);
    expect(byType(production, "aws:ec2/eip:Eip")).toHaveLength(2);
    expect(one(production, "aws:rds/instance:Instance").publiclyAccessible).toBeUndefined();
    expect(production.outputs.natIps).toEqual(["203.0.113.11", "203.0.113.12"]);
    // Production keeps sst.aws.Vpc whole, its Cloud Map namespace included.
    expect(byType(production, NAMESPACE)).toHaveLength(1);
  });

  it("builds every function as Node 22 ESM on arm64, minified, in the VPC", () => {
    const staging = stages.staging!;
    expect(staging.builds).toHaveLength(7);
    for (const build of staging.builds) {
      expect(build.runtime, build.handler).toBe("nodejs22.x");
      expect(build.properties, build.handler).toMatchObject({
        format: "esm",
        minify: true,
        architecture: "arm64",
      });
    }
    for (const { inputs } of byType(staging, "aws:lambda/function:Function")) {
      expect(inputs.architectures).toEqual(["arm64"]);
      // A public stage's functions run outside the VPC (no NAT to pay for).
      expect(inputs.vpcConfig).toBeUndefined();
    }
    for (const { inputs } of byType(stages.production!, "aws:lambda/function:Function")) {
      expect((inputs.vpcConfig as { subnetIds: string[] }).subnetIds).toEqual([
        "VpcPrivateSubnet1-id",
        "VpcPrivateSubnet2-id",
      ]);
    }
    // Every function carries the RDS CA bundle it verifies the database with.
    for (const build of staging.builds) {
      expect(build.copyFiles, build.handler).toContainEqual({
        from: join(root, ".sst/rds-ca.pem"),
        to: "rds-ca.pem",
        isDir: false,
      });
    }
  });

  it("links each function to exactly what it uses, as the handler test assumes", () => {
    const staging = stages.staging!;
    const expected: Record<string, string[]> = {
      "functions/api.handler": ["Database", "Images", "Kafka", "ApiKey"],
      "functions/control.handler": ["Database", "Kafka", "ApiKey", "TrafficSchedule", "Capacity"],
      "functions/generator.handler": [
        "Api",
        "Control",
        "Database",
        "Kafka",
        "ApiKey",
        "Capacity",
        "GeneratorShard",
        "GeneratorWakeQueue",
      ],
      "functions/generator-shard.handler": ["Api", "Database", "Kafka", "ApiKey", "Capacity"],
      // Its own queue too: the link's grant is what lets its event source read the queue.
      "functions/generator-wake.handler": [
        "Api",
        "Database",
        "Kafka",
        "ApiKey",
        "Capacity",
        "GeneratorWakeQueue",
      ],
      "functions/relay.handler": ["Database", "Kafka"],
      "functions/migrate.handler": ["Database", "Kafka", "Images", "TrafficSchedule", "Capacity"],
    };
    for (const [handler, links] of Object.entries(expected)) {
      expect(Object.keys(fn(staging, handler).links).sort(), handler).toEqual([...links].sort());
    }
    // Files the handlers read at runtime ship beside their bundles.
    expect(fn(staging, "functions/generator.handler").copyFiles).toContainEqual({
      from: join(root, "packages/traffic/assets/food11"),
      to: "food11",
      isDir: true,
    });
    expect(fn(staging, "functions/migrate.handler").copyFiles).toContainEqual({
      from: join(root, "packages/core/migrations"),
      to: "migrations",
      isDir: true,
    });
    // handlers.test.ts derives links from infra/'s source text; it must agree with SST.
    for (const ref of listHandlers(root)) {
      expect([...ref.links].sort(), ref.handler).toEqual(
        Object.keys(fn(staging, ref.handler).links).sort(),
      );
    }
    expect(fn(staging, "functions/api.handler").links.Kafka).toMatchObject({
      brokers: ["b-1.kafka.example:9096", "b-2.kafka.example:9096"],
      username: "gg",
      password: "secret",
      mechanism: "scram-sha-512",
      ssl: true,
    });
  });

  it("hands the control plane the generator rule it switches, and only that rule", () => {
    const staging = stages.staging!;
    const rule = one(staging, "aws:cloudwatch/eventRule:EventRule");
    const target = one(staging, "aws:cloudwatch/eventTarget:EventTarget");
    const schedule = fn(staging, "functions/control.handler").links.TrafficSchedule!;
    const generator = byType(staging, "aws:lambda/function:Function").find(
      (r) => r.inputs.name === "gourmetgram-staging-generator",
    );
    expect(generator).toBeDefined();
    expect(rule).toMatchObject({
      name: "gourmetgram-staging-traffic",
      scheduleExpression: "rate(1 minute)",
    });
    expect(schedule).toMatchObject({
      ruleName: rule.name,
      ruleArn: "arn:aws:events:us-east-1:123456789012:rule/gourmetgram-staging-traffic",
      targetId: target.targetId,
      generatorArn: target.arn,
    });
    expect(target.arn).toBe(
      "arn:aws:lambda:us-east-1:123456789012:function:gourmetgram-staging-generator",
    );
    const invoke = byType(staging, "aws:lambda/permission:Permission").find(
      (r) => r.inputs.principal === "events.amazonaws.com",
    );
    expect(invoke?.inputs.sourceArn).toBe(schedule.ruleArn);
    const eventsGrant = (role: string) => {
      const found = byType(staging, "aws:iam/role:Role").find((r) => r.name === role);
      expect(found, role).toBeDefined();
      const policies = (found!.inputs.inlinePolicies ?? []) as { policy: string }[];
      const statements = policies.flatMap((p) => JSON.parse(p.policy).Statement);
      return statements.find((s: { actions: string[] }) => s.actions[0]?.startsWith("events:"));
    };
    expect(eventsGrant("ControlRole")).toMatchObject({
      actions: expect.arrayContaining([
        "events:EnableRule",
        "events:DisableRule",
        "events:PutTargets",
      ]),
      resources: [schedule.ruleArn],
    });
    // The API serves the contract only: it can no longer touch the rule.
    expect(eventsGrant("ApiRole")).toBeUndefined();
    const control = byType(staging, "aws:lambda/functionUrl:FunctionUrl");
    expect(control.map((r) => r.name).sort()).toEqual(["ApiUrl", "ControlUrl"]);
  });

  it("applies the stage policy: traffic on in staging only, production retained and protected", () => {
    const state = (stage: string) =>
      one(stages[stage]!, "aws:cloudwatch/eventRule:EventRule").state;
    expect([state("staging"), state("production"), state("alice")]).toEqual([
      "ENABLED",
      "DISABLED",
      "DISABLED",
    ]);
    expect(stages.production!.app).toMatchObject({ removal: "retain", protect: true });
    expect(stages.staging!.app).toMatchObject({ removal: "remove", protect: false });
    expect(stages.alice!.app).toMatchObject({ removal: "remove", protect: false });
  });

  it("sizes a small stage: db.t4g.micro straight, API capped at 5, 3 partitions", () => {
    for (const [stage, rate] of [
      ["staging", 50],
      ["alice", 1],
    ] as const) {
      const d = stages[stage]!;
      const db = one(d, "aws:rds/instance:Instance");
      expect([db.instanceClass, db.maxAllocatedStorage], stage).toEqual(["db.t4g.micro", 20]);
      expect(byType(d, "aws:rds/proxy:Proxy"), stage).toHaveLength(0);
      const api = byType(d, "aws:lambda/function:Function").find((r) => r.name === "ApiFunction");
      expect(api?.inputs.reservedConcurrentExecutions, stage).toBe(5);
      expect(fn(d, "functions/generator.handler").links.Capacity, stage).toMatchObject({
        eventsPerSecond: rate,
        apiConcurrency: 5,
        generatorShards: 1,
        kafkaPartitions: 3,
      });
    }
  });

  it("sizes a 10,000 events/s stage: db.m7g.4xlarge behind RDS Proxy, API at 300", () => {
    const d = stages.loadtest!;
    const plan = capacityPlan(10_000);
    const db = one(d, "aws:rds/instance:Instance");
    // 10,000 / 700 events/s per vCPU = 14.3 vCPU -> 16; 3 days × 1.5 KB × 864M events = 3,888 GB.
    expect([db.instanceClass, db.maxAllocatedStorage]).toEqual(["db.m7g.4xlarge", 3_888]);
    const proxy = one(d, "aws:rds/proxy:Proxy");
    expect(proxy.engineFamily).toBe("POSTGRESQL");
    // 10,000 × 0.02 s × 1.5 = 300 instances × 2 connections: past what Postgres should take direct.
    const api = byType(d, "aws:lambda/function:Function").find((r) => r.name === "ApiFunction");
    expect(api?.inputs.reservedConcurrentExecutions).toBe(300);
    expect(plan).toMatchObject({ apiConcurrency: 300, apiConnections: 600, generatorShards: 7 });
    for (const handler of ["functions/generator.handler", "functions/control.handler"]) {
      expect(fn(d, handler).links.Capacity, handler).toMatchObject({
        eventsPerSecond: 10_000,
        apiConcurrency: 300,
        generatorShards: 7,
        kafkaPartitions: 20,
      });
    }
    // The functions reach Postgres through the proxy: the link's host is its endpoint.
    expect(fn(d, "functions/api.handler").links.Database?.host).toBe(
      "databaseproxy.proxy-abc.us-east-1.rds.amazonaws.com",
    );
  });

  it("migrates on deploy, re-triggered by what it depends on, before any minute runs", () => {
    const staging = stages.staging!;
    const invocation = one(staging, "aws:lambda/invocation:Invocation");
    const digest = hashMigrations(join(root, "packages/core/migrations"));
    const expected = migrateTriggers(
      digest,
      {
        brokers: ["b-1.kafka.example:9096", "b-2.kafka.example:9096"],
        ssl: true,
        mechanism: "scram-sha-512",
        username: "gg",
      },
      3,
    );
    expect(invocation.triggers).toEqual(expected);
    expect(JSON.parse(invocation.input as string)).toEqual(expected);
    expect(expected.topics).toBe(
      "gourmetgram.uploads,gourmetgram.views,gourmetgram.comments,gourmetgram.flags",
    );
    // loadtest's 20 partitions and another cluster are other triggers.
    const loadtest = one(stages.loadtest!, "aws:lambda/invocation:Invocation").triggers as {
      kafkaPartitions: string;
    };
    expect(loadtest.kafkaPartitions).toBe("20");
    const dependsOn = (d: MockDeployment, name: string) =>
      d.resources.find((r) => r.name === name)?.dependsOn ?? [];
    for (const name of ["TrafficRule", "TrafficTarget", "TrafficInvoke", "RelaySchedule"]) {
      expect(dependsOn(staging, name), name).toContain("MigrateOnDeploy");
    }
    for (const name of ["ApiFunction", "ControlFunction"]) {
      expect(dependsOn(staging, name), name).toContain("MigrateOnDeploy");
    }
    // A private stage's first invocation waits for its NAT instances and the routes to them.
    const production = dependsOn(stages.production!, "MigrateOnDeploy");
    for (const name of ["VpcNatInstance1", "VpcNatInstance2", "VpcPrivateRouteTable1"]) {
      expect(production, name).toContain(name);
    }
  });

  it("plans no change on a second deploy with nothing changed", () => {
    // Two evaluations, SST's random name suffixes held as a deploy's state holds them (each
    // physical name is `<app>-<stage>-<name>-<8 random letters>`): every resource and input must
    // be the same, or a second `sst deploy` would update it.
    const held = (d: MockDeployment): MockDeployment =>
      JSON.parse(
        JSON.stringify(d).replace(/(gourmetgram-staging-[A-Za-z0-9]+)-[a-z]{8}\b/g, "$1-held"),
      );
    const [first, again] = [held(stages.staging!), held(stagingAgain)];
    // Components register from inside apply callbacks, so the order may differ: match by name.
    const byKey = (d: MockDeployment) =>
      new Map(d.resources.map((r) => [`${r.type} ${r.name}`, r]));
    const [before, after] = [byKey(first), byKey(again)];
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, r] of before) expect(after.get(key), key).toEqual(r);
    const byHandler = (d: MockDeployment) =>
      Object.fromEntries(d.builds.map((b) => [b.handler, b]));
    expect(byHandler(again)).toEqual(byHandler(first));
  });

  it("fails the deploy on a malformed Kafka secret", async () => {
    await expect(
      mockDeploy(root, "alice", { ...SECRETS, KafkaSaslMechanism: "scram" }),
    ).rejects.toThrow(
      /KafkaSaslMechanism="scram" is not one of plain, scram-sha-256, scram-sha-512/,
    );
  }, 120_000);
});

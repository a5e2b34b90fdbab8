// What the Pulumi mocks answer in place of AWS: plausible ids, ARNs and endpoints in real AWS
// formats, so that components' output transformations (splits, interpolations) run as deployed.
export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

type State = Record<string, unknown>;

/** An SQS queue's URL on AWS (what `sst.aws.Queue` links as `url`). */
export const sqsQueueUrl = (region: string, account: string, name: string) =>
  `https://sqs.${region}.amazonaws.com/${account}/${name}`;

/** Outputs of a created resource of `type` named `name`, given its inputs. */
export function mockResourceState(type: string, name: string, inputs: State): State {
  const physical = typeof inputs.name === "string" ? inputs.name : name;
  const [pkg, module = "", kind = ""] = type.split(/[:/]/);
  const base: State = {
    ...inputs,
    name: physical,
    arn: `arn:aws:${module}:${REGION}:${ACCOUNT}:${kind.toLowerCase()}/${physical}`,
  };
  if (pkg === "random") return { ...base, result: "m".repeat(Number(inputs.length ?? 16)) };
  switch (type) {
    case "aws:lambda/function:Function": {
      const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physical}`;
      return { ...base, arn, qualifiedArn: `${arn}:$LATEST`, invokeArn: arn, version: "$LATEST" };
    }
    case "aws:lambda/functionUrl:FunctionUrl":
      return { ...base, functionUrl: `https://${name.toLowerCase()}.lambda-url.${REGION}.on.aws/` };
    case "aws:cloudwatch/eventRule:EventRule":
      return { ...base, arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${physical}` };
    case "aws:ec2/eip:Eip":
      // A documentation address (RFC 5737), one per Elastic IP.
      return { ...base, publicIp: `203.0.113.${Number(name.replace(/\D/g, "") || 0) + 10}` };
    case "aws:sqs/queue:Queue":
      // An SQS ARN has no resource type, and the queue's link value is its URL.
      return {
        ...base,
        arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${physical}`,
        url: sqsQueueUrl(REGION, ACCOUNT, physical),
      };
    case "aws:iam/role:Role":
      return { ...base, arn: `arn:aws:iam::${ACCOUNT}:role/${physical}` };
    case "aws:rds/instance:Instance":
      return {
        ...base,
        address: `${name.toLowerCase()}.abc.${REGION}.rds.amazonaws.com`,
        port: 5432,
        endpoint: `${name.toLowerCase()}.abc.${REGION}.rds.amazonaws.com:5432`,
      };
    case "aws:rds/proxy:Proxy":
      return {
        ...base,
        arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db-proxy:prx-${name.toLowerCase()}`,
        endpoint: `${name.toLowerCase()}.proxy-abc.${REGION}.rds.amazonaws.com`,
      };
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const bucket =
        typeof inputs.bucket === "string" ? inputs.bucket : `${name.toLowerCase()}-abc`;
      return { ...base, bucket, arn: `arn:aws:s3:::${bucket}` };
    }
    default:
      return base;
  }
}

/** Results of provider functions (data sources) the components call. */
export function mockCall(token: string, inputs: State): State {
  switch (token) {
    case "aws:index/getRegion:getRegion":
      return { id: REGION, name: REGION, region: REGION, endpoint: `ec2.${REGION}.amazonaws.com` };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        id: ACCOUNT,
        accountId: ACCOUNT,
        arn: `arn:aws:iam::${ACCOUNT}:user/mock`,
        userId: "MOCK",
      };
    case "aws:index/getPartition:getPartition":
      return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com" };
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return {
        id: REGION,
        names: [`${REGION}a`, `${REGION}b`, `${REGION}c`],
        zoneIds: ["use1-az1", "use1-az2", "use1-az4"],
      };
    case "aws:iam/getPolicyDocument:getPolicyDocument":
      // SST reads `statements` back from the result, so echo the inputs.
      return {
        ...inputs,
        id: "policy",
        json: JSON.stringify({ Version: "2012-10-17", Statement: inputs.statements ?? [] }),
      };
    default:
      return { id: token, ...inputs };
  }
}

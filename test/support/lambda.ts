// Real-shaped AWS events and a Lambda-like context, for calling handlers the way AWS does.
import { randomUUID } from "node:crypto";

/** A Lambda context with the fields handlers and adapters read. */
export function lambdaContext(functionName = "gg-test", timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "2026/11/23/[$LATEST]test",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/**
 * An API Gateway HTTP API / Function URL event (payload format 2.0) for a fetch-style request.
 * Binary bodies (multipart uploads) are base64-encoded with `isBase64Encoded: true`, as AWS does.
 */
export async function httpApiV2Event(request: Request) {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => {
    headers[k] = v;
  });
  headers.host = "abc123.lambda-url.us-east-1.on.aws";
  const bytes = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const binary = Boolean(headers["content-type"]?.startsWith("multipart/"));
  const now = new Date();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    requestContext: {
      accountId: "anonymous",
      apiId: "abc123",
      domainName: headers.host,
      domainPrefix: "abc123",
      http: {
        method: request.method,
        path: url.pathname,
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: "gg-test",
      },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: bytes ? (binary ? bytes.toString("base64") : bytes.toString("utf8")) : undefined,
    isBase64Encoded: binary,
  };
}

/** An EventBridge scheduled event, as a `rate(1 minute)` rule delivers it. */
export function scheduledEvent(
  time: Date,
  ruleArn = "arn:aws:events:us-east-1:000000000000:rule/gg-traffic",
) {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "000000000000",
    time: time.toISOString().replace(/\.\d{3}Z$/, "Z"),
    region: "us-east-1",
    resources: [ruleArn],
    detail: {},
  };
}

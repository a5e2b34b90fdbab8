// CloudWatch Logs read back from LocalStack over its JSON protocol (no Logs SDK client needed).
import { stack } from "../../support/stack";

/** Every message of a log group, oldest first; empty when the group does not exist (yet). */
async function cloudWatchMessages(logGroupName: string): Promise<string[]> {
  const messages: string[] = [];
  let nextToken: string | undefined;
  do {
    const res = await fetch(stack.awsEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "Logs_20140328.FilterLogEvents",
        authorization:
          "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=0",
      },
      body: JSON.stringify({ logGroupName, nextToken }),
    });
    if (res.status === 400) return messages;
    const body = (await res.json()) as { events?: { message: string }[]; nextToken?: string };
    messages.push(...(body.events ?? []).map((e) => e.message));
    nextToken = body.nextToken;
  } while (nextToken);
  return messages;
}

/** A Lambda function's log lines (its group `/aws/lambda/<name>`), as LocalStack ships them. */
export const lambdaLogs = (name: string) => cloudWatchMessages(`/aws/lambda/${name}`);

import {
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
  type LambdaClient,
  paginateListFunctions,
} from "@aws-sdk/client-lambda";
import { type CheckResult, fail, pass } from "../report";

/** Unreserved concurrency AWS insists on keeping in every account and region. */
const MIN_UNRESERVED = 100;

/** What this stage's API already reserves (0 before its first deploy). */
async function reservedByStage(lambda: LambdaClient, prefix: string): Promise<number> {
  for await (const page of paginateListFunctions({ client: lambda }, {})) {
    for (const fn of page.Functions ?? []) {
      if (!fn.FunctionName?.startsWith(prefix)) continue;
      const out = await lambda.send(
        new GetFunctionConcurrencyCommand({ FunctionName: fn.FunctionName }),
      );
      return out.ReservedConcurrentExecutions ?? 0;
    }
  }
  return 0;
}

/**
 * The account's Lambda concurrency against what the stage reserves for its API: AWS refuses a
 * reservation that would leave fewer than 100 unreserved (a new account's limit is often 10).
 */
export async function checkConcurrency(
  lambda: LambdaClient,
  stage: { app: string; stage: string; region: string; reservedConcurrency: number },
): Promise<CheckResult> {
  const name = "Lambda concurrency";
  const settings = await lambda.send(new GetAccountSettingsCommand({}));
  const limit = settings.AccountLimit?.ConcurrentExecutions ?? 0;
  const unreserved = settings.AccountLimit?.UnreservedConcurrentExecutions ?? limit;
  const current = await reservedByStage(lambda, `${stage.app}-${stage.stage}-ApiFunction-`);
  const left = unreserved + current - stage.reservedConcurrency;
  const what = `limit ${limit}, ${unreserved} unreserved; the API reserves ${stage.reservedConcurrency}`;
  if (left >= MIN_UNRESERVED)
    return pass(name, `${what}, leaving ${left} (AWS keeps ${MIN_UNRESERVED})`);
  const want = Math.max(1_000, limit - left + MIN_UNRESERVED);
  return fail(
    name,
    `${what}, which would leave ${left}: AWS refuses below ${MIN_UNRESERVED}`,
    `ask for a higher limit (new accounts often start at 10): aws service-quotas request-service-quota-increase --service-code lambda --quota-code L-B99A9384 --desired-value ${want} --region ${stage.region}`,
  );
}

import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { type CheckResult, fail, pass } from "../report";

/** Who the deploy would run as, and where: the account and the region infra/region.ts pins. */
export async function checkIdentity(
  sts: STSClient,
  region: string,
): Promise<{ result: CheckResult; account?: string }> {
  const name = "AWS identity";
  try {
    const who = await sts.send(new GetCallerIdentityCommand({}));
    return {
      result: pass(
        name,
        `account ${who.Account} as ${who.Arn}, region ${region} (infra/region.ts)`,
      ),
      account: who.Account,
    };
  } catch (e) {
    return {
      result: fail(
        name,
        `no usable AWS credentials (${(e as Error).name}: ${(e as Error).message})`,
        "sign in (aws sso login, or AWS_PROFILE / AWS_ACCESS_KEY_ID) and run it again",
      ),
    };
  }
}

// The contract against the Node app on the real stack (the suite is shared with the Lambda run).
import { startTestApi } from "../../support/api";
import { describeContract } from "./contract-suite";

describeContract("GourmetGram API against the real stack", async () => {
  const api = await startTestApi();
  return { target: api, close: () => api.close() };
});

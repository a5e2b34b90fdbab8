// The Node runtime of one execution environment, run by executor.py as `node bootstrap.mjs` with
// the function's code as cwd and its environment. It plays the part of AWS's Node runtime client:
// load the handler once (init), then run one invocation at a time, formatting console output as
// the Lambda Node runtime does. Instead of polling a Runtime API over HTTP it talks to the
// executor over pipes: invocations arrive as JSON lines on stdin; logs, results and init status
// leave as JSON lines on the file descriptor GG_LAMBDA_CONTROL_FD. The executor, not this file,
// enforces the timeout: a handler stuck in a busy loop cannot time itself out.
import { existsSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { format } from "node:util";

const CONTROL = Number(process.env.GG_LAMBDA_CONTROL_FD);
delete process.env.GG_LAMBDA_CONTROL_FD;
const send = (message) => writeSync(CONTROL, `${JSON.stringify(message)}\n`);

// Everything the process writes goes to CloudWatch Logs (through the executor) and to the
// environment's own output file.
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, encoding, callback) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    send({ type: "log", text });
    return write(chunk, encoding, callback);
  };
}

let requestId;
// As the Lambda Node runtime's text format: time, request id, level, message; a multi-line
// message stays one CloudWatch event (newlines become carriage returns).
const levels = { log: "INFO", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG" };
for (const [method, level] of Object.entries(levels)) {
  console[method] = (...args) => {
    const message = format(...args).replaceAll("\n", "\r");
    process.stdout.write(`${new Date().toISOString()}\t${requestId}\t${level}\t${message}\n`);
  };
}
console.trace = (...args) => console.debug(format(...args), new Error().stack);

/** The payload AWS's Node runtime returns for an error, and logs as `Invoke Error`. */
function errorPayload(error, fallbackType = "Error") {
  if (error instanceof Error) {
    return {
      errorType: error.name && error.name !== "Error" ? error.name : fallbackType,
      errorMessage: error.message,
      trace: String(error.stack ?? "").split("\n"),
    };
  }
  return { errorType: fallbackType, errorMessage: String(error), trace: [] };
}

class HandlerNotFound extends Error {
  name = "Runtime.HandlerNotFound";
}
class ImportModuleError extends Error {
  name = "Runtime.ImportModuleError";
}

/** `dir/file.export` → the module in the task root (.js, .mjs, .cjs, as AWS tries) and export. */
async function loadHandler(root, spec) {
  const dot = spec.lastIndexOf(".");
  if (dot < 0) throw new HandlerNotFound(`Bad handler ${spec}`);
  const stem = resolve(root, spec.slice(0, dot));
  const name = spec.slice(dot + 1);
  const file = [".js", ".mjs", ".cjs"].map((ext) => stem + ext).find((f) => existsSync(f));
  if (!file) {
    throw new ImportModuleError(`Error: Cannot find module '${spec.slice(0, dot)}'`);
  }
  const module = await import(pathToFileURL(file).href);
  const handler = module[name] ?? module.default?.[name];
  if (typeof handler !== "function") {
    throw new HandlerNotFound(`${spec.slice(0, dot)}.${name} is undefined or not exported`);
  }
  return handler;
}

function context(invocation) {
  const env = process.env;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: invocation.arn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: invocation.id,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, invocation.deadlineMs - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** Promise-style and callback-style handlers alike. */
function call(handler, event, ctx) {
  if (handler.length < 3) return Promise.resolve().then(() => handler(event, ctx));
  return new Promise((ok, fail) => {
    const result = handler(event, ctx, (error, value) => (error ? fail(error) : ok(value)));
    if (result && typeof result.then === "function") result.then(ok, fail);
  });
}

const maxRssMb = () => Math.round(process.memoryUsage.rss() / 1048576);

function fail(error, fallbackType) {
  const payload = errorPayload(error, fallbackType);
  console.error("Invoke Error", JSON.stringify(payload));
  return payload;
}

// Like the managed runtime: an error escaping the handler's promise chain fails the invocation in
// flight and ends the process; the executor starts a fresh one for the next invocation.
function crash(error, type) {
  const payload = fail(error, type);
  if (requestId) send({ type: "result", ok: false, payload: JSON.stringify(payload), maxRssMb: 0 });
  process.exit(129);
}
process.on("uncaughtException", (e) => crash(e, "Runtime.UncaughtException"));
process.on("unhandledRejection", (e) => crash(e, "Runtime.UnhandledPromiseRejection"));

const root = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
const initStart = performance.now();
let handler;
try {
  handler = await loadHandler(root, process.env._HANDLER ?? "");
} catch (error) {
  const payload = fail(error, "Runtime.ImportModuleError");
  send({ type: "init-error", payload: JSON.stringify(payload) });
  process.exit(1);
}
send({ type: "ready", initMs: performance.now() - initStart });

for await (const line of createInterface({ input: process.stdin })) {
  const invocation = JSON.parse(line);
  requestId = invocation.id;
  process.env._X_AMZN_TRACE_ID = invocation.traceId ?? "";
  let message;
  try {
    const result = await call(handler, JSON.parse(invocation.payload), context(invocation));
    message = { type: "result", ok: true, payload: JSON.stringify(result) ?? "null" };
  } catch (error) {
    message = { type: "result", ok: false, payload: JSON.stringify(fail(error)) };
  }
  send({ ...message, maxRssMb: maxRssMb() });
  requestId = undefined;
}
// stdin closed: the executor stopped this environment.
process.exit(0);

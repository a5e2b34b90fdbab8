"""One Lambda execution environment = one `node bootstrap.mjs` process on the host.

LocalStack creates one executor per execution environment, reuses it while it is warm (one
invocation at a time) and creates more for concurrent invocations; this class only has to start,
invoke and stop its process. The protocol with bootstrap.mjs is JSON lines: invocations on the
child's stdin, and logs, results and init status on a dedicated pipe (GG_LAMBDA_CONTROL_FD), so
logs always arrive before the result they belong to. The timeout is enforced here, by killing the
process: as on AWS, the next invocation then gets a fresh init in the same environment.
"""

import json
import logging
import math
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from localstack import config
from localstack.services.lambda_.invocation.executor_endpoint import StatusErrorException
from localstack.services.lambda_.invocation.lambda_models import FunctionVersion, InvocationResult
from localstack.services.lambda_.invocation.runtime_executor import (
    LambdaRuntimeException,
    RuntimeExecutor,
)

from gg_lambda_executor import tuning

LOG = logging.getLogger(__name__)

# LocalStack's own work around each invocation, made cheaper (switch interval, collector, log
# shipping): see tuning.py.
tuning.apply()

BOOTSTRAP = Path(__file__).with_name("bootstrap.mjs")
# {"nodejs22.x": "/path/to/node"}: written by `pnpm services up`, which installs each Node major.
NODE_BINARIES_ENV = "GG_LAMBDA_NODE_BINARIES"


def node_binaries() -> dict[str, str]:
    try:
        return json.loads(os.environ.get(NODE_BINARIES_ENV) or "{}")
    except ValueError:
        LOG.error("%s is not JSON", NODE_BINARIES_ENV)
        return {}


def node_for(function_version: FunctionVersion) -> str:
    runtime = function_version.config.runtime
    node = node_binaries().get(str(runtime))
    if not node or not os.access(node, os.X_OK):
        raise LambdaRuntimeException(
            f"runtime {runtime} has no Node binary here ({NODE_BINARIES_ENV} lists "
            f"{sorted(node_binaries())}); the gg-node executor runs nodejs runtimes only"
        )
    return node


def gateway_host() -> str:
    host = config.GATEWAY_LISTEN[0].host
    return "127.0.0.1" if host in ("0.0.0.0", "", "::") else host


class NodeProcess:
    """The running `node` of an environment and the messages it sends.

    Messages are read by whichever thread waits for them (the one invoking, or initialising), not
    by a reader thread handing them over through a queue: in LocalStack's busy process each
    hand-off between threads waits for the GIL, up to the switch interval (5 ms) while another
    thread runs Python (its log shipping, its gateway), and an invocation made two of them."""

    def __init__(self, command: list[str], cwd: str, env: dict[str, str], output: Path):
        read_fd, write_fd = os.pipe()
        with open(output, "ab") as out:
            self.popen = subprocess.Popen(
                command,
                cwd=cwd,
                env={**env, "GG_LAMBDA_CONTROL_FD": str(write_fd)},
                stdin=subprocess.PIPE,
                stdout=out,
                stderr=out,
                pass_fds=(write_fd,),
                # Its own process group: a kill reaches anything the handler spawned.
                start_new_session=True,
            )
        os.close(write_fd)
        self.fd = read_fd
        self.buffer = b""
        self.lines: list[bytes] = []
        self.closed = False

    def next(self, timeout: float | None) -> dict | None:
        """The next message, or None when none came within `timeout` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            while self.lines:
                line = self.lines.pop(0)
                try:
                    return json.loads(line)
                except ValueError:
                    LOG.warning("gg-node: unreadable message %r", line[:200])
            if self.closed:
                return {"type": "exit", "code": self.popen.wait()}
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                self.closed = True
                os.close(self.fd)
                continue
            *complete, self.buffer = (self.buffer + chunk).split(b"\n")
            self.lines.extend(line for line in complete if line)

    def send(self, message: dict) -> None:
        self.popen.stdin.write(json.dumps(message).encode() + b"\n")
        self.popen.stdin.flush()

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self) -> None:
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.popen.wait()

    def close(self) -> None:
        """Closes the pipe once nothing reads it (a reader would see its end and close it)."""
        if not self.closed:
            self.closed = True
            os.close(self.fd)


class NodeProcessRuntimeExecutor(RuntimeExecutor):
    def __init__(self, id: str, function_version: FunctionVersion) -> None:
        super().__init__(id=id, function_version=function_version)
        self.dir = Path(tempfile.mkdtemp(prefix=f"gg-lambda-{id}-"))
        self.env: dict[str, str] = {}
        self.process: NodeProcess | None = None
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        # Init output and duration, reported with the next invocation (as CloudWatch shows them).
        self.pending_init_logs: list[str] = []
        self.pending_init_ms: float | None = None

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self, env_vars: dict[str, str]) -> None:
        code = str(self.function_version.config.code.get_unzipped_code_location())
        tmp = self.dir / "tmp"
        tmp.mkdir()
        runtime = str(self.function_version.config.runtime)
        node = node_for(self.function_version)
        self.env = {k: str(v) for k, v in env_vars.items() if v is not None}
        self.env.update(
            {
                # The code is not in /var/task here: point the runtime's variables at it.
                "LAMBDA_TASK_ROOT": code,
                "LAMBDA_RUNTIME_DIR": str(BOOTSTRAP.parent),
                "AWS_EXECUTION_ENV": f"AWS_Lambda_{runtime}",
                "PATH": f"{Path(node).parent}:/usr/local/bin:/usr/bin:/bin",
                "LANG": "en_US.UTF-8",
                # Each environment has its own /tmp, as on AWS.
                "TMPDIR": str(tmp),
                "HOME": str(tmp),
            }
        )
        memory = int(self.function_version.config.memory_size or 128)
        # The managed Node runtime caps the old space at ~90% of the configured memory.
        self.command = [node, f"--max-old-space-size={memory * 9 // 10}", str(BOOTSTRAP)]
        self.code = code
        with self.lock:
            self._init()

    def _init(self) -> None:
        """Start node and wait for its handler to load; raises with AWS's init-error payload."""
        started = time.perf_counter()
        self.process = NodeProcess(self.command, self.code, self.env, self.dir / "output.log")
        logs = [f"INIT_START Runtime Version: {self.function_version.config.runtime}\n"]
        while not self.stopped.is_set():
            message = self.process.next(timeout=0.2)
            if message is None:
                continue
            kind = message.get("type")
            if kind == "log":
                logs.append(message["text"])
            elif kind == "ready":
                self.pending_init_logs = logs
                self.pending_init_ms = (time.perf_counter() - started) * 1000
                return
            elif kind == "init-error":
                self.process.kill()
                self.process.close()
                raise StatusErrorException("init failed", payload=message["payload"].encode())
            elif kind == "exit":
                payload = {
                    "errorType": "Runtime.ExitError",
                    "errorMessage": f"Runtime exited with error: exit status {message['code']}",
                }
                raise StatusErrorException("init exited", payload=json.dumps(payload).encode())
        self.process.kill()
        self.process.close()
        raise LambdaRuntimeException("environment stopped during init")

    def stop(self) -> None:
        self.stopped.set()
        if self.process:
            self.process.kill()
            # An invocation in flight reads the pipe's end and closes it itself.
            if self.lock.acquire(blocking=False):
                try:
                    self.process.close()
                finally:
                    self.lock.release()
        shutil.rmtree(self.dir, ignore_errors=True)

    # -- invocations -----------------------------------------------------------------------------

    def invoke(self, payload: dict[str, str]) -> InvocationResult:
        with self.lock:
            return self._invoke(payload)

    def _invoke(self, payload: dict[str, str]) -> InvocationResult:
        request_id = payload["invoke-id"]
        if not (self.process and self.process.alive()):
            # The last invocation timed out or crashed the runtime: init again, as AWS does.
            try:
                self._init()
            except StatusErrorException as e:
                return InvocationResult(request_id, e.payload, is_error=True, logs="")
        timeout = float(self.function_version.config.timeout or 3)
        started = time.perf_counter()
        deadline = time.time() + timeout
        version = self.function_version.id.qualifier
        logs = self.pending_init_logs + [f"START RequestId: {request_id} Version: {version}\n"]
        init_ms, self.pending_init_logs, self.pending_init_ms = self.pending_init_ms, [], None
        self.process.send(
            {
                "id": request_id,
                "arn": payload.get("invoked-function-arn"),
                "payload": payload.get("payload") or "{}",
                "traceId": payload.get("trace-id"),
                "deadlineMs": int(deadline * 1000),
            }
        )
        status, rss, result_payload, is_error = None, 0, b"", False
        while True:
            message = self.process.next(timeout=max(0.0, deadline - time.time()))
            if message is None:
                self.process.kill()
                self.process.close()
                error = f"Task timed out after {timeout:.2f} seconds"
                logs.append(f"{now()} {request_id} {error}\n")
                result_payload = _error("Sandbox.Timedout", f"RequestId: {request_id} Error: {error}")
                status, is_error = "timeout", True
                break
            kind = message.get("type")
            if kind == "log":
                logs.append(message["text"])
            elif kind == "result":
                result_payload = message["payload"].encode()
                is_error, rss = not message["ok"], message.get("maxRssMb", 0)
                break
            elif kind == "exit":
                error = f"Runtime exited with error: exit status {message['code']}"
                logs.append(f"RequestId: {request_id} Error: {error}\n")
                result_payload = _error("Runtime.ExitError", f"RequestId: {request_id} Error: {error}")
                status, is_error = "error", True
                break
        duration = (time.perf_counter() - started) * 1000
        memory = self.function_version.config.memory_size
        report = [
            f"REPORT RequestId: {request_id}",
            f"Duration: {duration:.2f} ms",
            f"Billed Duration: {math.ceil(duration)} ms",
            f"Memory Size: {memory} MB",
            f"Max Memory Used: {rss} MB",
        ]
        if init_ms is not None:
            report.append(f"Init Duration: {init_ms:.2f} ms")
        if status:
            report.append(f"Status: {status}")
        logs += [f"END RequestId: {request_id}\n", "\t".join(report) + "\n"]
        return InvocationResult(request_id, result_payload, is_error=is_error, logs="".join(logs))

    # -- addresses (the environment runs on LocalStack's own host) -------------------------------

    def get_address(self) -> str:
        return "127.0.0.1"

    def get_endpoint_from_executor(self) -> str:
        return gateway_host()

    def get_runtime_endpoint(self) -> str:
        port = config.GATEWAY_LISTEN[0].port
        return f"http://{gateway_host()}:{port}/_localstack_lambda/{self.id}"

    def get_logs(self) -> str:
        try:
            return (self.dir / "output.log").read_text(errors="replace")
        except OSError:
            return ""

    # -- versions --------------------------------------------------------------------------------

    @classmethod
    def prepare_version(cls, function_version: FunctionVersion) -> None:
        node_for(function_version)
        if function_version.config.code:
            function_version.config.code.prepare_for_execution()

    @classmethod
    def cleanup_version(cls, function_version: FunctionVersion) -> None:
        pass

    @classmethod
    def validate_environment(cls) -> bool:
        if not node_binaries():
            LOG.warning("gg-node executor: %s is empty, no runtime can run", NODE_BINARIES_ENV)
            return False
        return True


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _error(error_type: str, message: str) -> bytes:
    return json.dumps({"errorType": error_type, "errorMessage": message}, separators=(",", ":")).encode()

"""What LocalStack's process does around each invocation, made cheaper for steady streams of them.

LocalStack serves every request from one Python process, so its own work around an invocation
competes, under the GIL, with the next request: a request that arrives while LocalStack still
finishes the previous one waits. Measured with `pnpm bench landed` (two streams, 44 invocations/s
through Function URLs): events due 5-10 ms after another landed later than they should, the gaps
of the landed minute failed the KS test against the exponential, and a whole pause of the
collector delayed every request in flight by hundreds of milliseconds. Each measure here cuts one
part of that work; `apply()` installs them when LocalStack loads the executor.

- **Switch interval.** A thread waiting for the GIL while another runs Python gets it only at the
  switch interval, 5 ms by default, and an invocation crosses threads several times.
- **Collector.** LocalStack holds ~400,000 objects after start-up and keeps gaining more (each
  invocation's log lines in its CloudWatch Logs store, a thread object per invocation). A full
  collection walks all of them with the GIL held: 175 ms after start, 340-360 ms a few minutes
  later, every 15-60 s under load. Objects that survived a full pass are nearly all long-lived, so
  after each one they move to the permanent generation (`gc.freeze()`), which no later pass walks:
  full passes then take ~15 ms. Reference counting still frees frozen objects; only a reference
  cycle among objects frozen while in use stays until the process exits, which an emulator affords.
- **Metric threads.** After each invocation LocalStack starts a thread to record a CloudWatch
  metric, which returns at once when CloudWatch is not served (`pnpm services up` does not serve
  it), and keeps the thread object for its shutdown hook: a thread start per invocation and ~44
  objects a second kept for good at 44 invocations/s. Without CloudWatch they are not started.
- **Log shipping.** LocalStack ships each invocation's log lines with a PutLogEvents call of their
  own, a whole botocore request to itself: about a third of its Python time per invocation in a
  profile (py-spy). Its log thread here gathers what the invocations of `LOG_BATCH_S` give and sends
  one call per log stream.

The last two patch LocalStack's own code (4.13.1, the version `pnpm services up` installs); on a
LocalStack whose code is not the one they were written for, they leave it alone and say so.
"""

import gc
import importlib
import logging
import sys
import time
from queue import Empty

LOG = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.0005
# How long the log thread gathers invocations' logs before sending them.
LOG_BATCH_S = 0.25
# PutLogEvents' limits: 10,000 events and 1,048,576 bytes (each event counts 26 bytes more).
MAX_EVENTS = 10_000
MAX_BYTES = 1_000_000


def apply() -> None:
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    _freeze_survivors_of_full_passes()
    _skip_metric_threads_without_cloudwatch()
    _batch_log_shipping()


# -- collector ------------------------------------------------------------------------------------


def _freeze_after_full_pass(phase: str, info: dict) -> None:
    if phase == "stop" and info.get("generation") == 2:
        gc.freeze()


def _freeze_survivors_of_full_passes() -> None:
    if _freeze_after_full_pass not in gc.callbacks:
        gc.callbacks.append(_freeze_after_full_pass)
        gc.collect()  # what start-up left, frozen by the callback


# -- LocalStack's own code ------------------------------------------------------------------------


def _localstack(module: str, needs: tuple[str, ...], what: str):
    """LocalStack's `module` when it has every attribute `needs` names (dotted: `Class.method`),
    else None, with a warning that `what` stays as LocalStack does it."""
    try:
        found = importlib.import_module(module)
    except ImportError as e:
        LOG.warning("gg-node: %s not found (%s): %s stays as it is", module, e, what)
        return None
    for name in needs:
        target = found
        for part in name.split("."):
            target = getattr(target, part, None)
        if target is None:
            LOG.warning("gg-node: %s has no %s: %s stays as it is", module, name, what)
            return None
    return found


# -- metric threads -------------------------------------------------------------------------------

METRIC_THREAD = "record-cloudwatch-metric"


def _skip_metric_threads_without_cloudwatch() -> None:
    manager = _localstack(
        "localstack.services.lambda_.invocation.version_manager", ("start_thread",), "metric threads"
    )
    if manager is None or getattr(manager.start_thread, "gg_tuned", False):
        return
    from localstack.utils.bootstrap import is_api_enabled

    start_thread = manager.start_thread

    def tuned(method, *args, name=None, **kwargs):
        if name and name.startswith(METRIC_THREAD) and not is_api_enabled("cloudwatch"):
            return None
        return start_thread(method, *args, name=name, **kwargs)

    tuned.gg_tuned = True
    manager.start_thread = tuned


# -- log shipping ---------------------------------------------------------------------------------


def _batch_log_shipping() -> None:
    logs = _localstack(
        "localstack.services.lambda_.invocation.logs",
        ("LogHandler.run_log_loop", "QUEUE_SHUTDOWN"),
        "log shipping (a call per invocation)",
    )
    if logs is not None:
        logs.LogHandler.run_log_loop = _run_batched_log_loop


def _run_batched_log_loop(self, *args, **kwargs) -> None:
    """LocalStack's `LogHandler.run_log_loop`, sending what `LOG_BATCH_S` gathers in one call per
    stream (its log group and stream created on first use, as the original does)."""
    from localstack.aws.connect import connect_to
    from localstack.services.lambda_.invocation.logs import QUEUE_SHUTDOWN
    from localstack.utils.aws.client_types import ServicePrincipal

    client = connect_to.with_assumed_role(
        region_name=self.region,
        role_arn=self.role_arn,
        service_principal=ServicePrincipal.lambda_,
    ).logs
    while not self._shutdown_event.is_set():
        item = self.log_queue.get()
        if item is QUEUE_SHUTDOWN:
            return
        batch = [(item, _now_ms())]
        stop = False
        deadline = time.monotonic() + LOG_BATCH_S
        while (left := deadline - time.monotonic()) > 0:
            try:
                more = self.log_queue.get(timeout=left)
            except Empty:
                break
            if more is QUEUE_SHUTDOWN:
                stop = True
                break
            batch.append((more, _now_ms()))
        for (group, stream), events in _by_stream(batch).items():
            for chunk in _chunks(events):
                _put(client, group, stream, chunk, self.region)
        if stop:
            return


def _now_ms() -> int:
    return int(time.time() * 1000)


def _by_stream(batch: list) -> dict[tuple[str, str], list[dict]]:
    """Each stream's events in the order they came, one per non-empty line (CloudWatch refuses
    empty ones), all of an invocation stamped with when it was queued (as LocalStack stamps them)."""
    streams: dict[tuple[str, str], list[dict]] = {}
    for item, at in batch:
        lines = [line + "\n" for line in item.logs.split("\n") if line]
        events = streams.setdefault((item.log_group, item.log_stream), [])
        events.extend({"timestamp": at, "message": line} for line in lines)
    return streams


def _chunks(events: list[dict]):
    chunk: list[dict] = []
    size = 0
    for event in events:
        n = len(event["message"].encode()) + 26
        if chunk and (len(chunk) >= MAX_EVENTS or size + n > MAX_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(event)
        size += n
    if chunk:
        yield chunk


def _put(client, group: str, stream: str, events: list[dict], region: str) -> None:
    try:
        try:
            client.put_log_events(logGroupName=group, logStreamName=stream, logEvents=events)
        except client.exceptions.ResourceNotFoundException:
            try:
                client.create_log_group(logGroupName=group)
            except client.exceptions.ResourceAlreadyExistsException:
                pass
            client.create_log_stream(logGroupName=group, logStreamName=stream)
            client.put_log_events(logGroupName=group, logStreamName=stream, logEvents=events)
    except Exception as e:
        LOG.warning("Error saving logs to group %s in region %s: %s", group, region, e)

"""Schemathesis hooks of the fuzz runner (loaded through SCHEMATHESIS_HOOKS).

Two kinds of failure are dropped, each only after checking it is not the API's fault:

- ST202 "schema-valid request rejected" for a rule of the API that no JSON Schema keyword can
  say (it relates two values, or looks inside a file): the documents state every rule OpenAPI
  can state, and the API is right to refuse these. Dropped only when the answer is the 4xx that
  names the rule, in the contract's `{"detail": ...}` shape, and every issue it lists is one of
  UNSTATABLE.
- ST201 "schema-violating request accepted" in the stateful phase when the request was not
  schema-violating: that phase makes negative cases whatever the mode, then a link fills the
  field that was made invalid (a user_id) with an id from an earlier response
  (schemathesis#2983). Dropped only when the body sent validates against the document.

Each dropped failure is written to GG_FUZZ_FORGIVEN (one JSON line), so a run reports how many
it forgave and why, instead of hiding them.
"""

import json
import os
import re
import sys

import schemathesis

# Public in schemathesis' own checks, not in its documented API: requirements.txt pins the version.
from schemathesis.core.jsonschema import make_validator

# Hypothesis describes a lambda by parsing its module's source (ast.parse), here deep inside
# schemathesis' recursive walk of a nested schema (the clickstream settings); the venv's CPython
# 3.11 can then fail near the recursion limit with "AST constructor recursion depth mismatch", an
# error of the run (seen on POST /generate/{data_type}). Headroom keeps the parse off the limit.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

LINK_FILLED = "schemathesis#2983: a link made the negative body valid"
# A negative body past the server's body limit (a replay's counts past maxItems) is refused with
# 413 before its schema is read: refused all the same, but 413 is not on ST201's list.
BODY_LIMIT = "413: the body is over the server's limit, refused before its schema is read"

# Each rule that OpenAPI cannot state, as the message the API answers it with, and why.
UNSTATABLE = [
    # Only the bytes say it (the API sniffs them); a part's declared type proves nothing.
    (r"File is not a JPEG, PNG or WebP image", "a file's magic bytes"),
    # Each relates two values of one request.
    (r"a range is \[min, max\] with min <= max", "two items of one array"),
    (r"ramp end must be after its start", "two dates"),
    # A stream's peak rate (rate x daily curve x bursts, or a viral burst) against the ceiling the
    # deployment is configured with.
    (r"rate too high: .*", "a product of several values, and a setting of the server"),
    # What JavaScript's Date and Number read: the document says the text's shape and bounds only.
    (r"Invalid input: expected date, received Date", "Date's parser"),
    (r"not a real time", "Date's parser"),
    (r"bad arrival rate .*: must be a finite rate >= 0", "a number too large to be finite"),
    (r"bad event mix .*", "a mix written as text: kinds, numbers and a positive sum"),
]
_UNSTATABLE = [re.compile(rule) for rule, _why in UNSTATABLE]


def _unstatable(message):
    return isinstance(message, str) and any(r.fullmatch(message) for r in _UNSTATABLE)


def _issues(response):
    try:
        body = json.loads(response.text)
    except ValueError:
        return None
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return [detail]
    if isinstance(detail, list) and all(isinstance(i, dict) for i in detail):
        return [i.get("msg") for i in detail]
    return None


def _as_json(value):
    """The body as the validator reads it: a file part (schemathesis' Binary, a str subclass the
    validator refuses) is some string."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if value is None or type(value) in (str, int, float, bool):
        return value
    return ""


def _link_made_body_valid(case):
    meta = case.meta
    if meta is None or meta.phase.name.value != "stateful":
        return False
    negated = [loc.name for loc, c in meta.components.items() if c.mode.is_negative]
    if negated != ["BODY"]:
        return False
    body = case.operation.get_body_for_media_type(case.media_type)
    if body is None:
        return False
    validator_cls = case.operation.schema.adapter.jsonschema_validator_cls
    return make_validator(body.optimized_schema, validator_cls).is_valid(_as_json(case.body))


def _forgive(case, response, rules):
    path = os.environ.get("GG_FUZZ_FORGIVEN")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            line = {"operation": case.operation.label, "status": response.status_code}
            out.write(json.dumps({**line, "rules": sorted(set(rules))}) + "\n")
    return False


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if failure.code == "ST201" and _link_made_body_valid(case):
        return _forgive(case, response, [LINK_FILLED])
    if failure.code == "ST201" and response.status_code == 413:
        return _forgive(case, response, [BODY_LIMIT])
    if failure.code != "ST202" or not 400 <= response.status_code < 500:
        return True
    issues = _issues(response)
    if not issues or not all(_unstatable(i) for i in issues):
        return True
    return _forgive(case, response, issues)


@schemathesis.hook
def before_call(context, case, **kwargs):
    """A paced delivery (POST /generate/{data_type} with stream and rate) takes count / rate real
    seconds, up to 120: raise a valid rate so the run takes at most one second. A rate that is
    itself the invalid part of a case is left alone."""
    if case.operation.method.upper() != "POST" or case.operation.path != "/generate/{data_type}":
        return
    body = case.body
    if not isinstance(body, dict) or body.get("stream") is not True:
        return
    count, rate = body.get("count", 100), body.get("rate")
    if type(count) is int and 1 <= count <= 10_000 and type(rate) in (int, float):
        if 0 < rate < count <= 100_000:
            body["rate"] = float(count)

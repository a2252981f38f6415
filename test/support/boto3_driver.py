"""Drives boto3 for the tests (test/support/boto3.ts starts it; one process serves a whole suite).

Reads one JSON request a line on stdin and writes one JSON answer a line on stdout:

  {"id": 1, "call": "create_user_pool", "params": {...}, "client": {...}}
      -> {"id": 1, "result": {...}}                      the parsed output, ResponseMetadata included
      -> {"id": 1, "error": {"Code", "Message", "HTTPStatusCode", "RequestId", "Headers", "Error"}}
                                                         a botocore ClientError, as boto3 users see it
  {"id": 2, "python": "result = secret_hash(u, c, s)", "vars": {...}, "client": {...}}
      -> {"id": 2, "result": ...}                        statements run with vars, `client`, `boto3`,
                                                         `secret_hash` in scope; `result` is answered
  Anything else boto3 raises (parameter validation, a response it cannot parse, an unknown
  operation) -> {"id": n, "failure": {"Type", "Message", "Traceback"}}

"client" is optional: {"access_key", "secret_key", "session_token", "region", "validate"}; the
endpoint and default credentials come from the command line. Dates are answered as ISO 8601 in
UTC, bytes as base64.
"""

import base64
import datetime
import hashlib
import hmac
import json
import sys
import traceback

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError


def secret_hash(username, client_id, client_secret):
    """SECRET_HASH as the Cognito documentation computes it in Python."""
    message = bytes(username + client_id, "utf-8")
    key = bytes(client_secret, "utf-8")
    return base64.b64encode(hmac.new(key, message, digestmod=hashlib.sha256).digest()).decode()


def plain(value):
    """What json.dumps cannot write: datetimes (as botocore parses them), bytes, streams."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise TypeError(f"naive datetime {value!r}")
        return value.astimezone(datetime.timezone.utc).isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    if hasattr(value, "read"):
        return plain(value.read())
    raise TypeError(f"cannot serialise {type(value).__name__}")


def main():
    endpoint, access_key, secret_key = sys.argv[1], sys.argv[2], sys.argv[3]
    clients = {}

    def client_for(spec):
        spec = spec or {}
        key = (
            spec.get("access_key", access_key),
            spec.get("secret_key", secret_key),
            spec.get("session_token"),
            spec.get("region", "us-east-1"),
            spec.get("validate", True),
        )
        if key not in clients:
            session = boto3.session.Session(
                aws_access_key_id=key[0], aws_secret_access_key=key[1], aws_session_token=key[2], region_name=key[3]
            )
            config = Config(
                # One attempt in all: no retry hides a throttle or a 5xx.
                retries={"total_max_attempts": 1, "mode": "standard"},
                parameter_validation=key[4],
                connect_timeout=10,
                read_timeout=30,
            )
            clients[key] = session.client("cognito-idp", endpoint_url=endpoint, config=config)
        return clients[key]

    hello = {"ready": True, "boto3": boto3.__version__, "botocore": botocore.__version__, "python": sys.version.split()[0]}
    sys.stdout.write(json.dumps(hello) + "\n")
    sys.stdout.flush()

    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        answer = {"id": request["id"]}
        try:
            client = client_for(request.get("client"))
            if "call" in request:
                method = getattr(client, request["call"], None)
                if method is None or request["call"].startswith("_"):
                    raise AttributeError(
                        f"boto3 {boto3.__version__} (botocore {botocore.__version__}) has no cognito-idp operation {request['call']}"
                    )
                answer["result"] = method(**(request.get("params") or {}))
            else:
                scope = {"client": client, "boto3": boto3, "secret_hash": secret_hash, **(request.get("vars") or {})}
                exec(request["python"], scope)
                answer["result"] = scope.get("result")
        except ClientError as e:
            meta = e.response.get("ResponseMetadata", {})
            answer["error"] = {
                "Code": e.response.get("Error", {}).get("Code"),
                "Message": e.response.get("Error", {}).get("Message"),
                "HTTPStatusCode": meta.get("HTTPStatusCode"),
                "RequestId": meta.get("RequestId"),
                "Headers": meta.get("HTTPHeaders", {}),
                "Error": e.response.get("Error", {}),
                "Class": type(e).__name__,
            }
        except Exception as e:  # noqa: BLE001 - every other failure is reported to the test
            answer["failure"] = {"Type": type(e).__name__, "Message": str(e), "Traceback": traceback.format_exc()}
        try:
            text = json.dumps(answer, default=plain)
        except Exception as e:  # noqa: BLE001
            text = json.dumps({"id": request["id"], "failure": {"Type": type(e).__name__, "Message": f"answer not serialisable: {e}", "Traceback": ""}})
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Checks the running API against its OpenAPI document with schemathesis (bounded run): every
response's status, content type and body must be what docs/openapi.json says, and no request,
however malformed, may get a 5xx. Runs as the Secretariat (API token) on a seeded database.

Usage: python3 tests/service/api_conformance.py .build/debug/mecigep [MAX_EXAMPLES]"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
from mecigep_client import Client, free_port, start_server, stop  # noqa: E402
import seed_demo  # noqa: E402


def main(binary, examples):
    started = time.time()
    data = tempfile.mkdtemp(prefix="mecigep-api-")
    seed_demo.main(binary, data)
    port = free_port()
    server = start_server(binary, data, port)
    try:
        sec = Client(port)
        sec.login("secretariat")
        _, token = sec.json("POST", "/api/tokens", {"name": "schemathesis"}, expect=201)
        command = ["schemathesis", "run", f"http://127.0.0.1:{port}/openapi.json",
                   "--header", f"Authorization: Bearer {token['secret']}",
                   "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                   "--max-examples", str(examples),
                   # not signing itself out or revoking its own token; not running every rule test
                   "--exclude-path-regex", "^/api/(logout|tokens/.*|frameworks/.*/tests)$",
                   "--request-timeout", "120", "--no-color"]
        result = subprocess.run(command, capture_output=True, text=True, cwd=data)  # its cache stays out of the tree
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-(int(os.environ.get("LINES_SHOWN", "40"))):])
        print(tail)
        assert result.returncode == 0, "schemathesis found responses that do not match docs/openapi.json"
    finally:
        stop(server)
    print(f"api conformance: passed in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/mecigep", int(sys.argv[2]) if len(sys.argv) > 2 else 25)

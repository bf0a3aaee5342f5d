"""Fuzz the running service from its own OpenAPI schema: no 500s, every response as documented, no stack traces."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import hypothesis
import pytest
import schemathesis
from schemathesis import GenerationMode, checks

from tests.servers import free_port, start, stop

KEY = "fuzz-admin-key"
REPORT = "城关镇2023年度法治政府建设工作报告\n一、主要成效\n全镇共受理调解案件12件，调解成功11件。\n二、存在问题\n人员不足。\n"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("fuzz")
    (tmp / "城关镇.txt").write_text(REPORT)
    env = {**os.environ, "QA_DATA_DIR": str(tmp / "data"), "QA_API_KEYS": KEY, "QA_ADMIN_KEYS": KEY,
           "QA_RATE_LIMIT": "0"}
    subprocess.run([sys.executable, "-m", "qa.cli", "ingest", str(tmp / "城关镇.txt")], env=env, check=True,
                   capture_output=True, timeout=300)
    port = free_port()
    server = start([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)], url=f"http://127.0.0.1:{port}/healthz",
                   log=tmp / "serve.log", env=env)
    yield f"http://127.0.0.1:{port}"
    stop(server)
    log = (tmp / "serve.log").read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]  # nothing the fuzzer sent made the server fail inside


CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]


def test_no_500_and_every_response_as_documented(base: str) -> None:
    # schemathesis' pytest plugin does not run under pytest 9 yet, so each operation gets its own hypothesis run
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis.settings(max_examples=50, deadline=None, derandomize=True, database=None,
                                 suppress_health_check=list(hypothesis.HealthCheck))
            def fuzz(case: schemathesis.Case) -> None:
                response = case.call_and_validate(base_url=base, headers={"Authorization": f"Bearer {KEY}"},
                                                  checks=CHECKS)
                assert b"Traceback" not in response.content and b'File "' not in response.content  # .xlsx is bytes

            try:
                fuzz()
            except hypothesis.errors.Unsatisfiable:
                pass  # nothing to get wrong: an operation without parameters has no invalid input
            except (Exception, BaseExceptionGroup) as e:  # noqa: BLE001 -- collect every operation's failure, then report them all
                failures[f"{operation.label} {mode.value}"] = str(e)[:1500]
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())

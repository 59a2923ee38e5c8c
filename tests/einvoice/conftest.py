import subprocess
import sys

import pytest
import requests


class Gateway:
    def __init__(self, proc, url):
        self.proc, self.url = proc, url

    def mode(self, mode, delay=0.0):
        requests.post(f"{self.url}/_control", json={"mode": mode, "delay": delay},
                      timeout=5).raise_for_status()


@pytest.fixture
def gateway(tmp_path):
    """A real gateway process on 127.0.0.1 (a free port), faults controllable."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app.einvoice_gateway", "--port", "0", "--control",
         "--db", str(tmp_path / "gateway.sqlite"), "--seller", "0100109106:A1B2C"],
        stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.startswith("listening on "), line
    gw = Gateway(proc, line.split()[-1])
    yield gw
    proc.terminate()
    proc.wait(10)

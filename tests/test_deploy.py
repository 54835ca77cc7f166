"""The deploy/ files are valid for the tools that read them (issue 18): nginx -t on the rendered
configuration, systemd-analyze verify on the units, bash -n on the scripts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.config import ROOT

DEPLOY = ROOT / "deploy"
TOOLS = ("cluster.sh", "install-cluster-tools.sh")
SCRIPTS = [*sorted(DEPLOY.glob("run-*.sh")), *(ROOT / "scripts" / n for n in TOOLS)]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_parse(script: Path) -> None:
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0


def test_the_rendered_nginx_configuration_passes_nginx_t(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        pytest.skip("needs nginx (scripts/install-cluster-tools.sh)")
    render = DEPLOY / "run-nginx.sh"
    # run-nginx.sh tests the configuration (nginx -t) before it execs nginx; stop it right after the test by
    # giving it a PATH whose `nginx` runs the real one with -t only.
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "nginx").write_text(f'#!/bin/sh\nexec {nginx} -t -q "$@" 2>&1\n')
    (shim / "nginx").chmod(0o755)
    env = {**os.environ, "PATH": f"{shim}:{os.environ['PATH']}", "CEA_STATE_DIR": str(tmp_path / "state"),
           "CEA_REPLICAS": "127.0.0.1:7861 127.0.0.1:7862", "CEA_LISTEN": "127.0.0.1:18999"}  # fmt: skip
    done = subprocess.run(["bash", str(render)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    conf = (tmp_path / "state" / "nginx" / "nginx.conf").read_text()
    assert not [p for p in ("@USER@", "@STATE@", "@LISTEN@", "@API_SERVERS@", "@PAGE_SERVERS@") if p in conf]
    assert conf.count("server 127.0.0.1:7862") == 2
    assert "proxy_next_upstream error timeout non_idempotent;" in conf and "http_503" not in conf.split("#")[0]
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf
    assert "$request " not in conf and "$request_body" not in conf and "$args" not in conf, "no text in logs"


def test_systemd_units_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    env_file = tmp_path / "cluster.env"
    env_file.write_text("")
    for unit in sorted((DEPLOY / "systemd").glob("*.service")):
        text = unit.read_text().replace("/opt/contact-ethics", str(ROOT)).replace(
            "/etc/contact-ethics/cluster.env", str(env_file)
        )  # where the project and its environment file would be installed
        assert "run-" in text and "EnvironmentFile=" in text
        copy = tmp_path / unit.name
        copy.write_text(text)
        done = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and not done.stderr.strip(), f"{unit.name}: {done.stderr}"

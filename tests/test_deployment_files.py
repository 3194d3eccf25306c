"""The files App Engine and Google read: kept in step with the code."""
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def names(requirements):
    return {r.split(">")[0].split("=")[0].split("[")[0].strip().lower() for r in requirements if r.strip()}


def test_requirements_txt_lists_every_runtime_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    listed = [l for l in (ROOT / "requirements.txt").read_text().splitlines() if l and not l.startswith("#")]
    assert names(project) <= names(listed) and "gunicorn" in names(listed)


def test_app_yaml_runs_one_instance_of_the_app_factory_and_cron_hits_the_refresh_endpoint():
    app = yaml.safe_load((ROOT / "app.yaml").read_text())
    assert app["runtime"] == "python312" and "server.app:create_app()" in app["entrypoint"]
    assert "--workers 1" in app["entrypoint"] and app["automatic_scaling"]["max_instances"] == 1
    cron = yaml.safe_load((ROOT / "cron.yaml").read_text())
    assert cron["cron"][0]["url"] == "/cron/refresh"


def test_the_app_runs_as_the_service_account_the_set_up_gives_its_rights():
    app = yaml.safe_load((ROOT / "app.yaml").read_text())
    assert app["service_account"].endswith(".iam.gserviceaccount.com")
    assert f"--service-account {app['service_account']}" in (ROOT / "README.md").read_text()

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from clusterdesk.lib.env import env_bool, env_choice, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[3]


def test_booleans_are_read_in_the_usual_spellings():
    assert env_bool("X", False, {"X": "Yes"}) is True
    assert env_bool("X", True, {"X": "0"}) is False
    assert env_bool("X", True, {}) is True


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: env_bool("DEBUG", False, {"DEBUG": "maybe"}), "DEBUG must be true or false"),
        (
            lambda: env_int("EMAIL_PORT", 25, minimum=1, environ={"EMAIL_PORT": "x"}),
            "EMAIL_PORT must be a whole number",
        ),
        (
            lambda: env_int("EMAIL_PORT", 25, minimum=1, environ={"EMAIL_PORT": "0"}),
            "EMAIL_PORT must be at least 1",
        ),
        (
            lambda: env_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": "a.example, *"}),
            "ALLOWED_HOSTS must list real host names",
        ),
        (lambda: env_str("SECRET_KEY", environ={}), "SECRET_KEY must be set"),
        (lambda: env_choice("T", "a", ("a", "b"), {"T": "c"}), "T must be one of a, b"),
    ],
)
def test_a_wrong_value_names_the_variable(call, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        call()


def _manage(args, **env_values):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in (
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "SECURE_SSL_REDIRECT",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    env.update(env_values)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_values(tmp_path):
    result = _manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="false",
        SECRET_KEY="k" * 20 + "-Pr0duction-S3cret-" + "z" * 30,
        ALLOWED_HOSTS="clusters.example.org",
        CLUSTERDESK_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_serving_real_hosts_without_a_secret_key_refuses_to_start(tmp_path):
    result = _manage(
        ["check"],
        DEBUG="false",
        ALLOWED_HOSTS="clusters.example.org",
        CLUSTERDESK_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr

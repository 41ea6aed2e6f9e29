"""Test defaults: the real settings module, read with the environment a test run needs.

Pages are served over plain http by the test servers, and tasks run eagerly.
"""

import os

for _name, _value in {
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
}.items():
    os.environ.setdefault(_name, _value)

from clusterdesk.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
MATCHMAKING_INDEX_DIR = VAR_DIR / "test-matchmaking"  # noqa: F405

"""Shared test set-up: the findings cache of every command run by the tests lives in a temporary directory,
never in the user's own cache."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache_directory(tmp_path_factory: pytest.TempPathFactory) -> None:
    patch = pytest.MonkeyPatch()
    patch.setenv("NOTICE_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("notice-lint-cache")))
    yield
    patch.undo()

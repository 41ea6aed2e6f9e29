import pytest


@pytest.fixture(autouse=True)
def media_of_its_own(settings, tmp_path):
    """Each test keeps its uploads and results in its own folder, removed with it: mapped
    datasets are large, and the shared test media folder would grow run after run."""
    settings.MEDIA_ROOT = tmp_path / "media"

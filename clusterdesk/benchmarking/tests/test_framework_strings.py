"""The default framework's texts reach the translation catalogues through
``framework_strings.py``: a text added to or changed in the TOML without it would show in
English to every reader."""

from clusterdesk.benchmarking.engine import default_framework
from clusterdesk.benchmarking.framework_strings import STRINGS


def _framework_texts() -> set[str]:
    framework = default_framework()
    texts = set(framework.areas.values())
    for indicator in framework.indicators:
        texts |= {indicator.name, indicator.definition, indicator.source, indicator.recommendation}
    texts |= {minimum.name for minimum in framework.minimums}
    for question in framework.questions:
        texts |= {question.text, question.help}
    return {text for text in texts if text}


def test_every_text_of_the_default_framework_is_listed_for_translation():
    assert _framework_texts() - set(STRINGS) == set()


def test_no_listed_text_is_left_over_from_an_older_framework():
    assert set(STRINGS) - _framework_texts() == set()

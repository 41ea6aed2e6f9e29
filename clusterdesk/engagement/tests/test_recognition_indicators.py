"""E2 and E3 from plain data, and the recognition rules: no database."""

from datetime import date, timedelta

import pytest

from clusterdesk.engagement.services import recognition
from clusterdesk.engagement.services.recognition import SiteFacts

TODAY = date(2026, 6, 15)


def site(*languages, days_ago=10, contact=True):
    updated = None if days_ago is None else TODAY - timedelta(days=days_ago)
    return SiteFacts(languages=languages, last_updated_on=updated, has_contact=contact)


def check(sites, local=("it",), targets=("en", "de")):
    return recognition.web_presence_check(
        sites, local_languages=local, target_languages=targets, today=TODAY
    )


def states(coverage):
    return {language.code: language.state for language in coverage}


def test_one_current_site_in_the_local_language_and_english_is_met():
    result = check([site("it", "en")])
    assert states(result.required) == {"it": "current", "en": "current"}
    assert states(result.targets) == {"de": "missing"}  # English is not repeated
    assert result.status == "met"


def test_the_target_markets_languages_make_it_excellent():
    assert check([site("it", "en"), site("de")]).status == "excellent"


def test_two_sites_may_share_the_languages():
    assert check([site("it"), site("en")]).status == "met"


def test_a_site_updated_90_days_ago_counts_and_91_does_not():
    assert check([site("it", "en", days_ago=90)]).status == "met"
    result = check([site("it", "en", days_ago=91)])
    assert result.status == "not_met"
    assert states(result.required) == {"it": "stale", "en": "stale"}
    assert recognition.site_problems_for_e3(site("it", days_ago=91), today=TODAY) == [
        "Not updated in the last 90 days."
    ]


def test_a_site_without_a_contact_page_or_update_date_does_not_count():
    assert recognition.site_problems_for_e3(site("it", contact=False), today=TODAY) == [
        "No contact page."
    ]
    assert check([site("it", "en", days_ago=None)]).status == "not_met"


def test_a_missing_english_site_is_not_met():
    result = check([site("it")])
    assert states(result.required) == {"it": "current", "en": "missing"}
    assert result.status == "not_met"


def test_without_the_cluster_s_local_languages_it_cannot_be_judged():
    assert check([site("it", "en")], local=()).status == "unknown"


def test_a_cluster_whose_local_language_is_english_needs_one_language():
    result = check([site("en")], local=("en",), targets=())
    assert [language.code for language in result.required] == ["en"]
    assert result.status == "met"  # no target language recorded: not excellent


def test_complete_stories_count_from_the_day_after_24_months_ago_through_today():
    stories = [
        (date(2024, 6, 16), True),  # the day after 24 months ago: counts
        (date(2024, 6, 15), True),  # exactly 24 months ago: does not, as for every window
        (TODAY, True),
        (TODAY + timedelta(days=1), True),  # not yet
        (date(2025, 1, 1), False),  # points missing
        (None, True),  # draft
    ]
    assert recognition.complete_recent_stories(stories, today=TODAY) == 2


@pytest.mark.parametrize(("count", "status"), [(2, "not_met"), (3, "met")])
def test_three_complete_stories_are_met(count, status):
    assert recognition.stories_status(count) == status


@pytest.mark.parametrize(
    ("codes", "ok"), [(["it", "en", "tr"], True), (["xx"], False), (["english"], False)]
)
def test_language_codes_are_iso_two_letter_codes(codes, ok):
    assert (recognition.language_problems(codes) == []) is ok


def test_maltese_and_chinese_are_known_even_where_django_has_no_translation():
    assert recognition.language_problems(["mt", "zh", "ga"]) == []


def test_languages_are_lower_cased_and_listed_once():
    assert recognition.normalise_languages([" IT", "en", "it", ""]) == ["it", "en"]


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ("https://www.cluster.example", True),
        ("http://cluster.example/contact", True),
        ("ftp://files.cluster.example", False),
        ("javascript:alert(1)", False),
        ("https://", False),
    ],
)
def test_only_http_and_https_addresses_are_accepted(address, ok):
    assert (recognition.url_problems(address, "url") == []) is ok


def test_a_story_published_in_the_future_is_refused_with_a_way_out():
    [(field, message)] = recognition.story_problems(
        {"title": "T", "text": "Story", "published_on": TODAY + timedelta(days=1)}, today=TODAY
    )
    assert field == "published_on"
    assert "Leave it empty until the story is published" in message

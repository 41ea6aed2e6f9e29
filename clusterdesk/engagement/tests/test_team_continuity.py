"""The posts' continuity engine: plain dates in, gaps and overlaps out (no database)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from clusterdesk.engagement.team_continuity import (
    Holding,
    TransitionKind,
    long_vacancies,
    post_histories,
)

TODAY = date(2026, 6, 15)


def transitions(*holdings: Holding, today: date = TODAY):
    [history] = post_histories(holdings, today=today)
    return [(t.kind, t.left_by, t.filled_by, t.days) for t in history.transitions]


def test_a_post_left_and_filled_later_shows_the_days_it_stood_empty():
    assert transitions(
        Holding("anna", "Cluster manager", date(2020, 1, 1), date(2024, 1, 31)),
        Holding("marco", "Cluster manager", date(2024, 3, 11)),
    ) == [(TransitionKind.GAP, "anna", "marco", 39)]  # 1 February … 10 March


def test_a_successor_who_started_before_the_leaver_left_is_a_handover():
    assert transitions(
        Holding("anna", "Cluster manager", date(2020, 1, 1), date(2024, 1, 31)),
        Holding("marco", "Cluster manager", date(2024, 1, 15)),
    ) == [(TransitionKind.OVERLAP, "anna", "marco", 17)]  # 15 … 31 January, both in post


def test_starting_the_day_after_the_last_day_is_seamless():
    assert transitions(
        Holding("anna", "Cluster manager", date(2020, 1, 1), date(2024, 1, 31)),
        Holding("marco", "Cluster manager", date(2024, 2, 1)),
    ) == [(TransitionKind.SEAMLESS, "anna", "marco", 0)]


def test_a_single_holder_still_in_post_has_no_transition():
    assert transitions(Holding("anna", "Cluster manager", date(2020, 1, 1))) == []


def test_a_post_left_and_not_filled_is_vacant_up_to_today():
    assert transitions(Holding("anna", "Project officer", date(2020, 1, 1), date(2026, 6, 5))) == [
        (TransitionKind.VACANT, "anna", None, 10)
    ]


def test_a_holder_leaving_later_with_no_successor_is_not_vacant_yet():
    [history] = post_histories(
        [Holding("anna", "Project officer", date(2020, 1, 1), date(2026, 9, 30))], today=TODAY
    )
    [ending] = history.transitions
    assert ending.is_upcoming and ending.days == 0


def test_two_people_sharing_a_post_make_no_handover_while_one_stays():
    assert (
        transitions(
            Holding("anna", "Project officer", date(2020, 1, 1)),
            Holding("luca", "Project officer", date(2021, 1, 1), date(2022, 6, 30)),
        )
        == []
    )


def test_a_holder_inside_anothers_term_is_not_a_handover_but_the_gap_after_counts():
    assert transitions(
        Holding("anna", "Project officer", date(2020, 1, 1), date(2020, 12, 31)),
        Holding("luca", "Project officer", date(2020, 6, 1), date(2020, 8, 31)),
        Holding("sara", "Project officer", date(2021, 3, 1)),
    ) == [(TransitionKind.GAP, "anna", "sara", 59)]


def test_posts_are_grouped_whatever_their_capitals_and_spaces():
    histories = post_histories(
        [
            Holding("anna", "Cluster  manager", date(2020, 1, 1), date(2021, 1, 1)),
            Holding("marco", "cluster manager ", date(2021, 1, 2)),
            Holding("sara", "Communication officer", date(2022, 1, 1)),
        ],
        today=TODAY,
    )
    assert [h.post for h in histories] == ["Cluster manager", "Communication officer"]
    assert [h.holder for h in histories[0].holdings] == ["anna", "marco"]


def test_long_vacancies_count_only_the_empty_days_within_the_last_24_months():
    histories = post_histories(
        [
            # 40 days vacant, all within the window
            Holding("anna", "Cluster manager", date(2020, 1, 1), date(2025, 1, 31)),
            Holding("marco", "Cluster manager", date(2025, 3, 13)),
            # 80 days vacant, of which 19 within the window (from 16 June 2024)
            Holding("sara", "Project officer", date(2020, 1, 1), date(2024, 4, 15)),
            Holding("luca", "Project officer", date(2024, 7, 5)),
            # exactly 30 days vacant: not more than 30
            Holding("ines", "Communication officer", date(2020, 1, 1), date(2025, 5, 31)),
            Holding("omar", "Communication officer", date(2025, 7, 1)),
        ],
        today=TODAY,
    )
    found = long_vacancies(histories, today=TODAY)
    assert [(t.left_by, t.days) for t in found] == [("anna", 40)]


def test_a_vacancy_still_open_counts_up_to_today():
    histories = post_histories(
        [Holding("anna", "Cluster manager", date(2020, 1, 1), date(2026, 5, 1))], today=TODAY
    )
    [vacancy] = long_vacancies(histories, today=TODAY)
    assert vacancy.kind is TransitionKind.VACANT and vacancy.days == 45


# --------------------------------------------------------------------------- properties

START = date(2020, 1, 1)


@st.composite
def holdings_of_one_post(draw):  # type: ignore[no-untyped-def]
    count = draw(st.integers(min_value=1, max_value=6))
    result = []
    for index in range(count):
        start = START + timedelta(days=draw(st.integers(min_value=0, max_value=400)))
        length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=200)))
        end = None if length is None else start + timedelta(days=length)
        result.append(Holding(index, "Cluster manager", start, end))
    return result


def covered(day: date, holdings: list[Holding]) -> bool:
    return any(h.started_on <= day and (h.ended_on is None or day <= h.ended_on) for h in holdings)


@given(holdings_of_one_post(), st.integers(min_value=0, max_value=700))
def test_the_reported_vacancies_are_exactly_the_days_nobody_held_the_post(holdings, offset):
    today = START + timedelta(days=offset)
    [history] = post_histories(holdings, today=today)
    first = min(h.started_on for h in holdings)
    vacant: set[date] = set()
    for transition in history.transitions:
        if transition.vacant_from is None:
            continue
        last = transition.vacant_until or today
        day = transition.vacant_from
        while day <= min(last, today):
            vacant.add(day)
            day += timedelta(days=1)
    expected = {
        first + timedelta(days=n)
        for n in range((today - first).days + 1)
        if not covered(first + timedelta(days=n), holdings)
    }
    assert vacant == expected


@given(holdings_of_one_post(), st.integers(min_value=0, max_value=700))
def test_each_handover_is_reported_once_as_one_kind(holdings, offset):
    today = START + timedelta(days=offset)
    [history] = post_histories(holdings, today=today)
    filled = [t.filled_by for t in history.transitions if t.filled_by is not None]
    left = [t.left_by for t in history.transitions]
    # Never a gap and an overlap for the same change: each person fills and leaves once.
    assert len(filled) == len(set(filled)) and len(left) == len(set(left))
    for t in history.transitions:
        if t.kind is TransitionKind.GAP:
            assert t.days > 0 and t.filled_on - t.left_on == timedelta(days=t.days + 1)
        elif t.kind is TransitionKind.OVERLAP:
            assert t.days > 0 and t.filled_on <= t.left_on
        elif t.kind is TransitionKind.SEAMLESS:
            assert t.days == 0 and t.filled_on == t.left_on + timedelta(days=1)
        else:
            assert t.filled_by is None and t is history.transitions[-1]


@given(
    st.integers(min_value=0, max_value=400),
    st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
)
def test_a_single_uninterrupted_holder_never_has_a_gap(start, length):
    end = None if length is None else START + timedelta(days=start + length)
    [history] = post_histories(
        [Holding("anna", "Cluster manager", START + timedelta(days=start), end)],
        today=START + timedelta(days=900),
    )
    assert all(t.kind is TransitionKind.VACANT for t in history.transitions)
    assert len(history.transitions) == (0 if end is None else 1)

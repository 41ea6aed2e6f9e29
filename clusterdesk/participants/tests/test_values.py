from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterdesk.participants.importing import values
from clusterdesk.participants.importing.values import CellError


@pytest.mark.parametrize(
    "cell",
    ["2026-03-01", "01/03/2026", "01.03.2026", "1-3-2026", date(2026, 3, 1), "2026-03-01 00:00:00"],
)
def test_dates_people_write_are_read(cell):
    assert values.as_date(cell) == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("cell", "number"), [("1.250", 1250), ("1,250", 1250), ("1 250", 1250), (42.0, 42), ("  7 ", 7)]
)
def test_whole_numbers_with_thousands_separators(cell, number):
    assert values.as_integer(cell) == number


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("62,5", "62.5"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("€ 1.500,00", "1500.00"),
        ("35 %", "35"),
        (12.5, "12.5"),
    ],
)
def test_decimals_in_european_and_english_style(cell, number):
    assert values.as_decimal(cell) == Decimal(number)


@pytest.mark.parametrize("cell", ["yes", "Sì", "si", "sí", "evet", "X", "1", True])
def test_yes_in_four_languages(cell):
    assert values.as_boolean(cell) is True


@pytest.mark.parametrize("cell", ["no", "hayır", "0", False])
def test_no_in_four_languages(cell):
    assert values.as_boolean(cell) is False


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_both_date_forms_agree(day):
    assert values.as_date(day.isoformat()) == values.as_date(day.strftime("%d/%m/%Y")) == day


@given(st.integers(min_value=0, max_value=10**9))
def test_integers_survive_grouping(number):
    grouped = f"{number:,}".replace(",", ".")
    assert values.as_integer(grouped) == number
    assert values.as_integer(str(number)) == number


@given(st.text(alphabet="abcdefghij!?", min_size=1, max_size=8))
def test_text_that_is_not_a_number_is_explained(text):
    with pytest.raises(CellError, match="is not a whole number"):
        values.as_integer(text)

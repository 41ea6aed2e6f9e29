from hypothesis import given
from hypothesis import strategies as st

from clusterdesk.participants.matching import (
    Known,
    OrganisationIndex,
    name_key,
    vat_key,
    website_key,
)

LEGAL_FORMS = [
    "S.r.l.",
    "SRL",
    "s.p.a.",
    "S.p.A.",
    "S.n.c.",
    "Ltd. Şti.",
    "A.Ş.",
    "S.L.",
    "GmbH",
    "",
]


def test_legal_forms_case_accents_and_punctuation_are_set_aside():
    assert name_key("Tecnotessile S.r.l.") == name_key("TECNOTESSILE SRL") == "tecnotessile"
    assert name_key("Ankara Makine San. ve Tic. Ltd. Şti.") == "ankara makine"
    assert name_key("İş ve İnşaat Makineleri Kümelenme Derneği") == (
        "is ve insaat makineleri kumelenme dernegi"
    )
    assert name_key("Società Nazionale") == name_key("SOCIETA' NAZIONALE")


def test_a_name_that_is_only_a_legal_form_keeps_it():
    assert name_key("S.p.A.") == "spa"


def test_vat_numbers_match_with_or_without_country_prefix_and_spaces():
    assert vat_key("IT 0123 4567 890") == vat_key("01234567890")


def test_websites_match_on_their_domain():
    assert website_key("https://www.Example.it/chi-siamo") == website_key("example.it")


def test_a_typo_is_matched_but_a_different_number_or_vat_is_not():
    index = OrganisationIndex.build(
        [
            Known(1, "Maglificio Lucchesi", vat="IT01234567890"),
            Known(2, "Filatura 2000"),
        ]
    )
    assert index.find(name="Maglificio Luchesi").reason == "similar_name"
    assert index.find(name="Maglificio Luchesi", vat="IT99999999999") is None
    assert index.find(name="Filatura 2001") is None
    assert index.find(name="Filatura 2001", similar=False) is None


def test_prepared_and_one_by_one_similar_names_agree():
    known = [
        Known(i, f"Tessitura {name}")
        for i, name in enumerate(
            ["Bartolini", "Bertolini", "Cecchi", "Nardi", "Lucchesi", "Parenti"]
        )
    ]
    incoming = ["Tessitura Bartolinni", "Tessitura Checchi", "Tessitura Nardo", "Altro Nome"]
    one_by_one = OrganisationIndex.build(known)
    prepared = OrganisationIndex.build(known)
    prepared.prepare_similar(incoming)

    def found(index, name):
        match = index.find(name=name)
        return match and (match.id, match.reason)

    for name in incoming:
        assert found(one_by_one, name) == found(prepared, name)


words = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=2, max_size=12)


@given(st.lists(words, min_size=1, max_size=4), st.sampled_from(LEGAL_FORMS))
def test_case_and_legal_form_never_change_the_key(parts, legal_form):
    name = " ".join(parts)
    assert name_key(f"{name} {legal_form}") == name_key(f"{name.upper()} {legal_form}") or (
        # upper-casing can change letters that have no one-to-one case (ß → SS)
        name_key(name) != name_key(name.upper())
    )


@given(st.text(max_size=60))
def test_the_key_is_lower_case_ascii_words(name):
    key = name_key(name)
    assert key == key.strip()
    assert "  " not in key
    assert all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in key)


@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=20))
def test_every_known_name_finds_itself(names):
    index = OrganisationIndex.build([Known(i, name) for i, name in enumerate(names)])
    for name in names:
        if name_key(name):
            assert index.find(name=name) is not None

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterdesk.engagement.models import SocialChannel, SuccessStory, WebPresence
from clusterdesk.engagement.services import recognition
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import OrganisationFactory

from .organisation_helpers import (
    SocialChannelFactory,
    SuccessStoryFactory,
    WebPresenceFactory,
    status_of,
    url,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


# --------------------------------------------------------------------------- web presence


def test_the_page_says_which_languages_are_covered_by_a_current_site(personas, manager_a_client):
    # Cluster A speaks Italian locally and targets English and German markets.
    cluster = personas.cluster_a
    WebPresenceFactory(cluster=cluster, languages=["it", "en"], last_updated_on=TODAY)
    WebPresenceFactory(
        cluster=cluster, languages=["de"], last_updated_on=TODAY - timedelta(days=200)
    )
    response = manager_a_client.get(url("recognition"))
    check = response.context["check"]
    assert check.status == "met"
    assert {lang.code: lang.state for lang in check.targets} == {"de": "stale"}
    html = response.content.decode()
    assert "Not updated in the last 90 days." in html
    assert "Italian" in html and "German" in html


def test_a_website_is_added_with_its_languages(personas, manager_a_client):
    response = manager_a_client.post(
        url("recognition_site_new"),
        {
            "url": "www.tuscanyfashion.example",
            "languages": "IT, en",
            "last_updated_on": TODAY.isoformat(),
            "contact_page_url": "https://www.tuscanyfashion.example/contatti",
        },
    )
    assert response.status_code == 302
    site = WebPresence.objects.for_cluster(personas.cluster_a).get()
    assert site.url == "https://www.tuscanyfashion.example"
    assert site.languages == ["it", "en"]
    assert AuditEntry.objects.filter(object_type="webpresence", action="created").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"url": "ftp://files.example"}, "url", "starts with http:// or https://"),
        ({"contact_page_url": "ftp://x.example"}, "contact_page_url", "http:// or https://"),
        ({"url": "not an address"}, "url", "Give a web address such as"),
        ({"languages": "it, xx"}, "languages", "“xx” is not a language code"),
        (
            {"last_updated_on": (TODAY + timedelta(days=1)).isoformat()},
            "last_updated_on",
            "in the future",
        ),
    ],
)
def test_a_wrong_website_gets_a_message_on_its_field(
    personas, manager_a_client, changes, field, message
):
    data = {"url": "https://cluster.example", "languages": "it", "last_updated_on": ""}
    data.update(changes)
    response = manager_a_client.post(url("recognition_site_new"), data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not WebPresence.objects.exists()


def test_the_service_refuses_an_unknown_language(personas):
    with pytest.raises(DomainError) as error:
        recognition.web_presence_create(
            cluster=personas.cluster_a,
            actor=None,
            data={"url": "https://cluster.example", "languages": ["klingon"]},
        )
    assert error.value.field == "languages"


def test_a_website_is_edited_and_deleted(personas, manager_a_client):
    site = WebPresenceFactory(cluster=personas.cluster_a)
    response = manager_a_client.post(
        url("recognition_site_edit", site.pk),
        {"url": site.url, "languages": "it, en, de", "last_updated_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.languages == ["it", "en", "de"] and site.contact_page_url == ""
    manager_a_client.post(url("recognition_site_delete", site.pk))
    assert not WebPresence.objects.exists()


def test_a_social_channel_is_added_and_deleted(personas, manager_a_client):
    response = manager_a_client.get(url("recognition_channel_new"))
    assert 'list="network-suggestions"' in response.content.decode()
    response = manager_a_client.post(
        url("recognition_channel_new"),
        {"network": "LinkedIn", "url": "https://www.linkedin.com/company/tfc"},
    )
    assert response.status_code == 302
    channel = SocialChannel.objects.for_cluster(personas.cluster_a).get()
    manager_a_client.post(url("recognition_channel_delete", channel.pk))
    assert not SocialChannel.objects.exists()


def test_a_social_channel_needs_an_http_address(personas, manager_a_client):
    response = manager_a_client.post(
        url("recognition_channel_new"), {"network": "Mastodon", "url": "ftp://x.example"}
    )
    assert "http://" in response.context["form"].errors["url"][0]
    assert not SocialChannel.objects.exists()


def test_the_overview_uses_the_same_number_of_queries_for_few_or_many(personas, manager_a_client):
    cluster = personas.cluster_a

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            manager_a_client.get(url("recognition"))
        return len(queries)

    WebPresenceFactory(cluster=cluster)
    SocialChannelFactory(cluster=cluster)
    SuccessStoryFactory(cluster=cluster, published_on=TODAY)
    few = count()
    WebPresenceFactory.create_batch(10, cluster=cluster)
    SocialChannelFactory.create_batch(10, cluster=cluster)
    SuccessStoryFactory.create_batch(10, cluster=cluster, published_on=TODAY)
    assert count() == few


# --------------------------------------------------------------------------- success stories


def story_data(**changes):
    data = {
        "title": "Recycled wool yarn",
        "text": "Eight spinners and the university developed a recycled-wool yarn.",
        "published_on": TODAY.isoformat(),
        "complexity": "Three labs, eight firms, two years.",
        "impact_on_participants": "Most spinners now use it.",
        "objectives_achieved": "The circular objective of the strategy is met.",
        "sustainability": "The pilot line became a paid service.",
        "add_participant": "",
    }
    data.update(changes)
    return data


def test_a_story_is_added_with_chosen_and_typed_participants(personas, manager_a_client):
    cluster = personas.cluster_a
    chosen = OrganisationFactory(cluster=cluster, name="Filatura Alfa")
    OrganisationFactory(cluster=cluster, name="Lanificio Beta S.r.l.")
    response = manager_a_client.post(
        url("recognition_story_new"),
        {**story_data(add_participant="lanificio beta"), "participants": [chosen.pk]},
    )
    assert response.status_code == 302
    story = SuccessStory.objects.for_cluster(cluster).get()
    assert sorted(o.name for o in story.participants.all()) == [
        "Filatura Alfa",
        "Lanificio Beta S.r.l.",
    ]
    assert story.is_complete
    entry = AuditEntry.objects.get(object_type="successstory")
    assert entry.changes["participants"][1] == ["Filatura Alfa", "Lanificio Beta S.r.l."]


def test_a_participant_of_another_cluster_is_refused(personas, manager_a_client):
    theirs = OrganisationFactory(cluster=personas.cluster_b, name="Makina A.Ş.")
    response = manager_a_client.post(
        url("recognition_story_new"), {**story_data(), "participants": [theirs.pk]}
    )
    assert response.context["form"].errors["participants"] == [
        "Choose participants of this cluster only."
    ]
    assert "Makina" not in response.content.decode()  # its name is never shown
    response = manager_a_client.post(
        url("recognition_story_new"), story_data(add_participant="Makina A.Ş.")
    )
    assert (
        "No participant of this cluster is called"
        in (response.context["form"].errors["add_participant"][0])
    )
    assert not SuccessStory.objects.exists()


def test_the_service_refuses_a_participant_of_another_cluster(personas):
    theirs = OrganisationFactory(cluster=personas.cluster_b)
    with pytest.raises(DomainError) as error:
        recognition.success_story_create(
            cluster=personas.cluster_a,
            actor=None,
            data={"title": "T", "text": "Story"},
            participants=[theirs],
        )
    assert error.value.field == "participants"
    assert not SuccessStory.objects.exists()


def test_a_story_published_in_the_future_is_refused(personas, manager_a_client):
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    response = manager_a_client.post(
        url("recognition_story_new"), story_data(published_on=tomorrow)
    )
    assert (
        "The publication date is in the future"
        in (response.context["form"].errors["published_on"][0])
    )
    assert not SuccessStory.objects.exists()


def test_a_draft_story_without_the_four_points_is_kept(personas, manager_a_client):
    response = manager_a_client.post(
        url("recognition_story_new"),
        story_data(published_on="", complexity="  ", sustainability=""),
    )
    assert response.status_code == 302
    story = SuccessStory.objects.get()
    assert story.published_on is None and story.complexity == "" and not story.is_complete
    detail = manager_a_client.get(url("recognition_story", story.pk)).content.decode()
    assert "not stated yet" in detail and "draft" in detail


def test_the_list_marks_complete_stories_and_counts_those_of_the_last_24_months(
    personas, manager_a_client
):
    cluster = personas.cluster_a
    organisations = OrganisationFactory.create_batch(5, cluster=cluster)
    SuccessStoryFactory(
        cluster=cluster, title="Complete", published_on=TODAY, participants=organisations
    )
    SuccessStoryFactory(cluster=cluster, title="Partial", published_on=TODAY, complexity="")
    SuccessStoryFactory(cluster=cluster, title="Old", published_on=TODAY - timedelta(days=800))
    response = manager_a_client.get(url("recognition_stories"))
    assert response.context["stories_count"] == 1
    assert response.context["stories_status"] == "not_met"
    html = response.content.decode()
    assert "complete" in html and "points missing" in html
    assert "and 2 more" in html


def test_the_story_list_uses_the_same_number_of_queries_for_few_or_many(personas, manager_a_client):
    cluster = personas.cluster_a
    organisations = OrganisationFactory.create_batch(4, cluster=cluster)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            manager_a_client.get(url("recognition_stories"))
        return len(queries)

    SuccessStoryFactory(cluster=cluster, published_on=TODAY, participants=organisations[:1])
    few = count()
    SuccessStoryFactory.create_batch(
        20, cluster=cluster, published_on=TODAY, participants=organisations
    )
    assert count() == few


def test_a_story_is_edited_its_participants_replaced_and_deleted(personas, manager_a_client):
    cluster = personas.cluster_a
    first, second = OrganisationFactory.create_batch(2, cluster=cluster)
    story = SuccessStoryFactory(cluster=cluster, participants=[first])
    page = manager_a_client.get(url("recognition_story_edit", story.pk))
    assert [o.pk for o in page.context["chosen"]] == [first.pk]
    assert f'value="{first.pk}" checked' in page.content.decode()
    response = manager_a_client.post(
        url("recognition_story_edit", story.pk),
        {**story_data(title="Renamed"), "participants": [second.pk]},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Renamed"
    assert list(story.participants.all()) == [second]
    manager_a_client.post(url("recognition_story_delete", story.pk))
    assert not SuccessStory.objects.exists()


def test_the_chooser_suggests_names_of_this_cluster_only(personas, manager_a_client):
    OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Rossi")
    OrganisationFactory(cluster=personas.cluster_b, name="Tessitura Yilmaz")
    response = manager_a_client.get(
        url("recognition_participant_suggestions"), {"add_participant": "tessi"}
    )
    html = response.content.decode()
    assert '<option value="Tessitura Rossi">' in html and "Yilmaz" not in html
    one_letter = manager_a_client.get(
        url("recognition_participant_suggestions"), {"add_participant": "t"}
    )
    assert b"<option" not in one_letter.content


def test_the_chooser_suggests_at_most_20_names_in_one_query(personas, manager_a_client):
    OrganisationFactory.create_batch(60, cluster=personas.cluster_a)
    with CaptureQueriesContext(connection) as queries:
        response = manager_a_client.get(
            url("recognition_participant_suggestions"), {"add_participant": "Organisation"}
        )
    assert response.content.decode().count("<option") == 20
    organisation_queries = [
        q for q in queries if q["sql"].startswith('SELECT "participants_organisation"')
    ]
    assert len(organisation_queries) == 1


def test_the_chooser_adds_a_ticked_participant_or_says_why_not(personas, manager_a_client):
    organisation = OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Verdi")
    response = manager_a_client.get(
        url("recognition_participant_add"), {"add_participant": "Tintoria Verdi"}
    )
    html = response.content.decode()
    assert f'name="participants" value="{organisation.pk}" checked' in html
    assert "Tintoria Verdi was added to the list." in html
    again = manager_a_client.get(
        url("recognition_participant_add"),
        {"add_participant": "Tintoria Verdi", "participants": [organisation.pk]},
    )
    assert "already in the list" in again.content.decode()
    assert again["HX-Retarget"] == "#add-participant-status"
    unknown = manager_a_client.get(
        url("recognition_participant_add"), {"add_participant": "Nobody"}
    )
    assert "No participant of this cluster is called “Nobody”" in unknown.content.decode()


# --------------------------------------------------------------------------- who may


def recognition_urls(personas):
    site = WebPresenceFactory(cluster=personas.cluster_a)
    channel = SocialChannelFactory(cluster=personas.cluster_a)
    story = SuccessStoryFactory(cluster=personas.cluster_a)
    reads = [
        url("recognition"),
        url("recognition_stories"),
        url("recognition_story", story.pk),
    ]
    writes = [
        url("recognition_site_new"),
        url("recognition_site_edit", site.pk),
        url("recognition_site_delete", site.pk),
        url("recognition_channel_new"),
        url("recognition_channel_delete", channel.pk),
        url("recognition_story_new"),
        url("recognition_story_edit", story.pk),
        url("recognition_story_delete", story.pk),
        url("recognition_participant_suggestions") + "?add_participant=Lanificio",
        url("recognition_participant_add") + "?add_participant=Lanificio+Rossi",
    ]
    owned = [
        ("recognition_site_edit", site.pk),
        ("recognition_site_delete", site.pk),
        ("recognition_channel_delete", channel.pk),
        ("recognition_story", story.pk),
        ("recognition_story_edit", story.pk),
        ("recognition_story_delete", story.pk),
    ]
    return reads, writes, owned


def counts():
    return (
        WebPresence.objects.count(),
        SocialChannel.objects.count(),
        SuccessStory.objects.count(),
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_cluster_s_manager_gets_404_everywhere(personas, manager_b_client, method):
    reads, writes, owned = recognition_urls(personas)
    for address in reads + writes:
        assert status_of(manager_b_client, method, address) == 404, address
    for name, pk in owned:
        assert status_of(manager_b_client, method, url(name, pk, slug="isim")) == 404, name
    # Through their own address, the chooser never offers cluster A's participants.
    response = manager_b_client.get(
        url("recognition_participant_add", slug="isim"), {"add_participant": "Lanificio Rossi"}
    )
    assert "No participant of this cluster" in response.content.decode()
    assert counts() == (1, 1, 1)


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_board_reads_but_cannot_write(personas, method):
    reads, writes, _owned = recognition_urls(personas)
    client = personas.client_for(personas.board_a)
    if method == "get":
        for address in reads:
            assert client.get(address).status_code == 200, address
    for address in writes:
        assert status_of(client, method, address) == 403, address
    assert counts() == (1, 1, 1)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_representative_cannot_reach_these_pages(personas, method):
    reads, writes, _owned = recognition_urls(personas)
    client = personas.client_for(personas.member_a)
    for address in reads + writes:
        assert status_of(client, method, address) == 403, address


def test_the_story_form_lists_only_the_chosen_participants_however_large_the_registry(
    personas, manager_a_client
):
    cluster = personas.cluster_a
    organisations = OrganisationFactory.create_batch(120, cluster=cluster)
    story = SuccessStoryFactory(cluster=cluster, participants=organisations[:2])
    html = manager_a_client.get(url("recognition_story_edit", story.pk)).content.decode()
    assert html.count('name="participants"') == 2
    # Suggestions arrive as the person types.
    assert '<datalist id="participant-suggestions"></datalist>' in html

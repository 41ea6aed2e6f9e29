"""Forms of the B2B meeting day: sessions, tables, quotas, availability and meeting requests.
They check types only; the rules are the services'."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..models import Event, Registration, Session
from ..services.meeting_requests import ANSWER_LENGTH, MESSAGE_LENGTH

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def event_days(event: Event) -> list[date]:
    first = timezone.localtime(event.starts_at).date()
    last = timezone.localtime(event.ends_at).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def day_choices(event: Event) -> list[tuple[str, str]]:
    return [(day.isoformat(), date_format(day, "l j F Y")) for day in event_days(event)]


def moment(day: str | date, at: time) -> datetime:
    chosen = date.fromisoformat(day) if isinstance(day, str) else day
    return timezone.make_aware(datetime.combine(chosen, at))


class SessionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, initial=_("Morning"))
    day = forms.ChoiceField(label=_("Day"))
    starts = forms.TimeField(label=_("Starts at"), widget=TIME)
    ends = forms.TimeField(label=_("Ends at"), widget=TIME)
    slot_minutes = forms.IntegerField(
        label=_("Meeting length (minutes)"), min_value=5, max_value=240, initial=20
    )
    break_minutes = forms.IntegerField(
        label=_("Pause between meetings (minutes)"), min_value=0, max_value=120, initial=5
    )
    drop_placements = forms.BooleanField(
        label=_("Meetings already placed in slots that disappear leave the schedule"),
        required=False,
    )

    def __init__(self, *args, event: Event, session: Session | None = None, **kwargs):  # type: ignore[no-untyped-def]
        if session is not None:
            start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
            kwargs.setdefault(
                "initial",
                {
                    "name": session.name,
                    "day": start.date().isoformat(),
                    "starts": start.time(),
                    "ends": end.time(),
                    "slot_minutes": session.slot_minutes,
                    "break_minutes": session.break_minutes,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = day_choices(event)
        if session is None:
            del self.fields["drop_placements"]

    def session_data(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "starts_at": moment(data["day"], data["starts"]),
            "ends_at": moment(data["day"], data["ends"]),
            "slot_minutes": data["slot_minutes"],
            "break_minutes": data["break_minutes"],
        }


class TablesAddForm(forms.Form):
    count = forms.IntegerField(
        label=_("How many tables"),
        min_value=1,
        max_value=200,
        required=False,
        help_text=_("They are labelled T1, T2… on from the last one."),
    )
    labels = forms.CharField(
        label=_("Or their labels"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line or separated by commas, e.g. Sala Verde, Sala Blu."),
    )


class TableRenameForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=40)


class QuotaForm(forms.Form):
    meeting_quota = forms.IntegerField(
        label=_("Meetings per participant at most"), min_value=1, max_value=100
    )


class RegistrationQuotaForm(forms.Form):
    meeting_quota = forms.IntegerField(
        label=_("Meetings at most"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Empty: the event's quota."),
    )


class WindowForm(forms.Form):
    day = forms.ChoiceField(label=_("Day"), required=False)
    starts = forms.TimeField(label=_("From"), widget=TIME, required=False)
    ends = forms.TimeField(label=_("Until"), widget=TIME, required=False)

    def __init__(self, *args, event: Event, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = day_choices(event)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if (data.get("starts") is None) != (data.get("ends") is None):
            raise forms.ValidationError(_("Give both the start and the end, or neither."))
        return data

    def window(self) -> tuple[datetime, datetime] | None:
        data = self.cleaned_data
        if not data or data.get("starts") is None:
            return None
        return moment(data["day"], data["starts"]), moment(data["day"], data["ends"])


class BaseWindowFormSet(forms.BaseFormSet):
    def windows(self) -> list[tuple[datetime, datetime]]:
        return [w for form in self.forms if (w := form.window()) is not None]


WindowFormSet = forms.formset_factory(WindowForm, formset=BaseWindowFormSet, extra=0, max_num=12)


def availability_formset(
    event: Event, registration: Registration, data=None, *, blank_rows: int = 3
) -> BaseWindowFormSet:  # type: ignore[no-untyped-def]
    initial = []
    for window in registration.availability.all():
        start, end = timezone.localtime(window.starts_at), timezone.localtime(window.ends_at)
        initial.append(
            {"day": start.date().isoformat(), "starts": start.time(), "ends": end.time()}
        )
    first_day = event_days(event)[0].isoformat()
    initial += [{"day": first_day}] * blank_rows
    return WindowFormSet(data, initial=initial, form_kwargs={"event": event}, prefix="windows")


class MeetingRequestForm(forms.Form):
    requester = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Registration.objects.none(), required=False
    )
    invitee = forms.ModelChoiceField(queryset=Registration.objects.none(), widget=forms.HiddenInput)
    listing = forms.IntegerField(required=False, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_LENGTH}),
        help_text=_("What you would like to talk about (500 characters at most)."),
    )

    def __init__(self, *args, people, senders=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["invitee"].queryset = people
        if senders is None:
            del self.fields["requester"]
        else:
            self.fields["requester"].queryset = senders
            self.fields["requester"].required = True


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer (optional)"),
        max_length=ANSWER_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"maxlength": ANSWER_LENGTH}),
    )

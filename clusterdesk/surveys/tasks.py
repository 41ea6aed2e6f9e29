from django_tasks import task

from .models import Survey


@task()
def invitations_send_task(survey_id: int, reminder: bool = False) -> int:
    from .services import invitations_send

    survey = Survey.objects.select_related("cluster").filter(pk=survey_id).first()
    if survey is None:  # deleted while it waited
        return 0
    return invitations_send(survey=survey, reminder=reminder)

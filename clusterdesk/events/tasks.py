from django_tasks import task


@task()
def registration_mail_task(registration_id: int) -> bool:
    """The confirmation (or waiting-list) e-mail of one registration, as it stands when sent."""
    from .emails import registration_mail_send

    return registration_mail_send(registration_id)

"""The scheduler's background task: it takes a run's id and calls the service."""

from django_tasks import task

from .models import SchedulerRun


@task()
def scheduler_run_task(run_id: int) -> None:
    from .services.scheduling import scheduler_run_execute

    run = SchedulerRun.objects.filter(pk=run_id).first()
    if run is None:  # deleted while it waited
        return
    scheduler_run_execute(run=run)

from django.utils import translation
from django_tasks import task

from .models import ImportBatch


@task()
def import_analyse_task(batch_id: int) -> None:
    from .importing.services import import_analyse

    batch = ImportBatch.objects.select_related("cluster").get(pk=batch_id)
    # The preview speaks the language of the person who uploaded the file.
    with translation.override(batch.language or None):
        import_analyse(batch=batch)

from django.utils import translation
from django_tasks import task

from .models import DatasetStatus, MappingDataset


@task()
def mapping_run_task(dataset_id: int) -> None:
    from .services import mapping_run

    dataset = MappingDataset.objects.select_related("cluster").filter(pk=dataset_id).first()
    # deleted while it waited, or already mapped (the demo maps its datasets at once)
    if dataset is None or dataset.status != DatasetStatus.QUEUED:
        return
    # messages of the report speak the language of the person who uploaded the files
    with translation.override(dataset.language or None):
        mapping_run(dataset=dataset)

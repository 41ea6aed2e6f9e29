from django.utils import translation
from django_tasks import task

from .models import MappingDataset


@task()
def mapping_run_task(dataset_id: int) -> None:
    from .services import mapping_run

    dataset = MappingDataset.objects.select_related("cluster").filter(pk=dataset_id).first()
    if dataset is None:  # deleted while it waited
        return
    # messages of the report speak the language of the person who uploaded the files
    with translation.override(dataset.language or None):
        mapping_run(dataset=dataset)

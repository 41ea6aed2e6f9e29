"""The statistical cluster mapping's pages, under /c/<slug>/mapping/."""

from django.urls import path

from .views import datasets, downloads, results, stars

app_name = "mapping"
urlpatterns = [
    # datasets.py
    path("", datasets.index, name="index"),
    path("new/", datasets.new, name="new"),
    path("samples/<str:sample>/map/", datasets.sample_map, name="sample_map"),
    path("samples/<str:sample>/<str:part>/", datasets.sample_file, name="sample_file"),
    path("<int:pk>/", datasets.dataset, name="dataset"),
    path("<int:pk>/progress/", datasets.progress, name="progress"),
    path("<int:pk>/rerun/", datasets.rerun, name="rerun"),
    path("<int:pk>/delete/", datasets.delete, name="delete"),
    # results.py
    path("<int:pk>/regions/<str:code>/", results.region, name="region"),
    path("<int:pk>/clusters/<str:code>/", results.cluster, name="cluster"),
    # stars.py
    path("<int:pk>/stars/", stars.stars, name="stars"),
    # downloads.py
    path("<int:pk>/export/<slug:table>.<slug:file_format>", downloads.export, name="export"),
    path("<int:pk>/files/<str:which>/", downloads.input_file, name="input_file"),
]

from __future__ import annotations

from django.db import models

from clusterdesk.tenancy.models import Cluster


class ClusterQuerySet(models.QuerySet):
    def for_cluster(self, cluster: Cluster) -> ClusterQuerySet:
        return self.filter(cluster=cluster)


class ClusterOwned(models.Model):
    """A record that belongs to one cluster; read it through ``objects.for_cluster``."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        abstract = True

from django_tasks import task

from clusterdesk.tenancy.models import Cluster


@task()
def match_index_build_task(cluster_id: int) -> int:
    """Rebuild a cluster's matchmaking index if it is still stale; how many profiles it holds."""
    from .index_store import index_build, index_is_current
    from .models import MatchIndexState

    cluster = Cluster.objects.filter(pk=cluster_id).first()
    if cluster is None:  # deleted while it waited
        return 0
    state = MatchIndexState.objects.filter(cluster=cluster).first()
    if index_is_current(cluster, state):  # another run rebuilt it meanwhile
        return state.profiles if state else 0
    return index_build(cluster=cluster).profiles

"""Sample files of the cluster mapping (``data/``, read by ``clusterdesk.mapping.samples``)
and the mapped datasets `manage.py seed_demo` gives the demo clusters (``loader``)."""

from .loader import DEMO_SAMPLES, mapping_demo_seed

__all__ = ["DEMO_SAMPLES", "mapping_demo_seed"]

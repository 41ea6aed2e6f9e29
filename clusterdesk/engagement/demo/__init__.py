"""The demo clusters' engagement ledger: a living cluster for `manage.py seed_demo`.

For each demo cluster with a table in ``data/`` (``<slug>.json``), `plan` draws, from the
table's seed and the demo's fixed reference day, two years of personal contacts and follow-up
tasks, working groups, activities and involvements, and `organisation` the cluster
organisation itself: team and training, governance, budget and funding, strategy and plan,
web presence and success stories. `writer` writes it in a fixed number of bulk inserts, right
after the cluster's registry. The same table, registry and day give the same ledger.
"""

from .plan import LedgerPlan, Participant, ledger_plan, ledger_table
from .writer import engagement_demo_seed

__all__ = ["LedgerPlan", "Participant", "engagement_demo_seed", "ledger_plan", "ledger_table"]

"""Demo data for `manage.py seed_demo`: two invented clusters, the same on every run.

The Tuscany Fashion Cluster (about 480 participants in Prato, Florence, Santa Croce, Lucca,
the Valdinievole and Arezzo) and İSİM, an Ankara construction-machinery cluster (144).
Every organisation, person, VAT number and phone number is invented; websites and e-mail
addresses live under ``.example`` domains. Each cluster is drawn from its own seeded
``random.Random`` and dated against ``REFERENCE_DATE``, so a cluster comes out identical
whether it is created alone or with the other one, today or next year.

The tables the clusters are drawn from (places, trades, institutions, names, job titles,
legal forms) are data files in ``data/``, read by `tables`.
"""

from .commitment import REFERENCE_DATE
from .generator import DemoOrganisation, demo_plan
from .spec import ClusterSpec
from .writer import (
    DEMO_CLUSTERS,
    DEMO_PASSWORD,
    OPERATOR_EMAIL,
    SIGN_IN_URL,
    SeedReport,
    SignIn,
    demo_seed,
    demo_sign_ins,
)

__all__ = [
    "DEMO_CLUSTERS",
    "DEMO_PASSWORD",
    "OPERATOR_EMAIL",
    "REFERENCE_DATE",
    "SIGN_IN_URL",
    "ClusterSpec",
    "DemoOrganisation",
    "SeedReport",
    "SignIn",
    "demo_plan",
    "demo_seed",
    "demo_sign_ins",
]

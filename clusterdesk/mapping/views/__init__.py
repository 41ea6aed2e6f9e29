"""The cluster mapping's pages, under /c/<slug>/mapping/: the datasets and their upload
(datasets.py), what a finished mapping shows (results.py) and its files (downloads.py)."""

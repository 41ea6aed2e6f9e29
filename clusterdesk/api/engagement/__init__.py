"""API v1 for the engagement ledger: the work with participants (personal contacts, tasks,
activities, working groups) and the facts about the cluster organisation (team, governance,
finance, strategy and plan, web presence, success stories).

These are internal records: the management team (manager, staff) reads and writes them, the
board reads them, member representatives get 403 on every endpoint. Every write goes through
the ledger's services with ``source="api"``; uploads stay on the pages, so the API shows a
stored document's name and address but takes none.
"""

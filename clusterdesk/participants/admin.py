# The participant registry is deliberately not in the Django admin: the admin is the platform
# operator's, and the operator never sees one cluster's records (SPEC, "Rules for every
# capability"). Cluster people work on the registry through its pages and the API.

"""Startup registries (beta.gouv.fr's ``/api/v2.6/startups.json`` and documents shaped like it):
read one, resolve the code each startup declares, and scan it (``registry:URL|FILE`` targets)."""

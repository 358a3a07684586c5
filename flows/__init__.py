"""Prefect flows and deployments. Thin: every step calls the `extract` library."""

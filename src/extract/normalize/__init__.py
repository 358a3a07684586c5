"""Normalize: dates to TIMEX3, countries to ISO 3166 alpha-3, names to canonical forms."""

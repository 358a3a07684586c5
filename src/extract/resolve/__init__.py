"""Resolve: the same actor, agreement or event across documents gets one row and one stable id."""
from extract.resolve.actors import Actor, resolve_actors
from extract.resolve.agreements import Agreement, resolve_agreements
from extract.resolve.events import Event, resolve_events
from extract.resolve.links import Link, resolve_links

__all__ = ["Actor", "Agreement", "Event", "Link", "resolve_actors", "resolve_agreements", "resolve_events",
           "resolve_links"]

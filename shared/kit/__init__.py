"""The feature kit: how an activity (chat, desktop sharing, files…) plugs into Tandem.

A feature is one package under ``shared/features`` that declares a ``Feature`` (feature.py) and
registers it (registry.py): its peer messages, the permission kinds it asks the customer for,
the engine part each session runs, and loaders for its console and customer views. The engine,
the controllers and the faces go through what is registered and name no feature.
docs/adding-a-feature.md walks through the steps.
"""

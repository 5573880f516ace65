"""The support center's web pages for customers: a queue's Get help page and the one-click
client carrying its ticket (``help_pages``), and the web join link of a session
(``join_pages``). Registered by ``routes.add_routes``."""

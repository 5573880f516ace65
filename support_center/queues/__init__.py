"""Inbound support at the center: queues, help requests, Accept next, transfers."""

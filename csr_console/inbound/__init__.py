"""Inbound support in the console: the agent's queues, Accept next, accepting automatically when
free, and transferring a session to a queue or to agents (shared/protocol/queues.py)."""

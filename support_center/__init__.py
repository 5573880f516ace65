"""The support center: introduces peers, keeps agents, sessions and their records."""

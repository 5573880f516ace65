"""The client's engine-side services: no Qt here."""

"""The console's engine-side services: no Qt here."""

"""The customer's client."""

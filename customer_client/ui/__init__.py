"""The client's Qt views."""

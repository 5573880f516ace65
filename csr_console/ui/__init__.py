"""The console's Qt views."""

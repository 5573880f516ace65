"""Certificates, pinning and password hashing."""

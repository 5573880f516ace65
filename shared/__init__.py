"""Code both Tandem apps and the support center use: protocol, transport, session engine."""

"""Layer 3: the session engine. Pure asyncio, no Qt: usable headless, in tests and benches."""

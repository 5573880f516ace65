"""Qt plumbing both apps' views use. The engine layers never import this package."""

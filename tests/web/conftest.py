from tests.web.browser import browser  # noqa: F401  (the fixture, for this folder's tests)

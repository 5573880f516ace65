"""The one-file client's entry point (installers/tandem-client.spec): the customer's client."""

from customer_client.main import main

raise SystemExit(main())

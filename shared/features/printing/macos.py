"""macOS: CUPS as on Linux, so ``cups.CupsPrinters`` is the implementation; what differs:

- Rights: ``lpadmin`` needs an administrator (the ``_lpadmin`` group) or a prompt through
  Authorization Services (``AuthorizationExecuteWithPrivileges`` is gone; a privileged helper
  installed with SMJobBless/SMAppService, or asking once at install time to add the user to
  ``_lpadmin``). Without it ``add`` raises PrinterError and the customer is told, as on Linux.
- Sandbox: a sandboxed (App Store) build may not run lpadmin nor listen on a port without the
  ``com.apple.security.network.server`` entitlement; Tandem's client is distributed outside
  the store, unsandboxed.
- Driver: macOS's CUPS still takes PPDs (deprecated as on Linux); the same PPD works, with
  ``/usr/libexec/cups/filter/cgpdftopdf`` in place of pdftopdf (CUPS picks it).
- Name: the description shows in the print dialog as on Linux.

Nothing else is needed here until the macOS client is built and tested on a Mac."""

"""Starting the customer's client again after their computer restarts: the autostart entry, the
reboot, and the private resume file with the center's single-use ticket. The restart feature
arranges it; the client's start (``tandem-client --resume FILE``) uses it, without naming any
feature."""

"""Invitations to a session: the site's templates, rendered in the invitee's language, and sent
by the site's mail server (the console's own mail program needs none of this but the text)."""

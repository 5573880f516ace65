"""The clipboard of a sharing activity, and which way it may go.

The rule: the customer's clipboard leaves their computer only when they agreed to it in words
that say so, and text lands on it only where the question they answered said it would.

=================  ================  ================
activity           agent → customer  customer → agent
=================  ================  ================
view               no                no
show my desktop    no                no
control            yes               yes
give control       yes               never
=================  ================  ================

- Control: the agent works on the customer's computer; text copied on either side can be
  pasted on the other (a command from the agent's notes, an error message back). The control
  question says both: what the customer copies goes to the agent, what the agent copies comes
  to them.
- Give control: the customer drives the agent's computer, and text they copy there comes to
  their own clipboard. Theirs never goes: the question says nothing of theirs is shared, the
  clipboard included. (A clipboard that simply followed the controller would send it in exactly
  the activity whose question promised that nothing of theirs goes.)
- Only in an activity the customer granted in its own question (or raised to control in one):
  one granted silently by "allow everything" carries no clipboard either way, since the words
  of that box say nothing of it.

The customer's engine enforces it, whatever a console sends: it decides the ways when the
customer grants, tells the console in its answer, sends its user's text only the ways decided
and drops (audited) any text that must not arrive. The agent's engine keeps to that answer,
never beyond what the kind allows, and the views of both apps (``clipboard_sync``) offer only
what the activity allows.
"""

from __future__ import annotations

import contextlib
import logging

from shared.features.desktop.activities import CLIPBOARD, Activity, ActivityState
from shared.features.desktop.events import ClipboardArrived
from shared.features.desktop.protocol import ActivityKind, ClipboardText, ClipboardWay
from shared.features.desktop.running import Host, Running

log = logging.getLogger(__name__)

# Refused texts are audited the first time, then now and again: a console sending them in a
# loop must not flood the session's report.
AUDITED_REFUSALS = (1, 100, 10000)


def ways_granted(kind: ActivityKind, in_words: bool) -> frozenset[ClipboardWay]:
    """The ways the clipboard goes in a ``kind`` activity the customer granted; ``in_words``:
    they granted it by answering its question (not silently, by "allow everything")."""
    return CLIPBOARD[kind] if in_words else frozenset()


class Clipboard:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.session = host.session

    def send(self, activity_id: str, text: str) -> None:
        """Our user copied ``text``: to the other side, if the activity lets it go that way."""
        running = self.host.find(activity_id)
        if running is None or not self._goes(running.activity, self._outgoing(running.activity)):
            return
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                self.host.other(running.activity), ClipboardText(activity=activity_id, text=text)
            )

    def on_text(self, running: Running, remote_id: str, message: ClipboardText) -> None:
        activity = running.activity
        if not self._goes(activity, self._incoming(activity)):
            running.refused_clipboard += 1
            if running.refused_clipboard in AUDITED_REFUSALS:
                log.warning("clipboard text from %s refused for %s", remote_id, activity.id)
                self.session.engine.audit.record(
                    "clipboard.refused", remote_id, activity=activity.id
                )
            return
        self.session.engine.publish(ClipboardArrived(activity.id, message.text))

    @staticmethod
    def _goes(activity: Activity, way: ClipboardWay) -> bool:
        return activity.state == ActivityState.ACTIVE and way in activity.clipboard

    def _outgoing(self, activity: Activity) -> ClipboardWay:
        if self.host.me().id == activity.customer_id:
            return ClipboardWay.TO_AGENT
        return ClipboardWay.TO_CUSTOMER

    def _incoming(self, activity: Activity) -> ClipboardWay:
        if self.host.me().id == activity.customer_id:
            return ClipboardWay.TO_CUSTOMER
        return ClipboardWay.TO_AGENT

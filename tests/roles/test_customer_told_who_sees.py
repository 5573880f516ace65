"""A customer asked to share their screen while assistant agents are in the session is told
that they will see it too (the agent in charge's console forwards it to them), by name, in the
question and in the reminder while it is shared."""

from __future__ import annotations

from pathlib import Path

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.customer import CUSTOMER_VIEW
from shared.features.desktop.protocol import ActivityKind
from shared.features.desktop.texts import indicator_text
from tests.helpers import CenterFixture, wait_for
from tests.roles.support import ASSISTANT_NAME, me, three_peers
from tests.roles.test_modified_console import _with_sharing_and_files


async def test_the_customer_is_told_the_assistants_see_their_screen_too(
    center: CenterFixture, tmp_path: Path
) -> None:
    sharing, _, asked, attach = _with_sharing_and_files(tmp_path)
    three = await three_peers(center, attach)
    try:
        grace = me(three.customer).id
        view = sharing["primary"].request(ActivityKind.VIEW, grace)
        await wait_for(
            lambda: (
                [a.state for a in sharing["customer"].activities if a.id == view.id]
                == [ActivityState.ACTIVE]
            ),
            what="the view running",
        )
        [question] = asked
        assert question.also_seen_by == (ASSISTANT_NAME,)
        assert CUSTOMER_VIEW.question is not None
        _, detail = CUSTOMER_VIEW.question(question)
        assert detail.endswith(
            f"Agents assisting in this session will see your screen too: {ASSISTANT_NAME}."
        )
        assert indicator_text("view", "Ada", [ASSISTANT_NAME]) == (
            f"Your screen is being viewed by Ada (also seen by {ASSISTANT_NAME}, assisting)"
        )
    finally:
        await three.close()

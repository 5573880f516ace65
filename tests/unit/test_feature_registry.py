"""The feature registry: the built-in features are found without a list, a feature's messages
come and go with it, and a feature that cannot be registered as declared is refused whole."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import pytest

from shared.kit.feature import Feature, load
from shared.kit.registry import FeatureError, feature, features, load_builtin, register, unregister
from shared.protocol.catalogue import PEER_CATALOGUE
from shared.protocol.messages import PeerMessage
from shared.session.consent import PermissionKind


class Knock(PeerMessage):
    type: Literal["knock.knock"] = "knock.knock"


class Stray(PeerMessage):
    type: Literal["chat"] = "chat"  # chat's own type


KNOCK = Feature(name="knock", messages=(Knock,), permissions=(PermissionKind.VIDEO,))


@pytest.fixture
def knock() -> Iterator[None]:
    register(KNOCK)
    yield
    unregister("knock")


def test_the_built_in_features_are_found_by_their_packages() -> None:
    names = [f.name for f in load_builtin()]
    assert {"chat", "desktop"} <= set(names)
    assert names == sorted(names)  # the same order whatever was imported first


def test_a_feature_brings_its_messages_and_takes_them_away(knock: None) -> None:
    assert feature("knock") is KNOCK and KNOCK in features()
    assert PEER_CATALOGUE.get("knock.knock") is Knock
    register(KNOCK)  # the very same feature again: nothing happens
    unregister("knock")
    assert feature("knock") is None and PEER_CATALOGUE.get("knock.knock") is None
    register(KNOCK)  # and it may come back


def test_another_feature_under_a_taken_name_is_refused(knock: None) -> None:
    with pytest.raises(FeatureError, match="already registered"):
        register(Feature(name="knock"))
    assert feature("knock") is KNOCK


def test_a_feature_whose_message_another_claims_registers_nothing() -> None:
    with pytest.raises(ValueError, match="chat"):
        register(Feature(name="stray", messages=(Stray,)))
    assert feature("stray") is None
    assert PEER_CATALOGUE.get("chat") is not Stray


@pytest.mark.parametrize(
    "declared",
    [
        Feature(name="not a name"),
        Feature(name="asks", permissions=("everything",)),  # type: ignore[arg-type]
    ],
)
def test_a_feature_declared_wrong_is_refused(declared: Feature) -> None:
    with pytest.raises(FeatureError):
        register(declared)
    assert feature(declared.name) is None


def test_views_and_engine_named_by_where_they_are_load_only_when_asked() -> None:
    from shared.features.chat.engine import ChatFeature

    assert load("shared.features.chat.engine:ChatFeature") is ChatFeature
    named = Feature(name="lazy", engine="shared.features.chat.engine:ChatFeature")
    assert named.engine_factory() is ChatFeature
    assert named.view("console") is None

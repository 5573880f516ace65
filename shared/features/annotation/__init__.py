"""Annotation over whatever screen is shared: pen, highlighter, arrow, text, eraser, clear all,
and a screenshot of the annotated screen. Every participant who sees the shared screen sees the
strokes; on the sharer's side they are drawn in a click-through overlay over the screen.

Only the protocol is imported here; the engine part and the views load when asked."""

from shared.features.annotation.protocol import ANNOTATION_MESSAGES, NAME
from shared.kit.registry import declare

FEATURE = declare(__name__, NAME, ANNOTATION_MESSAGES, engine="engine:AnnotationFeature")

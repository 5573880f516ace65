"""The invitation's text: the site's template in the invitee's language, filled in.

The center ships a default per invitee (customer, agent) and language (English, French), in
``templates/``. A site overrides any of them with a file of the same form in the center's data
folder, named ``invitation-<invitee>-<language>.txt`` (``invitation-customer-fr.txt``…): a first
line ``Subject: …``, an empty line, then the body. Placeholders, written ``{name}``:
``{agent_name}``, ``{number}`` (the session number, as read on the phone), ``{link}`` (the link
that joins the customer to the session) and ``{center}`` (the center's address, where an agent
signs in). Any other text in braces is left as written.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from shared.protocol.invitations import Invitee, Language

log = logging.getLogger(__name__)

# A template is an email of a few paragraphs; a bigger file is a mistake (a wrong file named
# so), and would be read on every invitation.
MAX_TEMPLATE_BYTES = 64 * 1024
SUBJECT_PREFIX = "Subject:"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class BadTemplate(ValueError):
    pass


@dataclass(frozen=True)
class Template:
    subject: str
    body: str


@dataclass(frozen=True)
class Invitation:
    subject: str
    body: str


def site_template_name(invitee: Invitee, language: Language) -> str:
    """The file in the center's data folder that replaces the default template."""
    return f"invitation-{invitee}-{language}.txt"


def parse_template(text: str) -> Template:
    """``Subject: …``, an empty line, the body."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")  # a file saved on Windows, with a BOM
    first, _, rest = text.partition("\n")
    if not first.startswith(SUBJECT_PREFIX):
        raise BadTemplate("the first line must be 'Subject: …'")
    subject = first.removeprefix(SUBJECT_PREFIX).strip()
    if not subject:
        raise BadTemplate("the subject is empty")
    if rest and not rest.startswith("\n"):
        raise BadTemplate("an empty line must follow the subject")
    body = rest.removeprefix("\n").rstrip() + "\n"
    if not body.strip():
        raise BadTemplate("the body is empty")
    return Template(subject, body)


def default_template(invitee: Invitee, language: Language) -> Template:
    files = resources.files("support_center.invitations") / "templates"
    return parse_template((files / f"{invitee}-{language}.txt").read_text(encoding="utf-8"))


def load_template(data_dir: Path, invitee: Invitee, language: Language) -> Template:
    """The site's template if it has a readable, well-formed one; the default otherwise (and
    the site's problem logged, for the administrator). Read at each invitation: a site edits
    its templates without restarting the center."""
    path = data_dir / site_template_name(invitee, language)
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_TEMPLATE_BYTES + 1)
    except FileNotFoundError:
        return default_template(invitee, language)
    except OSError as exc:
        log.error("cannot read the invitation template %s: %s; using the default", path, exc)
        return default_template(invitee, language)
    try:
        if len(raw) > MAX_TEMPLATE_BYTES:
            raise BadTemplate(f"it is over {MAX_TEMPLATE_BYTES // 1024} KiB")
        return parse_template(raw.decode("utf-8"))
    except (BadTemplate, UnicodeDecodeError) as exc:
        log.error("the invitation template %s is not usable (%s); using the default", path, exc)
        return default_template(invitee, language)


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with each known ``{name}`` replaced; unknown ones left as written. (Not
    str.format: a template must not reach into the values' attributes.)"""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def one_line(text: str) -> str:
    """A header's text: every run of white space (a line break in a name) one space."""
    return " ".join(text.split())


def render(template: Template, values: dict[str, str]) -> Invitation:
    return Invitation(
        subject=one_line(fill(template.subject, values)), body=fill(template.body, values)
    )

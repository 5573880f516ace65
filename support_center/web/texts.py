"""What the center's web pages say, in English and French (the center runs without Qt, so its
pages carry their texts here, as its invitations carry theirs in per-language templates).

Texts are plain: the pages escape them, and ``{name}`` placeholders are filled before that."""

from __future__ import annotations

from typing import Final

from shared.protocol.limits import MAX_NAME_CHARS
from shared.protocol.queues import MAX_EMAIL_CHARS, MAX_PROBLEM_CHARS, Language

LANGUAGES: Final[tuple[Language, ...]] = ("en", "fr")
# Each language's name, written in itself, for the switch link.
LANGUAGE_NAMES: Final[dict[Language, str]] = {"en": "English", "fr": "Français"}

_TEXTS: dict[str, tuple[str, str]] = {
    # The Get help page.
    "help.title": ("Get help — {queue}", "Obtenir de l'aide — {queue}"),
    "help.intro": (
        "Tell us who you are and what the problem is. A support agent will take your request "
        "and help you on your computer.",
        "Dites-nous qui vous êtes et quel est le problème. Un agent d'assistance prendra votre "
        "demande et vous aidera sur votre ordinateur.",
    ),
    "help.name": ("Your name", "Votre nom"),
    "help.email": ("Email (optional)", "Adresse e-mail (facultative)"),
    "help.problem": ("What is the problem? (optional)", "Quel est le problème ? (facultatif)"),
    "help.button": ("Get help", "Obtenir de l'aide"),
    "help.errors": ("Please correct the following:", "Veuillez corriger ceci :"),
    "error.name_missing": ("Please enter your name.", "Veuillez indiquer votre nom."),
    "error.name_bad": (
        f"Your name must be one line of at most {MAX_NAME_CHARS} characters.",
        f"Votre nom doit tenir sur une ligne d'au plus {MAX_NAME_CHARS} caractères.",
    ),
    "error.email_bad": (
        "This email address does not look right (for example: name@example.com).",
        "Cette adresse e-mail ne semble pas correcte (par exemple : nom@exemple.fr).",
    ),
    "error.email_long": (
        f"The email address must be at most {MAX_EMAIL_CHARS} characters.",
        f"L'adresse e-mail doit faire au plus {MAX_EMAIL_CHARS} caractères.",
    ),
    "error.problem_long": (
        f"The description must be at most {MAX_PROBLEM_CHARS} characters.",
        f"La description doit faire au plus {MAX_PROBLEM_CHARS} caractères.",
    ),
    "error.form_expired": (
        "This form was open too long or came from another page: please send it again.",
        "Ce formulaire est resté ouvert trop longtemps ou vient d'une autre page : veuillez "
        "l'envoyer à nouveau.",
    ),
    # After the form: the download.
    "sent.title": ("Your help is on its way", "Votre aide arrive"),
    "sent.downloading": (
        "The Tandem Help program is downloading. Run it: it puts you in line for {queue}, "
        "and an agent will be with you shortly.",
        "Le programme Tandem Help se télécharge. Lancez-le : il vous place dans la file "
        "{queue}, et un agent sera bientôt avec vous.",
    ),
    "sent.download_link": (
        "The download did not start? Download Tandem Help",
        "Le téléchargement n'a pas commencé ? Télécharger Tandem Help",
    ),
    "sent.installed": (
        "Tandem is already installed? Open it",
        "Tandem est déjà installé ? Ouvrez-le",
    ),
    "sent.valid_for": (
        "This download works for {minutes} minutes.",
        "Ce téléchargement est valable {minutes} minutes.",
    ),
    "steps.title": ("To run it", "Pour le lancer"),
    "steps.linux.1": (
        "Open the folder it was saved to (usually Downloads).",
        "Ouvrez le dossier où il a été enregistré (en général Téléchargements).",
    ),
    "steps.linux.2": (
        "Make it executable: right-click tandem-help, Properties, Permissions, "
        "“Allow executing file as program”; or in a terminal: chmod +x tandem-help",
        "Rendez-le exécutable : clic droit sur tandem-help, Propriétés, Permissions, "
        "« Autoriser l'exécution du fichier comme un programme » ; ou dans un terminal : "
        "chmod +x tandem-help",
    ),
    "steps.linux.3": (
        "Double-click tandem-help (or run ./tandem-help in the terminal).",
        "Double-cliquez sur tandem-help (ou lancez ./tandem-help dans le terminal).",
    ),
    "steps.windows.1": (
        "Open “Tandem Help.exe” from your browser's downloads.",
        "Ouvrez « Tandem Help.exe » depuis les téléchargements de votre navigateur.",
    ),
    "steps.windows.2": (
        "If Windows asks whether to run it, choose Run.",
        "Si Windows demande s'il faut l'exécuter, choisissez Exécuter.",
    ),
    "steps.mac.1": (
        "Open tandem-help from your Downloads folder.",
        "Ouvrez tandem-help depuis votre dossier Téléchargements.",
    ),
    "steps.mac.2": (
        "If macOS will not open it, Control-click it and choose Open.",
        "Si macOS refuse de l'ouvrir, cliquez dessus en maintenant Contrôle et choisissez Ouvrir.",
    ),
    "no_binary.title": ("The download is not available", "Le téléchargement n'est pas disponible"),
    "no_binary.body": (
        "This support center does not hand out the Tandem Help program. Ask your IT department "
        "to install Tandem on your computer (or install it from the Tandem installer), then "
        "open it with the link below.",
        "Ce centre d'assistance ne propose pas le programme Tandem Help. Demandez à votre "
        "service informatique d'installer Tandem sur votre ordinateur (ou installez-le avec "
        "l'installateur de Tandem), puis ouvrez-le avec le lien ci-dessous.",
    ),
    # Errors of the Get help page.
    "unknown_queue.title": ("No such help page", "Cette page d'aide n'existe pas"),
    "unknown_queue.body": (
        "There is no help queue named “{queue}” on this support center. Check the address "
        "you were given, or ask your support contact for the right one.",
        "Il n'y a pas de file d'attente nommée « {queue} » sur ce centre d'assistance. "
        "Vérifiez l'adresse qui vous a été donnée, ou demandez la bonne à votre contact.",
    ),
    "queue_full.title": ("This queue is full", "Cette file d'attente est pleine"),
    "queue_full.body": (
        "Too many customers are waiting for {queue} right now. Please try again in a few minutes.",
        "Trop de clients attendent pour {queue} en ce moment. Veuillez réessayer dans quelques "
        "minutes.",
    ),
    "limited.title": ("Too many requests", "Trop de demandes"),
    "limited.body": (
        "Many requests came from your network lately. Please try again in {minutes} minutes.",
        "Beaucoup de demandes sont venues de votre réseau récemment. Veuillez réessayer dans "
        "{minutes} minutes.",
    ),
    # Errors of the download.
    "ticket_unknown.title": (
        "This download link is not valid",
        "Ce lien de téléchargement n'est pas valide",
    ),
    "ticket_unknown.body": (
        "The link does not belong to a help request on this support center. Ask for help "
        "again from the Get help page.",
        "Ce lien ne correspond à aucune demande d'aide sur ce centre d'assistance. Demandez "
        "de l'aide à nouveau depuis la page Obtenir de l'aide.",
    ),
    "ticket_expired.title": (
        "This download link has expired",
        "Ce lien de téléchargement a expiré",
    ),
    "ticket_expired.body": (
        "The link worked for {minutes} minutes after you asked for help. Ask for help again "
        "to get a new one.",
        "Le lien était valable {minutes} minutes après votre demande d'aide. Demandez de "
        "l'aide à nouveau pour en obtenir un nouveau.",
    ),
    "ticket_used.title": (
        "This download link has been used",
        "Ce lien de téléchargement a déjà servi",
    ),
    "ticket_used.body": (
        "This help request has already been answered or closed. If you still need help, ask again.",
        "Cette demande d'aide a déjà été prise en charge ou fermée. Si vous avez encore besoin "
        "d'aide, demandez à nouveau.",
    ),
    "back_to_help": ("Back to the Get help page", "Retour à la page Obtenir de l'aide"),
    "back_unknown": (
        "Go back to the page where you asked for help.",
        "Revenez à la page où vous avez demandé de l'aide.",
    ),
    # The join page.
    "join.title": ("Join your support session", "Rejoindre votre session d'assistance"),
    "join.number": ("Your session number", "Votre numéro de session"),
    "join.read": (
        "Your support agent may ask you to read this number to them.",
        "Votre agent d'assistance peut vous demander de lui lire ce numéro.",
    ),
    "join.open": ("Open Tandem", "Ouvrir Tandem"),
    "join.opening": (
        "If Tandem is installed, it opens and joins the session. Your browser may ask first.",
        "Si Tandem est installé, il s'ouvre et rejoint la session. Votre navigateur peut "
        "vous demander votre accord d'abord.",
    ),
    "join.not_installed": (
        "Tandem is not installed? Download Tandem Help: it joins this session when it starts.",
        "Tandem n'est pas installé ? Téléchargez Tandem Help : il rejoint cette session dès "
        "son lancement.",
    ),
    "join.download": ("Download Tandem Help", "Télécharger Tandem Help"),
    "session_unknown.title": ("No such session", "Cette session n'existe pas"),
    "session_unknown.body": (
        "There is no support session with number {number}. Check the link, or ask your "
        "support agent for a new session number.",
        "Il n'y a pas de session d'assistance portant le numéro {number}. Vérifiez le lien, "
        "ou demandez un nouveau numéro de session à votre agent d'assistance.",
    ),
    "session_ended.title": ("This session has ended", "Cette session est terminée"),
    "session_ended.body": (
        "Support session {number} is over. If you still need help, ask your support agent "
        "for a new session number.",
        "La session d'assistance {number} est terminée. Si vous avez encore besoin d'aide, "
        "demandez un nouveau numéro de session à votre agent d'assistance.",
    ),
    "not_found.title": ("Page not found", "Page introuvable"),
    "not_found.body": (
        "There is no page at this address on this support center.",
        "Il n'y a pas de page à cette adresse sur ce centre d'assistance.",
    ),
}


def text(language: Language, key: str, **values: object) -> str:
    """The text ``key`` in ``language``, its placeholders filled (not yet escaped)."""
    english, french = _TEXTS[key]
    chosen = french if language == "fr" else english
    return chosen.format(**values) if values else chosen

#!/usr/bin/env bash
# Refresh the translation sources from the code, then compile them.
#
#   scripts/update_translations.sh            update every shared/qt/translations/tandem_*.ts
#   scripts/update_translations.sh de         also start a tandem_de.ts
#
# 1. pyside6-lupdate reads every Python UI source (csr_console, customer_client, shared/qt, the
#    features' views in shared/features) and merges the strings it finds (self.tr("…"),
#    QCoreApplication.translate("Context", "…"), QT_TRANSLATE_NOOP("Context", "…")) into each
#    .ts: new ones come in unfinished, vanished ones are dropped. Translate the unfinished ones
#    (pyside6-linguist, or by hand in the XML).
# 2. pyside6-lrelease compiles each .ts into the .qm the apps load (shared/qt/i18n.py).
# tests/i18n fails while a string is untranslated or a .qm is older than its .ts.
set -euo pipefail

cd "$(dirname "$0")/.."
DIR="${TANDEM_TRANSLATIONS_DIR:-shared/qt/translations}"  # elsewhere: the tests' copies
SOURCES=(csr_console customer_client shared/qt shared/features)

tool() {
    # The PySide6 tools next to the Python that runs the project, else the ones on PATH.
    local python="${PYTHON:-python3}" here
    here="$(dirname "$(command -v "$python")")"
    if [[ -x "$here/pyside6-$1" ]]; then echo "$here/pyside6-$1"; return; fi
    command -v "pyside6-$1" || { echo "pyside6-$1 not found (pip install PySide6-Essentials)" >&2; exit 1; }
}
LUPDATE="$(tool lupdate)"
LRELEASE="$(tool lrelease)"

mkdir -p "$DIR"
shopt -s nullglob
TS_FILES=("$DIR"/tandem_*.ts)
for language in "$@" fr; do  # French always ships
    TS_FILES+=("$DIR/tandem_$language.ts")
done
mapfile -t TS_FILES < <(printf '%s\n' "${TS_FILES[@]}" | awk '!seen[$0]++')  # once each

for ts in "${TS_FILES[@]}"; do
    language="${ts##*/tandem_}"
    language="${language%.ts}"
    # No line numbers: the .ts changes only when a text does.
    "$LUPDATE" -silent -extensions py -no-obsolete -locations none \
        -source-language en -target-language "$language" "${SOURCES[@]}" -ts "$ts"
    "$LRELEASE" -silent "$ts" -qm "${ts%.ts}.qm"
    unfinished="$(grep -c 'type="unfinished"' "$ts" || true)"
    echo "$ts: $(grep -c '<message' "$ts") messages, $unfinished to translate -> ${ts%.ts}.qm"
done

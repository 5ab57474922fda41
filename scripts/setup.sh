#!/usr/bin/env bash
# Installs what congvan needs beyond npm: tesseract (OCR of scanned PDFs, with its
# Vietnamese data), poppler-utils (the main PDF text engine: pdftohtml, pdftotext, pdfimages;
# page images for OCR; pdfjs reads PDFs where it is missing), qpdf (the tests and the bench
# join real PDFs into long ones with it) and antiword (Word 97-2003 .doc files); with `postgres`,
# PostgreSQL from Debian's packages (the office store; scripts/pg.sh starts a server for tests).
# Runs apt-get only as root and only for what is missing; otherwise says what to install.
set -u
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; } || need+=(tesseract-ocr-vie)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v antiword >/dev/null 2>&1 || need+=(antiword)
for extra in "$@"; do
  case "$extra" in
    chromium) command -v chromium >/dev/null 2>&1 || need+=(chromium) ;;
    libreoffice) command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui fonts-liberation2) ;;
    postgres) command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql) ;;
  esac
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "congvan setup: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}") >/tmp/congvan-setup.log 2>&1 \
    || echo "congvan setup: apt-get failed (see /tmp/congvan-setup.log); the tests that need ${need[*]} will be skipped"
else
  echo "congvan setup: missing ${need[*]} (install them with apt-get as root); the tests that need them will be skipped"
fi
exit 0

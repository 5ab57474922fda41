#!/usr/bin/env bash
# Scanned copies of corpus/real's text-layer PDFs, graded against the same gold: what congvan reads
# when an office prints a letter signed in an e-office system and scans it. Each page is rendered
# by pdftoppm (the signature's stamps print the number and the day), skewed by a fraction of a
# degree, given a little noise and stored as JPEG quality 60 with img2pdf, without a text layer.
#
#   bash scripts/scan-copies.sh [gray|colour] [dpi] [pdf|docx]     (default: colour 250 pdf)
#
# docx: corpus/real's Word letters, turned into PDF by LibreOffice first (as an office prints them).
# Needs poppler-utils, ImageMagick and img2pdf (apt-get install imagemagick img2pdf), and for docx
# LibreOffice (bash scripts/setup.sh libreoffice). Writes output/scan-copies/<mode>[-docx]/{pdf,records}/
# and prints the grades (congvan eval).
set -eu
mode=${1:-colour}; dpi=${2:-250}; from=${3:-pdf}
here=$(cd "$(dirname "$0")/.." && pwd)
convert=$(command -v /usr/bin/convert || command -v magick || true)
for t in pdftoppm img2pdf; do command -v $t >/dev/null || { echo "scan-copies: $t is missing (apt-get install poppler-utils img2pdf)"; exit 2; }; done
"$convert" -version 2>/dev/null | grep -q ImageMagick || { echo "scan-copies: ImageMagick is missing (apt-get install imagemagick)"; exit 2; }
out=$here/output/scan-copies/$mode
if [ "$from" = docx ]; then out=$out-docx; fi
rm -rf "$out"; mkdir -p "$out/pdf" "$out/gold"
src=$here/corpus/real/pdf
if [ "$from" = docx ]; then
  command -v soffice >/dev/null || { echo "scan-copies: LibreOffice is missing (bash scripts/setup.sh libreoffice)"; exit 2; }
  src=$out/printed; mkdir -p "$src"
  soffice -env:UserInstallation=file://$out/lo-profile --headless --norestore --convert-to pdf:writer_pdf_Export --outdir "$src" "$here"/corpus/real/docx/*.docx >/dev/null
fi
angles=(-0.5 0.7 -0.2 0.9 -0.6 0.3 -0.8 0.4)
i=0
for f in "$src"/*.pdf; do
  b=$(basename "$f" .pdf)
  a=${angles[$((i % 8))]}; i=$((i + 1))
  w=$(mktemp -d)
  if [ "$mode" = gray ]; then pdftoppm -r "$dpi" -gray -png "$f" "$w/p"; else pdftoppm -r "$dpi" -png "$f" "$w/p"; fi
  for p in "$w"/p-*.png; do
    "$convert" "$p" -seed 7 -background white -rotate "$a" +repage -attenuate 0.3 +noise Gaussian -quality 60 "${p%.png}.jpg"
  done
  img2pdf --pagesize A4 -o "$out/pdf/$b.pdf" $(ls "$w"/p-*.jpg | sort -V)
  rm -rf "$w"
  cp "$here/corpus/real/gold/$b.json" "$out/gold/"
done
node "$here/bin/congvan.js" ingest "$out/pdf" --db "$out/store.db" --records "$out/records"
node "$here/bin/congvan.js" eval --gold "$out/gold" --pred "$out/records" --by none

#!/usr/bin/env bash
# Regenerates the bundled CJK font subsets from Debian's Noto CJK collections (OFL-1.1).
#   apt-get install fonts-noto-cjk fonts-noto-core && pip install fonttools
#   fonts/make-subsets.sh
# Serif regular (宋体 role): all of GBK, for body text and names such as 堃喆祎.
# Sans bold (黑体 role): GB2312, for titles and headings.
# Symbols (fallback): the check boxes and ticks (☐ ☑ ☒ ✓ ✔ ✗) that forms such as Hubei's print and
# Noto CJK lacks, from Noto Sans Symbols 2 (fonts-noto-core).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${NOTO_DIR:-/usr/share/fonts/opentype/noto}
symbols=${NOTO_SYMBOLS:-/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'PY'
import sys
out = sys.argv[1]
def charset(enc):
    cs = set(range(0x20, 0x7F))                       # ASCII
    cs |= set(range(0xA0, 0x100))                     # Latin-1 (°, ±, ×, ÷)
    cs |= set(range(0x2000, 0x2070))                  # general punctuation (— … ‰ ‘ ’ “ ”)
    cs |= set(range(0x2100, 0x2200))                  # letterlike, number forms (℃ № Ⅰ)
    cs |= set(range(0x2190, 0x2300))                  # arrows, maths (≥ ≤ ≠ ∑ √)
    cs |= set(range(0x2460, 0x2500))                  # enclosed numbers ① ⑴ ⒈
    cs |= set(range(0x2500, 0x2600))                  # box drawing, shapes (■ □ ○ ●)
    cs |= set(range(0x3000, 0x3040))                  # CJK symbols and punctuation
    cs |= set(range(0xFE30, 0xFE70))                  # small forms (﹦ ﹤ ﹥)
    cs |= set(range(0xFF00, 0xFFF0))                  # full-width forms
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            try:
                cs.add(ord(bytes([hi, lo]).decode(enc)))
            except (UnicodeDecodeError, TypeError):
                pass
    return cs
for name, enc in (("gbk", "gbk"), ("gb2312", "gb2312")):
    with open(f"{out}/{name}.txt", "w") as f:
        f.write(",".join(f"U+{c:04X}" for c in sorted(charset(enc))))
PY

subset() { # collection face-index charset output
  pyftsubset "$src/$1" --font-number="$2" --unicodes-file=<(tr ',' '\n' < "$tmp/$3.txt") \
    --name-IDs='*' --name-languages='*' --layout-features='*' --no-hinting --desubroutinize \
    --output-file="$tmp/$4.otf"
  # TrueType outlines and a format 12 cmap: see otf2ttf.py for why.
  python3 "$here/otf2ttf.py" "$tmp/$4.otf" "$here/$4.ttf"
}
subset NotoSerifCJK-Regular.ttc 2 gbk NotoSerifCJKsc-Regular-GBK
subset NotoSansCJK-Bold.ttc 2 gb2312 NotoSansCJKsc-Bold-GB2312
pyftsubset "$symbols" --unicodes='U+2610-2612,U+2713-2718' --name-IDs='*' --no-hinting \
  --output-file="$here/NotoSansSymbols2-Regular-Boxes.ttf"
ls -l "$here"/*.ttf

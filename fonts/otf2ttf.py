"""Converts a CFF-flavoured OpenType font to TrueType outlines (glyf), keeping everything else.

CID-keyed CFF subsets of Noto CJK draw some glyphs (CIDs above 32767) as blanks in common PDF
viewers once a PDF writer subsets them again; TrueType outlines have no CIDs and render
everywhere. Its cmap is rewritten as format 12 (see below).
Usage: otf2ttf.py IN.otf OUT.ttf
"""
import sys
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

src, dst = sys.argv[1], sys.argv[2]
font = TTFont(src)
order = font.getGlyphOrder()
gs = font.getGlyphSet()
glyf = newTable("glyf")
glyf.glyphOrder = order
glyf.glyphs = {}
for name in order:
    pen = TTGlyphPen(gs)
    gs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
    glyf.glyphs[name] = pen.glyph()
font["glyf"] = glyf
font["loca"] = newTable("loca")
maxp = font["maxp"]
maxp.tableVersion = 0x00010000
for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
             "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
    setattr(maxp, attr, 0)
maxp.maxZones = 1
maxp.maxComponentDepth = 0
font["head"].indexToLocFormat = 1
font["head"].glyphDataFormat = 0
post = font["post"]
post.formatType = 3.0
post.extraNames = []
post.mapping = {}
post.glyphOrder = order
for tag in ("CFF ", "VORG"):
    if tag in font:
        del font[tag]
font.sfntVersion = "\x00\x01\x00\x00"

# A format 4 cmap of a large sparse subset overflows its 16-bit length field and readers that
# honour the length (ttf-parser, used by Typst) then miss characters such as 化 and ：. Keep
# the mapping in format 12 subtables only.
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
mapping = font.getBestCmap()
tables = []
for plat, enc in ((0, 4), (3, 10)):
    t = CmapSubtable.newSubtable(12)
    t.platformID, t.platEncID, t.language = plat, enc, 0
    t.cmap = dict(mapping)
    tables.append(t)
font["cmap"].tables = tables
font.save(dst)

#!/usr/bin/env python3
"""Writes a small OFSI-layout workbook from the first rows of the real one, as a fuzzing seed.

usage: fuzz/make_xlsx_seed.py SOURCE.xlsx ROWS OUT.xlsx
Keeps the workbook, its relationships and the first ROWS rows of the sheet, with only the shared
strings those rows use (renumbered). Standard library only.
"""
import re
import sys
import zipfile

src, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with zipfile.ZipFile(src) as z:
    workbook = z.read("xl/workbook.xml")
    rels = z.read("xl/_rels/workbook.xml.rels")
    sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8-sig")
    shared = z.read("xl/sharedStrings.xml").decode("utf-8")
items = re.findall(r"<si>.*?</si>", shared, re.S)
body = "".join(re.findall(r'<row r="\d+".*?</row>', sheet, re.S)[:rows])
used = {}
def renumber(m):
    old = int(m.group(2))
    used.setdefault(old, len(used))
    return m.group(1) + str(used[old]) + "</v>"
body = re.sub(r'(t="s"><v>)(\d+)</v>', renumber, body)
sst = "".join(items[old] for old, _ in sorted(used.items(), key=lambda kv: kv[1]))
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", workbook)
    z.writestr("xl/_rels/workbook.xml.rels", rels)
    z.writestr("xl/worksheets/sheet1.xml", "\ufeff<worksheet " + ns + "><sheetData>" + body + "</sheetData></worksheet>")
    z.writestr("xl/sharedStrings.xml", "<sst " + ns + ">" + sst + "</sst>")

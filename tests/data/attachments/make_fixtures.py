#!/usr/bin/env python3
"""Writes the attachment fixtures of tests/parser/attachment_test.cpp into this folder.

Python 3 standard library only, deterministic (fixed zip timestamps): running it again gives the
same bytes. The one exception is encrypted.pdf, which needs qpdf (Debian package `qpdf`, a
development-time tool only): without it the committed file is kept.

Usage: python3 tests/data/attachments/make_fixtures.py
"""

import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
# A fixed time keeps the zips byte-for-byte reproducible.
STAMP = (2024, 1, 2, 3, 4, 6)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    print(f"{name}: {len(data)} bytes")


def make_zip(entries, method=zipfile.ZIP_DEFLATED):
    """entries: (name, bytes) or (name, bytes, method)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for entry in entries:
            name, data = entry[0], entry[1]
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = entry[2] if len(entry) > 2 else method
            z.writestr(info, data, compresslevel=9 if info.compress_type == zipfile.ZIP_DEFLATED else None)
    return buf.getvalue()


# --- OOXML -----------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(paragraphs=None, embeddings=()):
    # The phrase 合同总价 is split over two runs, the way Word writes it after an edit.
    body = paragraphs or """<w:p><w:r><w:t>合同</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>总价</w:t></w:r><w:r><w:t xml:space="preserve">：人民币 100 万元</w:t></w:r></w:p>
<w:p><w:r><w:t>Payment due in 30 days.</w:t></w:r></w:p>
<w:p><w:del><w:r><w:delText>旧报价</w:delText></w:r></w:del></w:p>"""
    document = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
{body}
</w:body></w:document>"""
    content_types = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
    return make_zip([("[Content_Types].xml", content_types), ("word/document.xml", document.encode())]
                    + list(embeddings))


def xlsx():
    shared = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>客户名称</t></si><si><r><t>身份</t></r><r><t>证号</t></r></si><si><t>张三</t><rPh><t>ZHANG</t></rPh></si>
<si><t>机密备注</t></si>
</sst>"""
    sheet = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><t>11010519491231002X</t></is></c><c r="C2"><f>1000+200.5</f><v>1200.5</v></c></row>
</sheetData></worksheet>"""
    workbook = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>"""
    return make_zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", workbook),
                     ("xl/sharedStrings.xml", shared.encode()), ("xl/worksheets/sheet1.xml", sheet)])


def pptx():
    def slide(paragraphs):
        body = "".join("<a:p>" + "".join(f"<a:r><a:t>{run}</a:t></a:r>" for run in p) + "</a:p>"
                       for p in paragraphs)
        return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">
<p:cSld><p:spTree><p:sp><p:txBody>{body}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>""".encode()

    # slide10 after slide2: the order is numeric, not the zip's order nor the names' sort order.
    return make_zip([("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p:presentation/>"),
                     ("ppt/slides/slide10.xml", slide([["Thank you"]])),
                     ("ppt/slides/slide1.xml", slide([["季度", "报告"], ["Revenue up 12%"]])),
                     ("ppt/slides/slide2.xml", slide([["Next steps"]]))])


# --- ODF -------------------------------------------------------------------------------------

def odt():
    content = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:text>
<text:h text:outline-level="1">会议<text:span>纪要</text:span></text:h>
<text:p>Budget<text:s text:c="2"/>approved<text:tab/>2024</text:p>
</office:text></office:body></office:document-content>"""
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
    # ODF 1.2 §3.3: "mimetype" first and stored.
    return make_zip([("mimetype", b"application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
                     ("content.xml", content.encode()), ("META-INF/manifest.xml", manifest)])


# --- PDF -------------------------------------------------------------------------------------

def pdf(objects):
    """objects: bodies of objects 1..n (bytes); object 1 is the catalog. Writes a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(data):
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def statement_pdf():
    # English through the standard Helvetica; Chinese through a Type0 font whose ToUnicode CMap
    # maps the glyph ids 1-4 to 合同总价 (no font program is needed to extract text).
    to_unicode = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
4 beginbfchar
<0001> <5408>
<0002> <540C>
<0003> <603B>
<0004> <4EF7>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end"""
    content = (b"BT /F1 12 Tf 72 720 Td (Invoice total: 1200 USD) Tj ET\n"
               b"BT /F2 12 Tf 72 690 Td <0001000200030004> Tj ET\n")
    page2 = b"BT /F1 12 Tf 72 720 Td (Second page: bank account 6222 0200 1234 5678) Tj ET\n"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 10 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H"
        b" /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor 9 0 R /DW 1000 >>",
        stream(to_unicode),
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 996 855]"
        b" /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 11 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(page2),
    ])


def encrypted_pdf():
    """AES-256 with a user password: nothing is readable without it. Needs qpdf."""
    qpdf = shutil.which("qpdf")
    if not qpdf:
        print("encrypted.pdf: qpdf not installed, committed file kept", file=sys.stderr)
        return
    src = os.path.join(HERE, "statement.pdf")
    dst = os.path.join(HERE, "encrypted.pdf")
    subprocess.run([qpdf, "--static-id", "--encrypt", "secret", "owner", "256", "--", src, dst], check=True)
    print(f"encrypted.pdf: {os.path.getsize(dst)} bytes")


# --- ZIP archives ----------------------------------------------------------------------------

def raw_name_zip(data_by_placeholder):
    """A zip whose entry names are raw GBK bytes without the UTF-8 flag, as Windows' built-in
    zip writes them: written with same-length ASCII placeholders, then patched in place."""
    z = make_zip([(placeholder, data) for placeholder, (_, data) in data_by_placeholder.items()])
    for placeholder, (raw, _) in data_by_placeholder.items():
        assert len(raw) == len(placeholder)
        z = z.replace(placeholder.encode(), raw)
    return z


def nested_zip(contract_docx, contacts_csv):
    inner = make_zip([("合同.docx", contract_docx)])
    # 报价.csv in GBK is 8 bytes, as is the placeholder.
    gbk = raw_name_zip({"XXXX.csv": ("报价.csv".encode("gbk"), contacts_csv)})
    return make_zip([("readme.txt", b"Quotation attached, see inner.zip\n", zipfile.ZIP_STORED),
                     ("inner.zip", inner), ("prices/gbk-names.zip", gbk)])


def deep_zip():
    # Six archive levels: deep.zip holds level5.zip ... holds level1.zip, which holds secret.txt.
    z = make_zip([("secret.txt", b"password: hunter2\n")])
    for level in range(1, 6):
        z = make_zip([(f"level{level}.zip", z)])
    return z


def bomb_zip():
    # 80 MiB of zeros deflates to 80 KB, and that archive deflates again to a few hundred bytes
    # (the classic layered bomb): more than the 64 MiB expanded-size limit once inflated.
    layer = make_zip([("report.txt", bytes(80 << 20))])
    return make_zip([("layer.zip", layer)])


CRC_TABLE = []
for i in range(256):
    c = i
    for _ in range(8):
        c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
    CRC_TABLE.append(c)


class ZipCrypto:
    """Traditional PKWARE encryption (APPNOTE.TXT §6.1), enough to write an encrypted entry."""

    def __init__(self, password):
        self.keys = [0x12345678, 0x23456789, 0x34567890]
        for b in password:
            self._update(b)

    def _update(self, b):
        k = self.keys
        k[0] = CRC_TABLE[(k[0] ^ b) & 0xFF] ^ (k[0] >> 8)
        k[1] = ((k[1] + (k[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        k[2] = CRC_TABLE[(k[2] ^ (k[1] >> 24)) & 0xFF] ^ (k[2] >> 8)

    def encrypt(self, data):
        out = bytearray()
        for p in data:
            t = (self.keys[2] | 2) & 0xFFFF
            out.append(p ^ (((t * (t ^ 1)) >> 8) & 0xFF))
            self._update(p)
        return bytes(out)


def encrypted_zip():
    name = b"salaries.txt"
    data = b"2024 salaries: Zhang San 35000\n"
    crc = zlib.crc32(data)
    # 12-byte header whose last byte is the CRC's high byte (the password check); fixed bytes
    # keep the output reproducible.
    header = bytes(range(11)) + bytes([crc >> 24])
    body = ZipCrypto(b"secret").encrypt(header + data)
    dos_time, dos_date = (3 << 11) | (4 << 5) | 3, ((2024 - 1980) << 9) | (1 << 5) | 2
    flags, method = 0x0001, 0  # encrypted, stored
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, dos_time, dos_date, crc,
                        len(body), len(data), len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, dos_time, dos_date,
                          crc, len(body), len(data), len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(body), 0)
    z = local + body + central + end
    with zipfile.ZipFile(io.BytesIO(z)) as check:  # the password really opens it
        assert check.read("salaries.txt", pwd=b"secret") == data
    return z


# --- An encrypted OOXML file: an OLE compound file (MS-CFB) holding EncryptedPackage ---------

def encrypted_docx():
    """Office writes a password-protected .docx as a compound file with the streams
    EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO §2.3.4). This one has only the directory,
    which is what identifies it: one FAT sector and one directory sector, 512-byte sectors."""
    FREE, END, FAT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)  # minor, major 3, BOM, shifts
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 0x1000, END, 0, END, 0)
    struct.pack_into("<I", header, 0x4C, 0)  # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 0x4C + 4 * i, FREE)
    fat = struct.pack("<128I", FAT, END, *([FREE] * 126))

    def entry(name, kind, left=NOSTREAM, right=NOSTREAM, child=NOSTREAM):
        if not name:
            return bytes(128)
        encoded = (name + "\0").encode("utf-16-le")
        e = bytearray(128)
        e[0:len(encoded)] = encoded
        struct.pack_into("<HBBIII", e, 0x40, len(encoded), kind, 1, left, right, child)
        struct.pack_into("<IQ", e, 0x74, END, 0)  # start sector, size
        return bytes(e)

    directory = (entry("Root Entry", 5, child=1) + entry("EncryptionInfo", 2, right=2)
                 + entry("EncryptedPackage", 2) + entry("", 0))
    return bytes(header) + fat + directory


# --- Other types -----------------------------------------------------------------------------

def png():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1x1 greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
            + chunk(b"IEND", b""))


def main():
    contract = docx()
    contacts = "姓名,身份证号,电话\n张三,11010519491231002X,13800138000\n李四,440524188001010014,13900139000\n".encode("gbk")
    write("contract.docx", contract)
    write("prices.xlsx", xlsx())
    # A worksheet embedded in a report, the way Word stores an inserted Excel object.
    write("embedded.docx", docx("<w:p><w:r><w:t>See the price list below.</w:t></w:r></w:p>",
                                [("word/embeddings/Microsoft_Excel_Worksheet.xlsx", xlsx())]))
    write("deck.pptx", pptx())
    write("minutes.odt", odt())
    write("statement.pdf", statement_pdf())
    encrypted_pdf()
    write("contacts.csv", contacts)
    write("page.html", """<!DOCTYPE html>
<html><head><title>hidden title</title><style>p { color: red }</style>
<script>var hidden = "script text";</script></head>
<body><h1>客户&#21517;单</h1><p>Account: <b>6222&nbsp;0200</b> 1234 5678</p></body></html>
""".encode())
    write("nested.zip", nested_zip(contract, contacts))
    write("deep.zip", deep_zip())
    write("bomb.zip", bomb_zip())
    write("encrypted.zip", encrypted_zip())
    write("encrypted.docx", encrypted_docx())
    write("image.png", png())


if __name__ == "__main__":
    main()

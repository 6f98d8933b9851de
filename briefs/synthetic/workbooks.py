"""
Workbooks that unzip to far more than they weigh, for the tests and benchmarks
of the limits on an XLSX file (briefs/exchange/tables/files.py).

A sheet of hundreds of megabytes is never written out nor compressed here: one
block of its rows is deflated once, flushed so that it refers to nothing before
it, and repeated, which a reader unzips into the block repeated. The zip is
then written by hand around it, so its directory may also say what it likes
about the sizes (``declared_size``), as a hostile file's does.
"""

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
BLOCK_ROWS = 64


def inline_row(cells):
    """A row of text cells as a sheet's XML holds them."""
    return (
        "<row>"
        + "".join(f'<c t="inlineStr"><is><t>{cell}</t></is></c>' for cell in cells)
        + "</row>"
    ).encode()


def number_row(width):
    """A row of ``width`` cells holding the number 1: 15 bytes a cell."""
    return b"<row>" + b"<c><v>1</v></c>" * width + b"</row>"


def bomb(header, row, times, *, declared_size=None, block_rows=BLOCK_ROWS):
    """An XLSX workbook whose first sheet is ``header``, then ``row`` ``times`` times.

    ``row`` is the XML of one row (``inline_row``, ``number_row``). With
    ``declared_size`` the zip's directory gives the sheet that size instead
    of its own. The larger ``block_rows``, the fewer seams in the deflated
    stream, up to the thousand to one that deflate can do at most.
    """
    members = base_members(header)
    head, _, tail = members[SHEET].partition(b"</sheetData>")
    block_rows = min(block_rows, times) or 1
    blocks, rest = divmod(times, block_rows)
    block = row * block_rows
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(row * rest + b"</sheetData>" + tail)
    end += compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(row * rest + b"</sheetData>" + tail, crc)
    size = len(head) + len(block) * blocks + len(row) * rest + 12 + len(tail)
    sheet = Member(
        start + repeated * blocks + end,
        crc,
        size if declared_size is None else declared_size,
    )
    return zipped(
        {
            name: sheet if name == SHEET else Member.deflated(data)
            for name, data in members.items()
        }
    )


def base_members(header):
    """The members of a small workbook made by openpyxl, with ``header`` as its first row."""
    workbook = Workbook(write_only=True)
    workbook.create_sheet().append(header)
    stream = io.BytesIO()
    workbook.save(stream)
    with zipfile.ZipFile(stream) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


class Member:
    def __init__(self, compressed, crc, size):
        self.compressed, self.crc, self.size = compressed, crc, size

    @classmethod
    def deflated(cls, data):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        compressed = compressor.compress(data) + compressor.flush()
        return cls(compressed, zlib.crc32(data), len(data))


def zipped(members):
    """A zip archive of deflated members, as the format's specification lays it out."""
    out = io.BytesIO()
    directory = []
    for name, member in members.items():
        encoded = name.encode()
        # Version 2.0, no flags, deflated, at 00:00 on 1 January 1980.
        common = (20, 0, 8, 0, 0x21, member.crc, len(member.compressed), member.size)
        directory.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                *common,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                out.tell(),
            )
            + encoded
        )
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *common, len(encoded), 0))
        out.write(encoded)
        out.write(member.compressed)
    start = out.tell()
    for entry in directory:
        out.write(entry)
    size = out.tell() - start
    count = len(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, start, 0))
    return out.getvalue()

#!/bin/sh
# Makes docs/review.png: the HTML review of sample-vault, rendered by headless
# Chromium (through tests/cli/review_chromium.sh, which also checks it), then
# reduced to a 256-colour palette so that it stays small.
# Usage: scripts/review-screenshot.sh [KITH]   (default build/kith)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
kith=${1:-$root/build/kith}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
KITH_SCREENSHOT_SIZE=860,2750 "$root/tests/cli/review_chromium.sh" "$kith" "$root" "$tmp/review.png"
/usr/bin/python3 - "$tmp/review.png" "$root/docs/review.png" <<'PY'
import collections, struct, sys, zlib

def read_png(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n'
    pos, idat = 8, b''
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, colour = struct.unpack('>IIBB', body[:10])
            assert depth == 8 and colour in (2, 6), 'RGB or RGBA, 8 bits'
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line[j:j + 3]) for j in range(0, stride, bpp))
        rows[-1] = list(rows[-1])
        prev = line
    return w, h, rows

w, h, rows = read_png(sys.argv[1])
palette = [c for c, _ in collections.Counter(p for r in rows for p in r).most_common(256)]
index, nearest = {c: i for i, c in enumerate(palette)}, {}
def to_index(c):
    if c in index: return index[c]
    if c not in nearest:
        nearest[c] = min(range(len(palette)), key=lambda i: sum((palette[i][k] - c[k]) ** 2 for k in range(3)))
    return nearest[c]
out = bytearray()
for r in rows:
    out.append(0)
    out.extend(to_index(c) for c in r)
def chunk(kind, body):
    return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 3, 0, 0, 0))
png += chunk(b'PLTE', b''.join(palette)) + chunk(b'IDAT', zlib.compress(bytes(out), 9)) + chunk(b'IEND', b'')
open(sys.argv[2], 'wb').write(png)
print('wrote', sys.argv[2], len(png), 'bytes')
PY

#!/usr/bin/env python3
"""How fast Typst lays out what brandkit prints: evidence for issue 17's open choice, not
a benchmark of brandkit.

    python -m pip install typst   # or RenderCV's environment, which has it
    python bench/probe_typst.py [--runs 10]

brandkit lays out its card PDFs, badges, share images and backgrounds in HTML and CSS
through WeasyPrint: one design source with the card page a browser shows. A cold
``brandkit build --pdf`` of the example stays ~2.3× RenderCV's time (docs/performance.md),
and most of what is left is WeasyPrint itself (~0.9 s a process to load and print its
first page, then ~75–160 ms a PDF). RenderCV lays out with Typst. This probe prints the
example's card (front in Japanese, back in English with a QR code) and its share image
with Typst and times:

1. a new compiler (its font scan) and the first card PDF;
2. each further card PDF with a different name (a new document for Typst's caches: an
   event's card differs from the main one by its QR code, a badge by its size);
3. the 1200 × 630 share image as PNG, with a new compiler and then with a new name.

Typst keeps phrases together only inside ``box``es, as WeasyPrint needs inline blocks
(brandkit/render/exchange/pictures.py), and writes no TrimBox or BleedBox: a print-shop
PDF would need them added after it. The layout here is a hand-made copy of the card's,
close enough to time, not to print.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

CARD = r"""
#set page(width: 91mm, height: 55mm, margin: 0mm)
#set text(font: ("Noto Sans CJK JP"), lang: "ja", size: 8pt)
#let brand = rgb("#0f6e6e")
#place(top + left, rect(width: 4mm, height: 55mm, fill: brand))
#pad(left: 9mm, top: 6mm, right: 6mm)[
  #text(size: 7pt, fill: rgb("#3a3f47"))[株式会社まなびラボ]\
  #text(size: 7pt)[#box[プロダクトマネージャー]#box[（AI学習サービス）]]
  #v(3mm)
  #text(size: 6.5pt, fill: rgb("#555a63"))[やまだ はなこ]\
  #text(size: 16pt, weight: "bold")[#sys.inputs.at("name", default: "山田 花子")]
  #v(1mm)
  #text(size: 8pt, weight: "bold", fill: brand)[#box[AIと]#box[教育を]#box[掛け合わせる]#box[仕事をしています]]
  #v(2mm)
  #set text(size: 6.5pt)
  TEL 090-1234-5678 \ Mail hanako\@example.com \ Web hanako-yamada.github.io \ 拠点 東京
]
#pagebreak()
#set text(font: ("Noto Sans", "Noto Sans CJK JP"), lang: "en")
#place(top + right, dx: -6mm, dy: 6mm, image("qr.svg", width: 15mm))
#pad(left: 9mm, top: 6mm, right: 26mm)[
  #text(size: 14pt, weight: "bold")[Hanako Yamada]\
  Product Manager, AI Learning\ Manabi Lab Inc.\
  #text(fill: rgb("#0f6e6e"), weight: "bold")[I combine AI and education]
  #v(2mm)
  #set text(size: 6.5pt)
  Tel +81 90-1234-5678 \ Email hanako\@example.com \ Web hanako-yamada.github.io
]
"""

SHARE = r"""
#set page(width: 1200pt, height: 630pt, margin: 0pt, fill: white)
#set text(font: ("Noto Sans CJK JP"), lang: "ja")
#place(top + left, rect(width: 28pt, height: 630pt, fill: rgb("#0f6e6e")))
#pad(left: 100pt, top: 130pt)[
  #text(size: 26pt, fill: rgb("#555a63"))[やまだ はなこ]\
  #text(size: 84pt, weight: "bold")[#sys.inputs.at("name", default: "山田 花子")]\
  #text(size: 44pt, weight: "bold", fill: rgb("#0f6e6e"))[#box[AIと]#box[教育を]#box[掛け合わせる]#box[仕事をしています]]\
  #text(size: 28pt)[株式会社まなびラボ]
]
"""

NAMES = ["佐藤 太郎", "鈴木 一郎", "高橋 美咲", "田中 健太", "伊藤 さくら", "渡辺 翔",
         "山本 陽菜", "中村 蓮", "小林 結衣", "加藤 大翔", "吉田 葵", "山田 湊"]


def qr_like_svg(modules: int = 37) -> str:
    """A stand-in with a QR code's shape (one path of horizontal runs, as
    brandkit/render/qr.py draws them): what matters to the layout is its path, not its data."""
    runs = []
    for y in range(4, modules - 4):
        for x in range(4, modules - 4, 3):
            if (x * 7 + y * 13) % 5 < 3:
                runs.append(f"M{x} {y}h2v1h-2z")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {modules} {modules}">'
            f'<rect width="{modules}" height="{modules}" fill="#fff"/>'
            f'<path d="{"".join(runs)}" fill="#000"/></svg>')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    import typst

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "card.typ").write_text(CARD, encoding="utf-8")
        (root / "share.typ").write_text(SHARE, encoding="utf-8")
        (root / "qr.svg").write_text(qr_like_svg(), encoding="utf-8")
        names = (NAMES * (args.runs // len(NAMES) + 1))[:args.runs]

        start = time.perf_counter()
        card = typst.Compiler(str(root / "card.typ"))
        pdf = card.compile(format="pdf")
        first = (time.perf_counter() - start) * 1000
        each = []
        for name in names:
            start = time.perf_counter()
            pdf = card.compile(format="pdf", sys_inputs={"name": name})
            each.append((time.perf_counter() - start) * 1000)
        print(f"1. new compiler and first card PDF (two pages, QR code): {first:.0f} ms")
        print(f"2. each further card PDF, another name: {statistics.median(each):.1f} ms "
              f"(median of {len(each)}), {len(pdf):,} bytes")

        start = time.perf_counter()
        share = typst.Compiler(str(root / "share.typ"))
        share.compile(format="png", ppi=72)
        first = (time.perf_counter() - start) * 1000
        each = []
        for name in names:
            start = time.perf_counter()
            share.compile(format="png", ppi=72, sys_inputs={"name": name})
            each.append((time.perf_counter() - start) * 1000)
        print(f"3. share image 1200 × 630 PNG: {first:.0f} ms with a new compiler, then "
              f"{statistics.median(each):.1f} ms (median of {len(each)}) with another name")


if __name__ == "__main__":
    main()

"""OCR bench: character error rate and speed of affiche's image reader on generated flyers.

The flyer set is made by this run, deterministically: three flyers (FR, NL, EN: titles on colour
bands, big coloured dates, white-on-black lines, small print) rendered at 1500×2000 with DejaVu
Sans (tests/test_ingest_support.py draws them), each read clean (PNG) and "photographed" three
times (tilted -4°, 7° and 10°, blurred, noisy, unevenly lit, cropped, JPEG quality 60; about
2 megapixels); and a dense French tract in a 24 px font, clean and photographed once. In the
same run, as a baseline, plain Tesseract on the same images (the RGB image given to
`pytesseract.image_to_string`, fra+nld+eng, no preprocessing).

Measures:
- CER: Levenshtein distance between the OCR text and the truth, over the truth's length, with
  lines stripped and blank lines dropped; the order of lines counts (reading order is part of it).
- keys: share of key strings (date line, address, meeting point, e-mail…) found exactly.
- seconds per image: wall time of `affiche.ingest.read_bytes` (decode, EXIF, preprocessing, two
  Tesseract passes), with OMP_THREAD_LIMIT=1, i.e. on one core; and the same for a 12 MP photo.
- the whole `affiche extract` command on a photographed flyer, when the command can read it.

Targets (issue 5): CER < 3 % clean, < 8 % photographed, < 5 s per 2 MP photo, extract < 8 s.
Usage: python bench/ocr.py [--quick]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from PIL import Image  # noqa: E402
from test_ingest_support import (  # noqa: E402
    FLYERS,
    jpeg_bytes,
    photograph,
    png_bytes,
    render_flyer,
    render_tract,
)

from affiche import ingest  # noqa: E402

KEYS = {
    "fr": ["Samedi 19 à 14h", "Tervuursesteenweg 300, 1820 Steenokkerzeel",
           "RDV 13h30 gare de Nossegem", "départ 12h58", "collectif-127@example.org"],
    "nl": ["Zaterdag 8 maart om 14u", "Sint-Pietersplein, 9000 Gent",
           "Verzamelen om 13u30 aan het station", "vertrek 12u58", "actiegroep@example.org"],
    "en": ["Friday 14 March at 7 pm", "Place Flagey, 1050 Ixelles",
           "Meet at 6.30 pm in front of the church", "vigil@example.org"],
    "tract": ["Le samedi 19 avril", "à 14h", "1820 Steenokkerzeel", "à 13h15",
              "0470 12 34 56", "info@tract.example.org"],
}
PHOTOS = ((7, 7.0), (3, -4.0), (5, 10.0))


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions)."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (char != other)))
        previous = current
    return previous[-1]


def lines_of(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def cases(quick: bool) -> list[tuple[str, str, bytes, str]]:
    """(language, condition, image bytes, truth) for the whole flyer set."""
    made = []
    for lang, flyer in FLYERS.items():
        clean = render_flyer(flyer)
        made.append((lang, "clean", png_bytes(clean), flyer.truth))
        for seed, angle in PHOTOS[: 1 if quick else None]:
            made.append((lang, "photographed",
                         jpeg_bytes(photograph(clean, seed=seed, angle=angle), 60), flyer.truth))
    # A dense page in a small font (24 px on 1500: body text of an A5 tract), photographed once.
    tract, truth = render_tract()
    made.append(("tract", "tract clean", png_bytes(tract), truth))
    made.append(("tract", "tract photo", jpeg_bytes(photograph(tract, seed=11, angle=-6.0), 60),
                 truth))
    return made


def baseline(data: bytes) -> str:
    import pytesseract

    return pytesseract.image_to_string(Image.open(io.BytesIO(data)).convert("RGB"),
                                       lang="fra+nld+eng")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one photo per flyer, no baseline")
    args = parser.parse_args()
    if not shutil.which("tesseract"):
        print("Tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-fra "
              "tesseract-ocr-nld")
        return 1
    from test_ingest_support import FONT_DIR

    if not FONT_DIR.exists():
        print("note: DejaVu fonts are missing (apt-get install fonts-dejavu-core): the flyers are "
              "drawn in Pillow's default font, so figures differ from the reference ones")
    rows: dict[tuple[str, str], dict[str, list[float]]] = {}
    for lang, condition, data, truth in cases(args.quick):
        truth_lines = lines_of(truth)
        engines = [("affiche", None)] + ([] if args.quick else [("tesseract raw", baseline)])
        for engine, run in engines:
            started = time.perf_counter()
            text = run(data) if run else ingest.read_bytes(data, source=f"{lang}.img").text
            seconds = time.perf_counter() - started
            got = lines_of(text)
            stats = rows.setdefault((engine, condition),
                                    {"cer": [], "keys": [], "sec": [], "px": []})
            stats["cer"].append(levenshtein(got, truth_lines) / len(truth_lines))
            stats["keys"].append(sum(key in text for key in KEYS[lang]) / len(KEYS[lang]))
            stats["sec"].append(seconds)
            width, height = Image.open(io.BytesIO(data)).size
            stats["px"].append(width * height / 1e6)
    print(f"OCR bench: {len(FLYERS)} flyers (FR, NL, EN), clean and photographed; "
          f"OMP_THREAD_LIMIT={os.environ['OMP_THREAD_LIMIT']}")
    print(f"{'engine':<15}{'images':<14}{'n':>3}{'MP':>6}{'CER':>9}{'worst':>9}{'keys':>8}"
          f"{'s/image':>10}")
    for (engine, condition), stats in rows.items():
        print(f"{engine:<15}{condition:<14}{len(stats['cer']):>3}"
              f"{statistics.mean(stats['px']):>6.1f}"
              f"{statistics.mean(stats['cer']):>9.2%}{max(stats['cer']):>9.2%}"
              f"{statistics.mean(stats['keys']):>8.0%}{statistics.mean(stats['sec']):>10.2f}")
    big_photo(args.quick)
    whole_command()
    return 0


def big_photo(quick: bool) -> None:
    """A 12 MP phone-sized photo: decoding and rescaling are part of the cost."""
    photo = photograph(render_flyer(FLYERS["fr"]), seed=7, angle=7.0)
    data = jpeg_bytes(photo.resize((3000, 4000), Image.Resampling.BICUBIC), 85)
    started = time.perf_counter()
    doc = ingest.read_bytes(data, source="IMG_20250113_170339_462.jpg")
    seconds = time.perf_counter() - started
    found = sum(key in doc.text for key in KEYS["fr"])
    print(f"12 MP photo (3000×4000 JPEG): {seconds:.2f} s, keys {found}/{len(KEYS['fr'])}")


def whole_command() -> None:
    """`affiche extract` on a photographed flyer, start-up included."""
    command = ROOT / ".venv" / "bin" / "affiche"
    if not command.exists():
        command = Path(shutil.which("affiche") or "affiche")
    photo = photograph(render_flyer(FLYERS["fr"]), seed=7, angle=7.0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "IMG_20250113_170339_462.jpg"
        path.write_bytes(jpeg_bytes(photo, 60))
        started = time.perf_counter()
        try:
            done = subprocess.run([str(command), "extract", str(path), "--format", "json"],
                                  capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as error:
            print(f"affiche extract on a photo: could not run ({error})")
            return
        seconds = time.perf_counter() - started
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["no message"])[-1]
        print(f"affiche extract on a photo: exit {done.returncode} in {seconds:.2f} s ({message})")
    else:
        print(f"affiche extract on a photo (2 MP JPEG, whole command): {seconds:.2f} s")


if __name__ == "__main__":
    sys.exit(main())

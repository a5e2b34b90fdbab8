"""Regenerates packages/traffic/assets/food11: 3 small, real JPEGs per Food-11 class.

They stand in for the 1.2 GB dataset when none is configured, so uploads always send real
image bytes (the API sniffs JPEG/PNG/WebP). Each is a plate on a table with shapes coloured
after its category, drawn from a fixed seed, so a rerun gives the same pictures.

Layout: the original generator's `training/class_NN/<n>.jpg`, read by the same indexer as a
real dataset.

    python3 -m venv /tmp/pillow && /tmp/pillow/bin/pip install pillow==13.0.0
    /tmp/pillow/bin/python packages/traffic/scripts/make-food11-assets.py
"""

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "assets" / "food11" / "training"
W, H = 192, 144
PER_CLASS = 3

# (name, main colour, accent colour, shape) per class index 0..10.
CLASSES = [
    ("Bread", (196, 140, 76), (120, 72, 30), "loaf"),
    ("Dairy product", (250, 236, 180), (236, 200, 90), "wedge"),
    ("Dessert", (240, 170, 190), (110, 60, 40), "cake"),
    ("Egg", (252, 252, 245), (250, 190, 20), "egg"),
    ("Fried food", (226, 172, 60), (170, 110, 30), "sticks"),
    ("Meat", (140, 50, 40), (90, 30, 25), "steak"),
    ("Noodles/Pasta", (245, 215, 120), (200, 60, 40), "noodles"),
    ("Rice", (248, 248, 240), (210, 210, 200), "grains"),
    ("Seafood", (250, 140, 90), (255, 220, 200), "shrimp"),
    ("Soup", (200, 90, 50), (240, 200, 150), "bowl"),
    ("Vegetable/Fruit", (80, 170, 60), (220, 40, 50), "fruit"),
]


def jitter(rng, c, d=18):
    return tuple(max(0, min(255, v + rng.randint(-d, d))) for v in c)


def draw_food(d, rng, shape, main, accent):
    cx, cy = W // 2 + rng.randint(-8, 8), H // 2 + rng.randint(-6, 6)
    if shape == "loaf":
        d.rounded_rectangle([cx - 50, cy - 26, cx + 50, cy + 26], 22, fill=jitter(rng, main))
        for i in range(4):
            x = cx - 33 + i * 22
            d.line([x, cy - 18, x + 10, cy + 16], fill=accent, width=3)
    elif shape == "wedge":
        d.polygon([(cx - 45, cy + 25), (cx + 45, cy + 25), (cx + 20, cy - 30)], fill=jitter(rng, main))
        for _ in range(5):
            x, y = cx + rng.randint(-20, 25), cy + rng.randint(-5, 18)
            d.ellipse([x - 4, y - 4, x + 4, y + 4], fill=accent)
    elif shape == "cake":
        d.polygon([(cx - 40, cy + 28), (cx + 40, cy + 28), (cx + 5, cy - 32)], fill=jitter(rng, main))
        d.line([(cx - 22, cy), (cx + 24, cy)], fill=accent, width=5)
        d.ellipse([cx - 2, cy - 40, cx + 12, cy - 26], fill=(200, 20, 40))
    elif shape == "egg":
        for dx in (-26, 26) if rng.random() < 0.5 else (0,):
            d.ellipse([cx + dx - 30, cy - 24, cx + dx + 30, cy + 24], fill=jitter(rng, main, 4))
            d.ellipse([cx + dx - 11, cy - 11, cx + dx + 11, cy + 11], fill=jitter(rng, accent, 10))
    elif shape == "sticks":
        for _ in range(14):
            x, y = cx + rng.randint(-40, 30), cy + rng.randint(-25, 20)
            d.rectangle([x, y, x + rng.randint(25, 40), y + 7], fill=jitter(rng, main), outline=accent)
    elif shape == "steak":
        d.ellipse([cx - 50, cy - 30, cx + 45, cy + 32], fill=jitter(rng, main))
        for i in range(4):
            d.line([cx - 35 + i * 20, cy - 22, cx - 15 + i * 20, cy + 22], fill=accent, width=4)
    elif shape == "noodles":
        for i in range(9):
            pts = [(cx - 45 + k * 9, cy - 24 + i * 6 + rng.randint(-4, 4)) for k in range(11)]
            d.line(pts, fill=jitter(rng, main), width=3)
        d.ellipse([cx - 14, cy - 10, cx + 14, cy + 14], fill=accent)
    elif shape == "grains":
        d.ellipse([cx - 45, cy - 30, cx + 45, cy + 30], fill=accent)
        for _ in range(90):
            x, y = cx + rng.randint(-40, 40), cy + rng.randint(-26, 26)
            d.ellipse([x - 3, y - 2, x + 3, y + 2], fill=jitter(rng, main, 6))
    elif shape == "shrimp":
        for _ in range(4):
            x, y = cx + rng.randint(-35, 20), cy + rng.randint(-20, 10)
            d.arc([x, y, x + 34, y + 30], 200, 520, fill=jitter(rng, main), width=9)
            d.arc([x + 4, y + 4, x + 30, y + 26], 220, 500, fill=accent, width=2)
    elif shape == "bowl":
        d.ellipse([cx - 52, cy - 34, cx + 52, cy + 34], fill=(70, 70, 80))
        d.ellipse([cx - 44, cy - 27, cx + 44, cy + 27], fill=jitter(rng, main))
        for _ in range(6):
            x, y = cx + rng.randint(-30, 30), cy + rng.randint(-15, 15)
            d.ellipse([x - 5, y - 4, x + 5, y + 4], fill=accent)
    elif shape == "fruit":
        for _ in range(7):
            x, y, r = cx + rng.randint(-38, 38), cy + rng.randint(-22, 22), rng.randint(9, 16)
            colour = jitter(rng, main if rng.random() < 0.5 else accent, 30)
            d.ellipse([x - r, y - r, x + r, y + r], fill=colour)


def make(index, n, rng):
    name, main, accent, shape = CLASSES[index]
    table = jitter(rng, (150, 110, 75), 25)
    img = Image.new("RGB", (W, H), table)
    d = ImageDraw.Draw(img)
    d.ellipse([18, 6, W - 18, H - 6], fill=(236, 236, 232), outline=(200, 200, 196), width=3)
    draw_food(d, rng, shape, main, accent)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    folder = OUT / f"class_{index:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    img.save(folder / f"{n}.jpg", "JPEG", quality=72, optimize=True)


def main():
    for index in range(len(CLASSES)):
        for n in range(PER_CLASS):
            make(index, n, random.Random(f"food11/{index}/{n}"))
    print(f"wrote {len(CLASSES) * PER_CLASS} images under {OUT}")


if __name__ == "__main__":
    main()

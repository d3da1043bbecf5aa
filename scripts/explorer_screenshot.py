"""Take docs/explorer.png: the farc explorer on examples/far_sum.rs, after
calling `main`, with a source line selected (its IR and wasm highlighted).

    .venv/bin/python scripts/explorer_screenshot.py [OUT.png]

Needs what the browser tests need (scripts/setup.sh installs it)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from explorer_support import chromium, explorer_server, missing_requirement, wait_compiled  # noqa: E402


def main(out: Path) -> int:
    reason = missing_requirement()
    if reason is not None:
        print(f"error: {reason}", file=sys.stderr)
        return 1
    with explorer_server() as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.goto(url + "#example=far_sum")
        wait_compiled(page, 0)
        page.click("button.call[data-export=main]")
        page.locator(".cm-line", has_text="*far.add(5) = 350;").click()
        page.mouse.move(0, 0)
        page.wait_for_timeout(300)
        page.screenshot(path=str(out))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "explorer.png"))

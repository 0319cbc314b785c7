"""The card commands as a user meets them: import, review, export and their errors.

Cards: ../shared/examples/ispace.md and the variants in tests/data/cards/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner, Result
from rich.console import Console

from monitor.cards import Difference, Evidence, parse
from monitor.cards.sources import implied_sources
from monitor.cli import main
from monitor.cli.cards import review_table
from monitor.config import load_config
from monitor.sources import KINDS
from tests.conftest import EXAMPLES

CARDS = Path(__file__).parent / "data" / "cards"
ISPACE = EXAMPLES / "ispace.md"


def run(tmp: Path, *args: str, code: int = 0) -> Result:
    """``monitor`` on this test's sources.yaml and database, expecting an exit status."""
    result = CliRunner().invoke(main, ["--sources", str(tmp / "sources.yaml"),
                                       "--db", str(tmp / "monitor.db"), *args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def test_slugs_come_from_the_title_else_the_file_name(tmp_path: Path) -> None:
    out = run(tmp_path, "import", "--no-sources", str(CARDS / "orbita.md"),
              str(CARDS / "etoile.md"), str(CARDS / "nordlicht.md")).stdout
    assert "orbita: card of 2019-05-12 imported" in out  # Cyrillic title: from orbita.md
    assert "etoile-orbitale: card of 2022-09-12 imported" in out
    assert "nordlicht-raumfahrt-gmbh: card of 2021-03-15 imported" in out
    assert not (tmp_path / "sources.yaml").exists()
    listed = run(tmp_path, "review").stdout.splitlines()
    assert listed == ["etoile-orbitale: no differences with the card of 2022-09-12",
                      "nordlicht-raumfahrt-gmbh: no differences with the card of 2021-03-15",
                      "orbita: no differences with the card of 2019-05-12"]


def test_an_older_card_replacing_a_newer_one_is_pointed_out(tmp_path: Path) -> None:
    run(tmp_path, "import", "--no-sources", str(CARDS / "ispace_updated.md"))
    out = run(tmp_path, "import", "--no-sources", str(ISPACE)).stdout
    assert f"ispace: note: this card replaces a newer one (2024-05-01, from {CARDS}" in out


def test_a_bad_card_is_one_line_and_the_others_still_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# Bad\n\xff\xfe not text")
    result = run(tmp_path, "import", "--no-sources", str(bad), str(CARDS / "etoile.md"), code=1)
    assert f"{bad}: not UTF-8 text (byte 6)" in result.output
    assert "etoile-orbitale: card of 2022-09-12 imported" in result.output
    assert "Error: 1 of 2 card(s) not imported" in result.output


def test_slug_option_and_its_misuse(tmp_path: Path) -> None:
    assert "ispace-jp: card of 2020-07-04" in run(
        tmp_path, "import", "--no-sources", "--slug", "ispace-jp", str(ISPACE)).stdout
    result = run(tmp_path, "import", "--slug", "x", str(ISPACE), str(ISPACE), code=2)
    assert "--slug names one company" in result.output
    result = run(tmp_path, "import", "--slug", "Not A Slug", str(ISPACE), code=1)
    assert "bad slug 'Not A Slug'" in result.output


def test_an_existing_company_gets_only_the_sources_it_lacks(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("# my companies\ncompanies:\n  - slug: ispace\n    name: ispace Inc.\n"
                    "    sources:\n      - kind: website   # the live site\n"
                    "        url: https://ispace-inc.com/\n", encoding="utf-8")
    os.chmod(path, 0o644)
    out = run(tmp_path, "import", "--no-fetch", str(ISPACE)).stdout
    company = load_config(path).company("ispace")
    kinds = [s.kind for s in company.sources]
    assert kinds.count("website") == 1  # http://ispace-inc.com/ is the same site
    assert kinds.count("x") == (2 if "x" in KINDS else 0)
    assert kinds.count("linkedin") == 0  # LinkedIn only when asked for (--with linkedin)
    assert company.name == "ispace Inc."  # the file's own name and comments are kept
    assert path.read_text(encoding="utf-8").startswith("# my companies\n")
    assert "added" in out
    assert "nothing to add" in run(tmp_path, "import", "--no-fetch", str(ISPACE)).stdout


def test_missing_kinds_are_skipped_and_said() -> None:
    implied = implied_sources(parse(ISPACE.read_text(encoding="utf-8")), {"website"})
    assert [dict(s) for s in implied.sources] == [{"kind": "website", "url": "http://ispace-inc.com/"}]
    assert implied.skipped == (
        "linkedin https://www.linkedin.com/company/ispace-inc/ (no 'linkedin' source kind)",
        "facebook https://www.facebook.com/ispace.technologies.inc/ (not watched automatically;"
        " add it by hand)",
        "x https://twitter.com/ispace_inc (no 'x' source kind)",
        "x https://twitter.com/HAKUTO_Reboot (no 'x' source kind)",
        "news search for 'ispace' (no 'news' source kind)",
    )


def test_review_and_export_without_a_card(tmp_path: Path) -> None:
    assert run(tmp_path, "review").stdout.strip() == (
        "No cards imported yet. Import one: monitor import CARD.md")
    result = run(tmp_path, "export", "acme", code=1)
    assert "acme: no card imported (cards: none yet); run: monitor import CARD.md" in result.output


def test_export_prints_the_card_or_its_facts_as_json(tmp_path: Path) -> None:
    run(tmp_path, "import", "--no-sources", str(ISPACE))
    assert run(tmp_path, "export", "ispace").stdout == ISPACE.read_text(encoding="utf-8")
    data = json.loads(run(tmp_path, "export", "ispace", "--format", "json").stdout)
    assert data["company"] == "ispace" and data["as_of"] == "2020-07-04"
    assert data["differences"] == []
    people = [(f["value"], f["role"]) for f in data["facts"] if f["field"] == "person"]
    assert people[2] == ("Jumpei Nozaki", "Director & CFO") and len(people) == 6


def test_every_card_command_documents_an_example() -> None:
    for name in ("import", "review", "export"):
        command = main.commands[name]
        assert command.help and "Example:" in command.help, name


def test_review_table_shows_scraped_text_literally_and_caps_news() -> None:
    news = tuple(Difference("news", "new", None, f"[PDF] Story {i}",
                            evidence=Evidence(f"https://n.example/{i}", "2024-01-02T00:00:00Z",
                                              "[bold]not markup[/bold]")) for i in range(4))
    console = Console(record=True, width=250)
    console.print(review_table("acme", "2020-01-01", news, news_limit=2))
    shown = console.export_text()
    assert "[PDF] Story 0" in shown and "[bold]not markup[/bold]" in shown
    assert "Story 2" not in shown and "… and 2 more (see card_review)" in shown

"""Result rows written in Python (``monitor.datasette.cells``): the pages show the same cells as
Datasette's own templates, markup in values escaped, links and blanks as Datasette makes them."""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import pytest
from datasette.app import Datasette

import monitor.datasette as shipped
from monitor.datasette.cells import entry_lines, query_rows, table_rows
from monitor.datasette.serve import make_datasette
from monitor.datasette.shape import Entry, safe_href
from monitor.store.db import open_db

PAGES = (
    "/monitor/items", "/monitor/changes", "/monitor/sources", "/monitor/company_timeline",
    "/monitor/items?_search=orbit", "/monitor/search_news?q=orbit",
    "/monitor/search_changes?q=orbit", "/monitor/latest_changes?company=&category=&days=3650",
    "/monitor?sql=select+1+as+a%2C+null+as+b%2C+x%27ff%27+as+c%2C+%27%3Cb%3Ex%3C%2Fb%3E%27+as+d",
    "/monitor?sql=select+%27https%3A%2F%2Fx.example%2F%3Fa%3D1%26b%3D2%27+as+%22odd+name%22",
    "/monitor?sql=select+*+from+items+where+0",
)


def _fill(path: Path) -> None:
    db = open_db(path)
    db.conn.execute("INSERT INTO companies (slug, name, added_at) VALUES ('c1', 'A & <B>',"
                    " '2026-01-01T00:00:00Z')")
    db.conn.execute("INSERT INTO sources (id, company, kind, url, host, every_s, confirm, status,"
                    " added_at) VALUES ('c1:feed', 'c1', 'feed', 'https://c1.example/feed',"
                    " 'c1.example', 3600, 2, 'ok', '2026-01-01T00:00:00Z')")
    db.conn.executemany(
        "INSERT INTO items (company, source, key, kind, title, url, published_at, summary,"
        " first_seen, last_seen) VALUES ('c1', 'c1:feed', ?, 'news', ?, ?, ?, ?, ?, ?)",
        [(f"k{n}", f"orbit <i>{n}</i> & \"more\"", f"https://c1.example/n/{n}?a=1&b=2",
          None if n % 3 else f"2026-02-{n + 1:02d}T00:00:00Z", "orbit <script>x</script>",
          f"2026-02-{n + 1:02d}T00:00:00Z", f"2026-02-{n + 1:02d}T00:00:00Z")
         for n in range(20)])
    db.conn.executemany(
        "INSERT INTO changes (company, source, field, key, change, old, new, category,"
        " detected_at, url) VALUES ('c1', 'c1:feed', 'email', NULL, 'modified', ?, ?, 'contact',"
        " ?, 'https://c1.example/')",
        [(f"a{n}@x.example", f"orbit <b>{n}</b>", f"2026-03-{n + 1:02d}T00:00:00Z")
         for n in range(12)])
    db.conn.commit()
    db.close()


def _html(ds: Datasette) -> dict[str, tuple[int, str]]:
    async def visit() -> dict[str, tuple[int, str]]:
        await ds.invoke_startup()
        seen = {}
        for url in PAGES:
            response = await ds.client.get(url)
            text = re.sub(r"Queries took [0-9.]+ms|csrftoken[^\"]*\"[^\"]*\"", "", response.text)
            seen[url] = (response.status_code, re.sub(r"\s+", " ", text).replace("> <", "><"))
        return seen

    return asyncio.run(visit())


def test_pages_show_the_cells_datasette_would(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "monitor.db"
    _fill(path)
    ours = _html(make_datasette(path))
    stock = tmp_path / "templates"
    shutil.copytree(shipped.TEMPLATES, stock)
    for name in ("_table.html", "query.html"):
        (stock / name).unlink()
    monkeypatch.setattr(shipped, "TEMPLATES", stock)
    theirs = _html(make_datasette(path))
    assert ours == theirs
    assert all(code == 200 for code, _ in ours.values())
    items = ours["/monitor/items"][1]
    assert "orbit &lt;i&gt;3&lt;/i&gt; &amp; &#34;more&#34;" in items
    assert '<td class="col-title type-str">' in items
    news = ours["/monitor/search_news?q=orbit"][1]
    assert news.count('<td class="col-title">') == 20 and "<script>x" not in news
    assert "&lt;script&gt;x" in news


def test_rows_are_escaped_and_classed_per_column() -> None:
    cells = [[{"column": "odd name", "value_type": "str", "value": "<b>"},
              {"column": "n", "value_type": "int", "value": 5}]]
    html = str(table_rows(cells))
    assert html.startswith("<tr><td class=\"col-odd-name-") and "&lt;b&gt;</td>" in html
    assert '<td class="col-n type-int">5</td></tr>' in html
    assert str(query_rows([["<i>", None]], ["a", "b"])) == (
        '<tr><td class="col-a">&lt;i&gt;</td><td class="col-b">None</td></tr>\n')


# The template macro the change and timeline lines were written with before
# ``cells.entry_lines``: the lines must stay the same bytes.
ENTRY_MACRO = """{% macro entry_line(entry, show_company=False) -%}
<li class="entry">
  <span class="time">{{ entry.at[11:16] }}</span>
  <span class="badge cat-{{ entry.category }}">{{ entry.category }}</span>
  {% if show_company %}<a class="company" href="{{ urls.path('/company/' ~ entry.company) }}">{{ entry.company_name }}</a>{% endif %}
  <span class="what">{% if entry.href %}<a href="{{ entry.href }}" rel="nofollow noopener">{{ entry.title }}</a>{% else %}{{ entry.title }}{% endif %}</span>
  {% if entry.old is not none or entry.new is not none %}
  <div class="values">
    {% if entry.old is not none %}<del title="before">{{ entry.old|truncate(300) }}</del>{% endif %}
    {% if entry.new is not none %}<ins title="after">{{ entry.new|truncate(300) }}</ins>{% endif %}
  </div>
  {% endif %}
  {# Before/after thumbnails of a change on a rendered page; the link opens both, value marked. #}
  {% if entry.detail and entry.detail.page %}
  <a class="shots" href="{{ entry.detail.page }}" title="Before and after">
    {% if entry.detail.before %}<img src="{{ entry.detail.before }}" alt="before" loading="lazy">{% endif %}
    {% if entry.detail.after %}<img src="{{ entry.detail.after }}" alt="after" loading="lazy">{% endif %}
  </a>
  {% endif %}
</li>
{%- endmacro %}{% for entry in entries %}{{ entry_line(entry, show_company=show_company) }}{% endfor %}"""


def _entries() -> list[Entry]:
    long_words = " ".join(["word"] * 80)  # 399 characters: cut at a word
    values = [None, "", "a <b> & 'c'", "x" * 303, "x" * 305, "x" * 306, long_words,
              long_words[:303] + " tail"]
    details: list[dict[str, str]] = [
        {}, {"page": "/change/4/screenshots"}, {"before": "/b.png"},
        {"page": "/change/5/screenshots?a=1&b=2", "before": "/-/screenshot/b\"1.png"},
        {"page": "/change/6/screenshots", "after": "/-/screenshot/a.png"},
        {"page": "/p", "before": "/b.png", "after": "/a.png"}]
    out = []
    for n in range(48):
        out.append(Entry(
            at=f"2026-03-{n % 28 + 1:02d}T{n % 24:02d}:{n:02d}:00Z" if n % 7 else "short",
            category=("news", "contact", "<odd>&", "")[n % 4],
            title=("Title <i>&amp;</i> \"q\"", "", "plain", "é ü 漢")[n % 4],
            href=(None, "https://x.example/?a=1&b=<2>", "", "http://y.example/\"q\"")[n % 4],
            kind="website", company=("c1", "a&b c", "<x>")[n % 3],
            company_name=("ACME & Co", "", "<script>")[n % 3],
            old=values[n % len(values)], new=values[(n * 3 + 1) % len(values)],
            detail=details[n % len(details)]))
    return out


@pytest.mark.parametrize("show_company", [False, True])
def test_entry_lines_are_the_bytes_the_template_macro_wrote(show_company: bool) -> None:
    class Urls:
        @staticmethod
        def path(value: str) -> str:
            return "/base" + value

    env = jinja2.Environment(autoescape=True)
    entries = _entries()
    theirs = env.from_string(ENTRY_MACRO).render(entries=entries, urls=Urls,
                                                 show_company=show_company)
    ours = str(entry_lines(entries, Urls.path, show_company=show_company))
    assert ours == theirs
    assert ours.count('<li class="entry">') == len(entries)
    assert "<script>" not in ours and ("/base/company/a&amp;b c" in ours) == show_company


def test_safe_href_takes_http_links_only_as_urlsplit_reads_them() -> None:
    urls = ["https://x.example/a?b=1", "http://x.example", " https://x.example/ ", "HTTPS://X.example/",
            "javascript:alert(1)", "https://[::1]/", "https://[bad/", "http://é.example/",
            "\x01https://x.example/", "ftp://x.example/", "https://x.example/\n", "", "//x.example/",
            "http:/x", "https:", 42, None]
    for url in urls:
        expected = None
        if isinstance(url, str) and not any(c in url for c in "\r\n\t"):
            try:
                scheme = urlsplit(url.strip()).scheme.lower()
            except ValueError:
                scheme = ""
            expected = url.strip() if scheme in ("http", "https") else None
        assert safe_href(url) == expected, url
    assert safe_href("https://x.example/a?b=1") == "https://x.example/a?b=1"
    assert safe_href("https://[bad/") is None and safe_href("javascript:alert(1)") is None

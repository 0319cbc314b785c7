"""The held-aside short list cases: builders, languages and currencies the working cases do not
use. Read only to report figures at the end (``python -m tests.listcases.short --held``).
"""

from __future__ import annotations

from html import escape

from tests.listcases.short import Short


def _elementor_br(after: bool) -> str:
    plans = (("Básico", "R$ 49"), ("Pro", "R$ 129" if after else "R$ 99"), ("Premium", "R$ 249"))
    cards = "".join(
        f'<div class="elementor-column"><div class="elementor-widget-wrap">'
        f'<div class="elementor-price-table"><div class="elementor-price-table__header">'
        f'<h3 class="elementor-price-table__heading">{n}</h3></div>'
        f'<div class="elementor-price-table__price"><span class="elementor-price-table__integer-part">'
        f'{p}</span><span class="elementor-price-table__period">/mês</span></div>'
        f'<ul class="elementor-price-table__features-list"><li>Suporte por e-mail</li>'
        f'<li>Relatórios mensais</li></ul><div class="elementor-price-table__footer">'
        f'<a class="elementor-button" href="/assinar">Assinar</a></div></div></div></div>'
        for n, p in plans
    )
    return (
        f'<section class="elementor-section"><h2>Planos e preços</h2>'
        f'<div class="elementor-container">{cards}</div></section>'
    )


def _webflow_sv(after: bool) -> str:
    plans = (("Start", "199 kr"), ("Plus", "349 kr"), ("Max", "699 kr" if not after else "749 kr"))
    cards = "".join(
        f'<div class="pricing-card"><div class="plan-name">{n}</div>'
        f'<div class="plan-price">{p}<span class="per">/mån</span></div>'
        f'<ul class="w-list-unstyled"><li>Obegränsat antal användare</li><li>Support</li></ul>'
        f'<a class="button w-button" href="/kontakt">Välj {n}</a></div>'
        for n, p in plans
    )
    return f'<div class="section"><h2>Priser</h2><div class="w-layout-grid pricing-grid">{cards}</div></div>'


def _toggle_pl(after: bool) -> str:
    plans = (("Team", "59" if after else "49", "490"), ("Firma", "99", "990"))
    cards = "".join(
        f'<div class="plan"><h3>{n}</h3><p class="price monthly">{m} zł / mies.</p>'
        f'<p class="price yearly" hidden>{y} zł / rok</p><p>Do 10 użytkowników, wsparcie e-mail.</p>'
        f"</div>"
        for n, m, y in plans
    )
    return (
        f'<section id="cennik"><h2>Cennik</h2><div class="switch"><button>Miesięcznie</button>'
        f'<button>Rocznie</button></div><div class="plans">{cards}</div></section>'
    )


def _from_it(after: bool) -> str:
    plans = (
        ("Base", "9"),
        ("Plus", "19"),
        ("Pro", "39" if not after else "45"),
        ("Business", "79"),
    )
    cards = "".join(
        f'<article class="tier"><header class="tier-head"><h4>{n}</h4></header>'
        f'<div class="tier-price">da {p} €/mese</div><p>IVA esclusa</p></article>'
        for n, p in plans
    )
    return f'<section class="listino"><h2>Listino prezzi</h2><div class="tiers">{cards}</div></section>'


def _cards_ja(after: bool) -> str:
    plans = (
        ("ライト", "1,980"),
        ("スタンダード", "3,980" if not after else "4,380"),
        ("プロ", "7,980"),
    )
    cards = "".join(
        f'<li class="plan-item"><p class="plan-item__name">{n}</p>'
        f'<p class="plan-item__price">月額 ¥{p}（税込）</p><p>初期費用無料</p></li>'
        for n, p in plans
    )
    return f'<section class="plans"><h2>料金プラン</h2><ul class="plan-list">{cards}</ul></section>'


def _chf_fr(after: bool) -> str:
    plans = (("Solo", "CHF 12.–"), ("Duo", "CHF 19.–" if not after else "CHF 22.–"))
    cards = "".join(
        f'<div class="col-md-6"><div class="card text-center"><div class="card-header">'
        f'<h4 class="my-0">{n}</h4></div><div class="card-body"><h1 class="card-title">{p}'
        f'<small>/ mois</small></h1><ul class="list-unstyled"><li>Accès complet</li></ul>'
        f'<a class="btn" href="/inscription">S’inscrire</a></div></div></div>'
        for n, p in plans
    )
    return f'<div class="container"><h2>Nos tarifs</h2><div class="row">{cards}</div></div>'


def _sqs_en(after: bool) -> str:
    plans = (("Basic", "$12"), ("Plus", "$24" if not after else "$29"), ("Max", "$48"))
    cards = "".join(
        f'<div class="sqs-block html-block"><div class="sqs-block-content"><h3>{n}</h3>'
        f"<p><strong>{p}</strong> per month, billed annually</p></div></div>"
        for n, p in plans
    )
    return f'<div class="sqs-layout"><h2>Simple pricing</h2><div class="row sqs-row">{cards}</div></div>'


def _jobs_pt(after: bool) -> str:
    jobs = [
        ("Analista de marketing", "São Paulo", "/vagas/analista-de-marketing"),
        ("Desenvolvedor backend", "Remoto", "/vagas/desenvolvedor-backend"),
    ]
    if after:
        jobs.append(("Estagiário de design", "Curitiba", "/vagas/estagiario-de-design"))
    rows = "".join(
        f'<li class="vaga"><a href="{u}">{t}</a> <span>{c}</span></li>' for t, c, u in jobs
    )
    return f'<section class="vagas"><h2>Trabalhe conosco</h2><ul>{rows}</ul></section>'


def _jobs_sv(after: bool) -> str:
    jobs = [
        ("Lagerarbetare", "Göteborg", 4411),
        ("Säljare till vår butik", "Malmö", 4412),
        ("Redovisningsekonom", "Stockholm", 4413),
    ]
    if after:
        jobs.insert(0, ("Projektledare bygg", "Uppsala", 4419))
    cards = "".join(
        f'<div class="job-card"><a href="https://karriar.acme-bygg.se/jobs/{n}-{escape(t.lower()).replace(" ", "-")}">'
        f'<h3>{t}</h3><p class="job-card__meta">{c} · Heltid</p></a></div>'
        for t, c, n in jobs
    )
    return f'<section><h2>Lediga tjänster</h2><div class="jobs-grid">{cards}</div></section>'


def _jobs_it(after: bool) -> str:
    jobs = [("Magazziniere", "Bologna"), ("Addetto alle vendite", "Modena")]
    if after:
        jobs.append(("Autista patente C", "Parma"))
    rows = "".join(
        f'<div class="posizione"><h4>{t}</h4><p>Sede: {c} – Tempo pieno</p>'
        f'<a href="mailto:lavoro@esempio.it">Candidati</a></div>'
        for t, c in jobs
    )
    return f'<section class="lavora"><h2>Lavora con noi</h2>{rows}</section>'


def _jobs_pl(after: bool) -> str:
    jobs = [
        ("Specjalista ds. sprzedaży", "Warszawa", "2026-02-10"),
        ("Programista Python", "Kraków", "2026-02-24"),
        ("Księgowa", "Wrocław", "2026-03-01"),
    ]
    if after:
        jobs.insert(0, ("Kierownik magazynu", "Poznań", "2026-03-20"))
    rows = "".join(
        f'<article class="oferta"><h3><a href="/kariera/{d}">{t}</a></h3><p>{c}</p>'
        f'<time datetime="{d}">{d}</time></article>'
        for t, c, d in jobs
    )
    return f'<section class="kariera"><h2>Kariera – oferty pracy</h2>{rows}</section>'


def _jobs_ja(after: bool) -> str:
    jobs = [("営業スタッフ（正社員）", "東京"), ("Webエンジニア", "大阪")]
    if after:
        jobs.append(("経理担当", "名古屋"))
    rows = "".join(
        f'<li><a href="/recruit/{i}">{t}</a>（{c}）</li>' for i, (t, c) in enumerate(jobs)
    )
    return (
        f'<section class="recruit"><h2>採用情報</h2><ul class="recruit-list">{rows}</ul></section>'
    )


def _features_pt(after: bool) -> str:
    items = (
        ("Frete grátis", "Em compras acima de R$ 199 para todo o Brasil."),
        ("Troca fácil", "Até 30 dias para trocar sem custo."),
        ("Parcelamento", "Pague em até 12x sem juros no cartão."),
    )
    cards = "".join(f'<div class="beneficio"><h3>{t}</h3><p>{d}</p></div>' for t, d in items)
    return f'<section class="beneficios"><h2>Por que comprar conosco</h2>{cards}</section>'


def _steps_sv(after: bool) -> str:
    steps = (
        ("1. Välj paket", "Välj det paket som passar ditt företag."),
        ("2. Boka en tid", "Vi ringer upp inom en arbetsdag."),
        ("3. Kom igång", "Vi sköter installationen åt dig."),
    )
    cards = "".join(f'<div class="step"><h3>{t}</h3><p>{d}</p></div>' for t, d in steps)
    return (
        f'<section class="how"><h2>Så fungerar det</h2><div class="steps">{cards}</div></section>'
    )


def _voices_it(after: bool) -> str:
    voices = [
        ("Giulia Rossi", "Responsabile acquisti, Rossi Srl", "Servizio impeccabile e veloce."),
        ("Marco Bianchi", "Titolare, Bianchi & Figli", "Prezzi onesti e grande competenza."),
        ("Sara Greco", "Office manager, Greco SpA", "Sempre disponibili quando serve."),
    ]
    if after:
        voices = voices[1:] + voices[:1]
    cards = "".join(
        f'<figure class="testimonianza"><blockquote>{q}</blockquote><figcaption>'
        f"<strong>{n}</strong><span>{r}</span></figcaption></figure>"
        for n, r, q in voices
    )
    return f'<section class="recensioni"><h2>Dicono di noi</h2>{cards}</section>'


def _team_pl(after: bool) -> str:
    team = [
        ("Anna Kowalska", "Kierownik sprzedaży", "anna-kowalska"),
        ("Piotr Nowak", "Główny księgowy", "piotr-nowak"),
        ("Ewa Wiśniewska", "Specjalista ds. marketingu", "ewa-wisniewska"),
    ]
    if after:
        team.reverse()
    cards = "".join(
        f'<div class="osoba"><img src="/img/{s}.jpg" alt="{n}"><h3>{n}</h3><p>{r}</p>'
        f'<a href="https://www.linkedin.com/in/{s}">LinkedIn</a></div>'
        for n, r, s in team
    )
    return f'<section class="zespol"><h2>Nasz zespół</h2>{cards}</section>'


def _columns_ja(after: bool) -> str:
    cols = (
        ("会社情報", (("会社概要", "/company"), ("沿革", "/history"), ("アクセス", "/access"))),
        ("サービス", (("料金プラン", "/plans"), ("導入事例", "/cases"), ("よくある質問", "/faq"))),
        (
            "サポート",
            (("お問い合わせ", "/contact"), ("資料請求", "/docs"), ("採用情報", "/recruit")),
        ),
    )
    html = "".join(
        f'<div class="site-bottom__col"><h4>{h}</h4><ul>'
        + "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in links)
        + "</ul></div>"
        for h, links in cols
    )
    return f'<div class="site-bottom"><div class="site-bottom__inner">{html}</div></div>'


def _reviews_en(after: bool) -> str:
    reviews = [
        ("Dana K.", "March 2026", "Set up in ten minutes and it just works."),
        ("Luis P.", "February 2026", "Support answered within the hour, twice."),
        ("Mei T.", "January 2026", "Finally a tool my whole team actually uses."),
    ]
    if after:
        reviews = reviews[2:] + reviews[:2]
    cards = "".join(
        f'<div class="review"><div class="stars">★★★★★</div><p>“{q}”</p>'
        f'<p class="review__by">{n} · {d}</p></div>'
        for n, d, q in reviews
    )
    return f'<section class="reviews"><h2>Loved by small teams</h2>{cards}</section>'


def _team_fr(after: bool) -> str:
    team = [
        ("Claire Martin", "Directrice commerciale", "claire-martin"),
        ("Hugo Petit", "Développeur", "hugo-petit"),
        ("Inès Moreau", "Technicienne de maintenance", "ines-moreau"),
    ]
    cards = "".join(
        f'<div class="membre"><a href="/equipe/{s}"><img src="/img/{s}.jpg" alt="">'
        f'<h3>{n}</h3></a><p class="membre__role">{r}</p></div>'
        for n, r, s in team
    )
    return (
        f'<section class="equipe"><h2>Notre équipe</h2><div class="membres">{cards}</div></section>'
    )


CASES: tuple[Short, ...] = (
    Short(
        "Elementor BR",
        "pt",
        "price",
        "offer",
        ("Básico", "Pro", "Premium"),
        ("49", "99", "249"),
        _elementor_br,
    ),
    Short(
        "Webflow SV",
        "sv",
        "price",
        "offer",
        ("Start", "Plus", "Max"),
        ("199", "349", "699"),
        _webflow_sv,
    ),
    Short(
        "Toggle PL",
        "pl",
        "price",
        "offer",
        ("Team", "Firma"),
        ("49", "99"),
        _toggle_pl,
        path="cennik",
    ),
    Short(
        "From IT",
        "it",
        "price",
        "offer",
        ("Base", "Plus", "Pro", "Business"),
        ("9", "19", "39", "79"),
        _from_it,
    ),
    Short(
        "Cards JA",
        "ja",
        "price",
        "offer",
        ("ライト", "スタンダード", "プロ"),
        ("1980", "3980", "7980"),
        _cards_ja,
    ),
    Short("CHF FR", "fr", "price", "offer", ("Solo", "Duo"), ("12", "19"), _chf_fr, path="tarifs"),
    Short(
        "Squarespace EN",
        "en",
        "price",
        "offer",
        ("Basic", "Plus", "Max"),
        ("12", "24", "48"),
        _sqs_en,
    ),
    Short(
        "Vagas PT",
        "pt",
        "job",
        "hiring",
        ("Analista de marketing", "Desenvolvedor backend"),
        ("", ""),
        _jobs_pt,
    ),
    Short(
        "Jobb SV",
        "sv",
        "job",
        "hiring",
        ("Lagerarbetare", "Säljare till vår butik", "Redovisningsekonom"),
        ("", "", ""),
        _jobs_sv,
    ),
    Short(
        "Lavora IT",
        "it",
        "job",
        "hiring",
        ("Magazziniere", "Addetto alle vendite"),
        ("", ""),
        _jobs_it,
    ),
    Short(
        "Kariera PL",
        "pl",
        "job",
        "hiring",
        ("Specjalista ds. sprzedaży", "Programista Python", "Księgowa"),
        ("", "", ""),
        _jobs_pl,
    ),
    Short(
        "Recruit JA",
        "ja",
        "job",
        "hiring",
        ("営業スタッフ（正社員）", "Webエンジニア"),
        ("", ""),
        _jobs_ja,
    ),
    Short("Beneficios PT", "pt", "", None, (), (), _features_pt),
    Short("Steg SV", "sv", "", None, (), (), _steps_sv),
    Short("Recensioni IT", "it", "", None, (), (), _voices_it),
    Short("Zespol PL", "pl", "", None, (), (), _team_pl),
    Short("Columns JA", "ja", "", None, (), (), _columns_ja),
    Short("Reviews EN", "en", "", None, (), (), _reviews_en),
    Short("Equipe FR", "fr", "", None, (), (), _team_fr),
)

"""The working short list cases: pricing tables, careers sections and blocks of three that are no
list, in the builders and languages the rules were written against."""

from __future__ import annotations

from tests.listcases.lexicon import slug
from tests.listcases.short import Short


def _tiers_en(after: bool) -> str:
    """Three tiers with a monthly and a yearly figure (a toggle), the middle one featured."""
    plans = (
        ("Starter", "$9", "$90"),
        ("Pro", "$29" if not after else "$39", "$290"),
        ("Team", "$79", "$790"),
    )
    cards = "".join(
        f'<div class="pricing-tier{" pricing-tier--featured" if n == "Pro" else ""}">'
        f'<h3 class="pricing-tier__name">{n}</h3><div class="pricing-tier__price">'
        f'<span data-period="month">{m}<small>/mo</small></span>'
        f'<span data-period="year" style="display:none">{y}<small>/yr</small></span></div>'
        f"<ul><li>Unlimited projects</li><li>Email support</li></ul>"
        f'<a class="btn" href="/signup?plan={n.lower()}">Get started</a></div>'
        for n, m, y in plans
    )
    return (
        f'<section class="pricing"><h2>Pricing</h2><div class="toggle"><button>Monthly</button>'
        f'<button>Yearly</button></div><div class="pricing-tiers">{cards}</div></section>'
    )


def _zwei_de(after: bool) -> str:
    """Two plans with "ab" prices and a VAT note."""
    plans = (("Basis", "ab 9,90 €"), ("Pro", "ab 19,90 €" if not after else "ab 24,90 €"))
    cards = "".join(
        f'<div class="tarif"><h3>{n}</h3><p class="tarif-preis">{p} / Monat</p>'
        f'<p>zzgl. MwSt., monatlich kündbar</p><a href="/bestellen">Jetzt bestellen</a></div>'
        for n, p in plans
    )
    return f'<section class="tarife"><h2>Unsere Tarife</h2><div class="tarif-liste">{cards}</div></section>'


def _trois_fr(after: bool) -> str:
    """Three plans as list items, prices TTC, no links."""
    plans = (("Essentiel", "15 €"), ("Pro", "35 €"), ("Équipe", "89 €" if not after else "99 €"))
    rows = "".join(
        f'<li class="offre"><h4>{n}</h4><span class="prix">{p} TTC / mois</span>'
        f"<p>Sans engagement.</p></li>"
        for n, p in plans
    )
    return f'<section><h2>Nos formules</h2><ul class="offres">{rows}</ul></section>'


def _cuatro_es(after: bool) -> str:
    """Four plans (a list before, kept a list)."""
    plans = (
        ("Básico", "9"),
        ("Plus", "19"),
        ("Pro", "29" if not after else "34"),
        ("Empresa", "59"),
    )
    cards = "".join(
        f'<div class="plan"><h3>{n}</h3><p class="precio">{p} €/mes</p><p>IVA no incluido</p></div>'
        for n, p in plans
    )
    return f'<section class="planes"><h2>Precios</h2>{cards}</section>'


def _twee_nl(after: bool) -> str:
    """Two plans in a grid of columns, the price as the card's big figure."""
    plans = (("Start", "€ 4,95"), ("Plus", "€ 9,95" if not after else "€ 12,95"))
    cards = "".join(
        f'<div class="col"><div class="card"><div class="card-body"><h5 class="card-title">{n}</h5>'
        f'<p class="display-6">{p}</p><p>per maand, excl. btw</p></div></div></div>'
        for n, p in plans
    )
    return f'<div class="container"><h2>Abonnementen</h2><div class="row">{cards}</div></div>'


def _kr_da(after: bool) -> str:
    """Three plans in Danish kroner per year."""
    plans = (
        ("Lille", "1.200 kr."),
        ("Mellem", "2.400 kr." if not after else "2.700 kr."),
        ("Stor", "4.800 kr."),
    )
    cards = "".join(
        f'<div class="pakke"><h3>{n}</h3><div class="pakke-pris">{p} om året</div>'
        f"<p>Inkl. moms</p></div>"
        for n, p in plans
    )
    return f'<section><h2>Priser og pakker</h2><div class="pakker">{cards}</div></section>'


def _gbp_en(after: bool) -> str:
    """Three plans with short names, pounds per year, each with a "from"."""
    plans = (("Solo", "£99"), ("Team", "£249"), ("Max", "£499" if not after else "£549"))
    cards = "".join(
        f'<article class="plan-card"><h3>{n}</h3><p>From <b>{p}</b> a year</p>'
        f'<a href="/buy/{n.lower()}">Buy {n}</a></article>'
        for n, p in plans
    )
    return f'<section id="plans"><h2>Plans</h2>{cards}</section>'


def _jobs_en(after: bool) -> str:
    """Two openings linked to a job board."""
    jobs = [
        ("Senior Frontend Engineer", "Remote", 5101),
        ("Customer Support Specialist", "Dublin", 5102),
    ]
    if after:
        jobs.append(("Sales Development Representative", "London", 5109))
    rows = "".join(
        f'<div class="opening"><a href="https://boards.greenhouse.io/acme/jobs/{n}">'
        f'{t}</a><span class="location">{c}</span></div>'
        for t, c, n in jobs
    )
    return f'<section id="jobs"><h2>Open roles</h2><div class="openings">{rows}</div></section>'


def _jobs_de(after: bool) -> str:
    """Three openings with a gender note on a careers page."""
    jobs = [
        ("Vertriebsinnendienst (m/w/d)", "Köln"),
        ("Lagerhelfer (m/w/d)", "Köln"),
        ("Elektroniker (m/w/d)", "Bonn"),
    ]
    if after:
        jobs.insert(1, ("Bürokauffrau (m/w/d)", "Köln"))
    rows = "".join(f'<li><a href="/karriere/{slug(t)}">{t}</a> – {c}</li>' for t, c in jobs)
    return f'<section><h2>Stellenangebote</h2><ul class="stellen">{rows}</ul></section>'


def _jobs_fr(after: bool) -> str:
    """Two openings as cards with no link of their own, applied to by mail."""
    jobs = [("Technicien de maintenance", "Lyon", "CDI"), ("Assistant commercial", "Lyon", "CDD")]
    if after:
        jobs.append(("Comptable", "Villeurbanne", "CDI"))
    rows = "".join(
        f'<div class="poste"><h3>{t}</h3><p>{c} · {k}</p>'
        f'<a href="mailto:rh@exemple.fr">Postuler</a></div>'
        for t, c, k in jobs
    )
    return f'<section class="recrutement"><h2>Nous recrutons</h2>{rows}</section>'


def _jobs_es(after: bool) -> str:
    """Three dated openings."""
    jobs = [
        ("Técnico de mantenimiento", "Bilbao", "2026-02-02"),
        ("Dependiente de tienda", "Vitoria", "2026-02-16"),
        ("Administrativo contable", "Bilbao", "2026-03-01"),
    ]
    if after:
        jobs.insert(0, ("Conductor de reparto", "Getxo", "2026-03-22"))
    rows = "".join(
        f'<article class="empleo"><h3><a href="/empleo/{slug(t)}">{t}</a></h3><p>{c}</p>'
        f'<time datetime="{d}">{d}</time></article>'
        for t, c, d in jobs
    )
    return f"<section><h2>Empleo</h2>{rows}</section>"


def _jobs_nl(after: bool) -> str:
    """Two openings whose titles name no trade the lexicon knows, under a vacancies heading."""
    jobs = [("Allround horecamedewerker", "Utrecht"), ("Teamleider bediening", "Utrecht")]
    if after:
        jobs.append(("Zelfstandig werkend kok", "Amersfoort"))
    rows = "".join(
        f'<li class="vacature"><a href="/vacatures/{slug(t)}">{t}</a><span>{c}</span></li>'
        for t, c in jobs
    )
    return f"<section><h2>Vacatures</h2><ul>{rows}</ul></section>"


def _features_en(after: bool) -> str:
    """Three features, one of which names a price."""
    items = (
        ("Free shipping", "On every order over $50."),
        ("30-day returns", "No questions asked."),
        ("Secure checkout", "Pay by card or bank transfer."),
    )
    cards = "".join(f'<div class="feature"><h3>{t}</h3><p>{d}</p></div>' for t, d in items)
    return f'<section class="features"><h2>Why shop with us</h2>{cards}</section>'


def _steps_de(after: bool) -> str:
    """Three steps of "how it works"."""
    steps = (
        ("Termin vereinbaren", "Rufen Sie uns an oder schreiben Sie uns."),
        ("Beratung vor Ort", "Wir kommen zu Ihnen und messen aus."),
        ("Montage", "Unser Team baut alles in einem Tag ein."),
    )
    cards = "".join(
        f'<div class="schritt"><span class="nr">{i + 1}</span><h3>{t}</h3><p>{d}</p></div>'
        for i, (t, d) in enumerate(steps)
    )
    return f'<section><h2>So funktioniert es</h2><div class="schritte">{cards}</div></section>'


def _voices_fr(after: bool) -> str:
    """Three testimonials with the customer's role and firm, rotated."""
    voices = [
        ("Julie Bernard", "Responsable achats, Bernard SA", "Un service rapide et soigné."),
        ("Marc Lefèvre", "Gérant, Lefèvre & Fils", "Des prix justes, une équipe à l’écoute."),
        ("Sophie Roux", "Comptable, Roux SARL", "Toujours disponibles, toujours efficaces."),
    ]
    if after:
        voices = voices[1:] + voices[:1]
    cards = "".join(
        f'<blockquote class="temoignage"><p>{q}</p><footer><cite>{n}</cite>, '
        f"<span>{r}</span></footer></blockquote>"
        for n, r, q in voices
    )
    return f'<section class="avis"><h2>Ils nous font confiance</h2>{cards}</section>'


def _team_es(after: bool) -> str:
    """Three team members with their roles (titles that read as jobs)."""
    team = [
        ("Lucía García", "Técnico de mantenimiento"),
        ("Javier López", "Comercial"),
        ("Marta Sánchez", "Administrativo contable"),
    ]
    cards = "".join(
        f'<div class="miembro"><img src="/img/{i}.jpg" alt="{n}"><h3>{n}</h3><p>{r}</p></div>'
        for i, (n, r) in enumerate(team)
    )
    return f'<section><h2>Nuestro equipo</h2><div class="equipo">{cards}</div></section>'


def _columns_nl(after: bool) -> str:
    """A foot of three link columns outside a ``<footer>``."""
    cols = (
        ("Over ons", (("Ons verhaal", "/over"), ("Team", "/team"), ("Vacatures", "/vacatures"))),
        (
            "Service",
            (
                ("Verzending", "/verzending"),
                ("Retourneren", "/retour"),
                ("Veelgestelde vragen", "/faq"),
            ),
        ),
        (
            "Contact",
            (("Klantenservice", "/contact"), ("Showroom", "/showroom"), ("Zakelijk", "/zakelijk")),
        ),
    )
    html = "".join(
        f'<div class="footer-col"><h4>{h}</h4><ul>'
        + "".join(f'<li><a href="{u}">{t}</a></li>' for t, u in links)
        + "</ul></div>"
        for h, links in cols
    )
    return f'<div class="bottom"><div class="cols">{html}</div></div>'


def _leaders_en(after: bool) -> str:
    """Three leaders with roles that read as job titles, linked to their pages."""
    team = [
        ("Ana Ruiz", "Head of Engineering", "ana-ruiz"),
        ("Tom Baker", "Sales Manager", "tom-baker"),
        ("Priya Shah", "Product Designer", "priya-shah"),
    ]
    if after:
        team.reverse()
    cards = "".join(
        f'<div class="person"><a href="/people/{s}"><h3>{n}</h3></a><p>{r}</p></div>'
        for n, r, s in team
    )
    return f'<section><h2>Leadership</h2><div class="people">{cards}</div></section>'


CASES: tuple[Short, ...] = (
    Short(
        "Tiers EN", "en", "price", "offer", ("Starter", "Pro", "Team"), ("9", "29", "79"), _tiers_en
    ),
    Short(
        "Zwei DE", "de", "price", "offer", ("Basis", "Pro"), ("99", "199"), _zwei_de, path="preise"
    ),
    Short(
        "Trois FR",
        "fr",
        "price",
        "offer",
        ("Essentiel", "Pro", "Équipe"),
        ("15", "35", "89"),
        _trois_fr,
    ),
    Short(
        "Cuatro ES",
        "es",
        "price",
        "offer",
        ("Básico", "Plus", "Pro", "Empresa"),
        ("9", "19", "29", "59"),
        _cuatro_es,
    ),
    Short("Twee NL", "nl", "price", "offer", ("Start", "Plus"), ("495", "995"), _twee_nl),
    Short(
        "Kr DA",
        "da",
        "price",
        "offer",
        ("Lille", "Mellem", "Stor"),
        ("1200", "2400", "4800"),
        _kr_da,
    ),
    Short("GBP EN", "en", "price", "offer", ("Solo", "Team", "Max"), ("99", "249", "499"), _gbp_en),
    Short(
        "Roles EN",
        "en",
        "job",
        "hiring",
        ("Senior Frontend Engineer", "Customer Support Specialist"),
        ("", ""),
        _jobs_en,
    ),
    Short(
        "Stellen DE",
        "de",
        "job",
        "hiring",
        ("Vertriebsinnendienst (m/w/d)", "Lagerhelfer (m/w/d)", "Elektroniker (m/w/d)"),
        ("", "", ""),
        _jobs_de,
        path="karriere",
    ),
    Short(
        "Postes FR",
        "fr",
        "job",
        "hiring",
        ("Technicien de maintenance", "Assistant commercial"),
        ("", ""),
        _jobs_fr,
    ),
    Short(
        "Empleo ES",
        "es",
        "job",
        "hiring",
        ("Técnico de mantenimiento", "Dependiente de tienda", "Administrativo contable"),
        ("", "", ""),
        _jobs_es,
    ),
    Short(
        "Vacatures NL",
        "nl",
        "job",
        "hiring",
        ("Allround horecamedewerker", "Teamleider bediening"),
        ("", ""),
        _jobs_nl,
    ),
    Short("Features EN", "en", "", None, (), (), _features_en),
    Short("Schritte DE", "de", "", None, (), (), _steps_de),
    Short("Avis FR", "fr", "", None, (), (), _voices_fr),
    Short("Equipo ES", "es", "", None, (), (), _team_es),
    Short("Columns NL", "nl", "", None, (), (), _columns_nl),
    Short("Leaders EN", "en", "", None, (), (), _leaders_en),
)
